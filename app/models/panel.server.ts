import { sql } from "~/db.server";

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

export async function countPanels(): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*) as n from panels`;
  return row?.n ?? 0;
}
