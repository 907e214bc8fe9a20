import { sql } from "~/db.server";
import type { ContactLimit } from "~/lib/fieldwork";
import { audit, type Actor } from "./audit.server";

export interface Panel {
  id: number;
  slug: string;
  name: string;
  description: string;
  consentText: string;
  consentVersion: number;
  /** When the logo last changed (seconds), to version its address; null without a logo. */
  logoVersion: number | null;
  /** How often one person may be invited (see lib/contact-rule). */
  contactLimit: ContactLimit;
}

const panelColumns = () =>
  sql`id, slug, name, description, consent_text, consent_version, extract(epoch from logo_updated_at)::bigint as logo_version,
    jsonb_build_object('invitations', contact_invitations, 'days', contact_days, 'gapDays', contact_gap_days) as contact_limit`;

/** Creates a panel, or returns the one with that slug. */
export async function ensurePanel(input: {
  slug: string;
  name: string;
  description?: string;
  consentText?: string;
}): Promise<Panel> {
  const [panel] = await sql<Panel[]>`
    insert into panels (slug, name, description, consent_text)
    values (${input.slug}, ${input.name}, ${input.description ?? ""}, ${input.consentText ?? ""})
    on conflict (slug) do update set slug = excluded.slug
    returning ${panelColumns()}`;
  if (!panel) throw new Error(`could not store panel ${input.slug}`);
  return panel;
}

export async function getPanelBySlug(slug: string): Promise<Panel | undefined> {
  const [panel] = await sql<Panel[]>`
    select ${panelColumns()} from panels where slug = ${slug}`;
  return panel;
}

export async function getPanelById(id: number): Promise<Panel | undefined> {
  const [panel] = await sql<Panel[]>`
    select ${panelColumns()} from panels where id = ${id}`;
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

/** All panels (or those of `panelIds`) with how many people each has. */
export async function listPanels(panelIds: number[] | null = null): Promise<PanelSummary[]> {
  return sql<PanelSummary[]>`
    select p.id, p.slug, p.name, p.description, p.consent_text, p.consent_version, extract(epoch from p.logo_updated_at)::bigint as logo_version,
      jsonb_build_object('invitations', p.contact_invitations, 'days', p.contact_days, 'gapDays', p.contact_gap_days) as contact_limit,
      count(x.id) as panelists, count(x.id) filter (where x.status = 'active') as active
    from panels p left join panelists x on x.panel_id = p.id
    where ${panelIds === null ? sql`true` : sql`p.id = any(${panelIds}::bigint[])`}
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
      returning ${panelColumns()}`;
    if (!row) return { ok: false, reason: "slug-taken" } as const;
    await audit(actor, "create", "panel", row.id, { ...input }, tx);
    return { ok: true, panel: row } as const;
  });
}

/** Sets or removes a panel's logo (bytes already checked to be PNG, JPEG or WebP). */
export async function setPanelLogo(
  panel: Panel,
  logo: { bytes: Uint8Array; type: string } | null,
  actor: Actor,
): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`
      update panels set logo = ${logo ? Buffer.from(logo.bytes) : null}, logo_type = ${logo?.type ?? null},
        logo_updated_at = ${logo ? sql`now()` : null}
      where id = ${panel.id}`;
    await audit(
      actor,
      logo ? "set-logo" : "remove-logo",
      "panel",
      panel.id,
      logo ? { type: logo.type, bytes: logo.bytes.length } : {},
      tx,
    );
  });
}

/** A panel's logo and its type, to serve. */
export async function panelLogo(slug: string): Promise<{ bytes: Buffer; type: string; version: number } | undefined> {
  const [row] = await sql<{ bytes: Buffer; type: string; version: number }[]>`
    select logo as bytes, logo_type as type, extract(epoch from logo_updated_at)::bigint as version
    from panels where slug = ${slug} and logo is not null`;
  return row;
}

/** Sets how often the panel may invite one person (audited with the rule before and after). */
export async function setContactLimit(panel: Panel, limit: ContactLimit, actor: Actor): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`
      update panels set contact_invitations = ${limit.invitations}, contact_days = ${limit.days},
        contact_gap_days = ${limit.gapDays}, updated_at = now()
      where id = ${panel.id}`;
    await audit(actor, "set-contact-limit", "panel", panel.id, { before: panel.contactLimit, after: limit }, tx);
  });
}
