import { sql } from "~/db.server";
import { audit, type Actor } from "./audit.server";

export interface Panel {
  id: number;
  slug: string;
  name: string;
  description: string;
  consentText: string;
  consentVersion: number;
}

/** Creates a panel, or returns the one with that slug. */
export async function ensurePanel(input: { slug: string; name: string; description?: string; consentText?: string }): Promise<Panel> {
  const [panel] = await sql<Panel[]>`
    insert into panels (slug, name, description, consent_text)
    values (${input.slug}, ${input.name}, ${input.description ?? ""}, ${input.consentText ?? ""})
    on conflict (slug) do update set slug = excluded.slug
    returning id, slug, name, description, consent_text, consent_version`;
  if (!panel) throw new Error(`could not store panel ${input.slug}`);
  return panel;
}

export async function getPanelBySlug(slug: string): Promise<Panel | undefined> {
  const [panel] = await sql<Panel[]>`
    select id, slug, name, description, consent_text, consent_version from panels where slug = ${slug}`;
  return panel;
}

export async function getPanelById(id: number): Promise<Panel | undefined> {
  const [panel] = await sql<Panel[]>`
    select id, slug, name, description, consent_text, consent_version from panels where id = ${id}`;
  return panel;
}

export async function countPanels(): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*) as n from panels`;
  return row?.n ?? 0;
}

export interface PanelSummary extends Panel {
  panelists: number;
  active: number;
}

/** All panels with how many people each has. */
export async function listPanels(): Promise<PanelSummary[]> {
  return sql<PanelSummary[]>`
    select p.id, p.slug, p.name, p.description, p.consent_text, p.consent_version,
      count(x.id) as panelists, count(x.id) filter (where x.status = 'active') as active
    from panels p left join panelists x on x.panel_id = p.id
    group by p.id order by p.name`;
}

/** Creates a panel; refuses a slug in use. */
export async function createPanel(
  input: { slug: string; name: string; description?: string; consentText?: string },
  actor: Actor,
): Promise<{ ok: true; panel: Panel } | { ok: false; reason: "slug-taken" }> {
  return sql.begin(async (tx) => {
    const [row] = await tx<Panel[]>`
      insert into panels (slug, name, description, consent_text) values (${input.slug}, ${input.name}, ${input.description ?? ""}, ${input.consentText ?? ""})
      on conflict (slug) do nothing
      returning id, slug, name, description, consent_text, consent_version`;
    if (!row) return { ok: false, reason: "slug-taken" } as const;
    await audit(actor, "create", "panel", row.id, { ...input }, tx);
    return { ok: true, panel: row } as const;
  });
}
