import { sql, json } from "~/db.server";
import { segmentSchema, type Segment } from "~/lib/panel";
import { DEFAULT_INVITATION_BODY, DEFAULT_REMINDER_BODY } from "~/lib/email";
import { waveState } from "~/lib/fieldwork";
import { audit, type Actor } from "./audit.server";

export { waveState };

export interface Wave {
  id: number;
  slug: string;
  title: string;
  panelId: number;
  questionnaireVersionId: number;
  opensAt: Date;
  closesAt: Date | null;
  minGroupSize: number;
  audience: "respondents" | "panel" | "public";
  segment: Segment;
  invitationSubject: string;
  invitationBody: string;
  reminderSubject: string;
  reminderBody: string;
  reminderDays: number[];
  maxReminders: number;
  thankYou: boolean;
  openLinkCode: string | null;
  openLinkEmailCheck: boolean;
  launchedAt: Date | null;
  closedEarlyAt: Date | null;
  /**
   * Declared at launch: the panel team may link responses to people. Otherwise (the default) the wave
   * is anonymous to the team: response exports carry no direct link to a person (issue 21).
   */
  identified: boolean;
  /** The series it belongs to (issue 28), if any. */
  seriesId: number | null;
  seriesSlug: string | null;
  /** Email templates in other languages, by language code; English (the fields above) is the fallback. */
  translations: Record<string, Partial<WaveTemplates>>;
  /** Whether the panel team wrote their own English templates (then other languages fall back to them, not to ours). */
  customTemplates: { invitation: boolean; reminder: boolean };
}

interface WaveTemplates {
  invitationSubject: string;
  invitationBody: string;
  reminderSubject: string;
  reminderBody: string;
}

const DEFAULT_INVITATION_SUBJECT = "Your invitation: {{surveyTitle}}";
const DEFAULT_REMINDER_SUBJECT = "Reminder: {{surveyTitle}} closes on {{closeDate}}";

const columns =
  () => sql`id, slug, title, panel_id, questionnaire_version_id, opens_at, closes_at, min_group_size, audience,
  segment, invitation_subject, invitation_body, reminder_subject, reminder_body, reminder_days, max_reminders, thank_you,
  open_link_code, open_link_email_check, launched_at, closed_early_at, translations, identified, series_id,
  (select s.slug from series s where s.id = series_id) as series_slug`;

/** A template as written, whatever line endings the browser sent (a textarea posts CRLF). */
const sameText = (a: string) => a.replace(/\r\n?/g, "\n").trim();

function normalise(wave: Wave): Wave {
  return {
    ...wave,
    segment: segmentSchema.parse(wave.segment ?? {}),
    invitationBody: wave.invitationBody || DEFAULT_INVITATION_BODY,
    reminderBody: wave.reminderBody || DEFAULT_REMINDER_BODY,
    translations: wave.translations ?? {},
    customTemplates: {
      invitation:
        (Boolean(wave.invitationBody) && sameText(wave.invitationBody) !== sameText(DEFAULT_INVITATION_BODY)) ||
        wave.invitationSubject !== DEFAULT_INVITATION_SUBJECT,
      reminder:
        (Boolean(wave.reminderBody) && sameText(wave.reminderBody) !== sameText(DEFAULT_REMINDER_BODY)) ||
        wave.reminderSubject !== DEFAULT_REMINDER_SUBJECT,
    },
  };
}

export interface WaveInput {
  slug: string;
  title: string;
  panelId: number;
  questionnaireVersionId: number;
  opensAt?: Date;
  closesAt?: Date | null;
  minGroupSize?: number;
  audience?: Wave["audience"];
  segment?: Segment;
  invitationSubject?: string;
  invitationBody?: string;
  reminderSubject?: string;
  reminderBody?: string;
  reminderDays?: number[];
  maxReminders?: number;
  thankYou?: boolean;
  openLinkCode?: string | null;
  openLinkEmailCheck?: boolean;
  translations?: Record<string, Partial<WaveTemplates>>;
  identified?: boolean;
  seriesId?: number | null;
}

/** Creates a wave that fields the given questionnaire version (frozen) to a panel. */
export async function createWave(input: WaveInput, actor?: Actor): Promise<Wave> {
  return sql.begin(async (tx) => {
    const [wave] = await tx<Wave[]>`
      insert into waves (slug, title, panel_id, questionnaire_id, questionnaire_version_id, opens_at, closes_at,
        min_group_size, audience, segment, invitation_subject, invitation_body, reminder_subject, reminder_body,
        reminder_days, max_reminders, thank_you, open_link_code, open_link_email_check, translations, identified, series_id)
      select ${input.slug}, ${input.title}, ${input.panelId}, v.questionnaire_id, v.id,
        ${input.opensAt ?? new Date()}, ${input.closesAt ?? null}, ${input.minGroupSize ?? 5},
        ${input.audience ?? "respondents"}, ${json(tx, input.segment ?? {})},
        ${input.invitationSubject ?? DEFAULT_INVITATION_SUBJECT}, ${input.invitationBody ?? ""},
        ${input.reminderSubject ?? DEFAULT_REMINDER_SUBJECT}, ${input.reminderBody ?? ""},
        ${input.reminderDays ?? [4, 9]}, ${input.maxReminders ?? 2}, ${input.thankYou ?? true},
        ${input.openLinkCode ?? null}, ${input.openLinkEmailCheck ?? false}, ${json(tx, input.translations ?? {})},
        ${input.identified ?? false}, ${input.seriesId ?? null}
      from questionnaire_versions v where v.id = ${input.questionnaireVersionId}
      returning ${columns()}`;
    if (!wave) throw new Error(`questionnaire version ${input.questionnaireVersionId} does not exist`);
    if (actor)
      await audit(
        actor,
        "create",
        "wave",
        wave.id,
        {
          slug: input.slug,
          title: input.title,
          segment: input.segment ?? {},
          identified: input.identified ?? false,
          ...(input.seriesId ? { seriesId: input.seriesId } : {}),
        },
        tx,
      );
    return normalise(wave);
  });
}

export async function getWaveBySlug(slug: string): Promise<Wave | undefined> {
  const [wave] = await sql<Wave[]>`select ${columns()} from waves where slug = ${slug}`;
  return wave && normalise(wave);
}

export async function getWave(id: number): Promise<Wave | undefined> {
  const [wave] = await sql<Wave[]>`select ${columns()} from waves where id = ${id}`;
  return wave && normalise(wave);
}

export async function getWaveByOpenCode(code: string): Promise<Wave | undefined> {
  const [wave] = await sql<Wave[]>`select ${columns()} from waves where open_link_code = ${code}`;
  return wave && normalise(wave);
}

export async function waveSlugTaken(slug: string): Promise<boolean> {
  const [row] = await sql`select 1 from waves where slug = ${slug}`;
  return Boolean(row);
}

export interface WaveSummary {
  slug: string;
  title: string;
  panelName: string;
  opensAt: Date;
  closesAt: Date | null;
  invited: number;
  completed: number;
}

/** Every wave, newest first (or those of the panels `panelIds`). */
export async function listWaves(panelIds: number[] | null = null): Promise<WaveSummary[]> {
  return sql<WaveSummary[]>`
    select w.slug, w.title, p.name as panel_name, w.opens_at, w.closes_at,
      (select count(*) from invitations i where i.wave_id = w.id) as invited,
      (select count(*) from responses r where r.wave_id = w.id and r.status = 'complete') as completed
    from waves w join panels p on p.id = w.panel_id
    where ${panelIds === null ? sql`true` : sql`w.panel_id = any(${panelIds}::bigint[])`}
    order by w.opens_at desc, w.id desc`;
}

/** Closes a wave now (links then show "closed"), or moves its close date (extend or reopen). */
export async function setCloseDate(wave: Wave, closesAt: Date, actor: Actor, early: boolean): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`update waves set closes_at = ${closesAt}, closed_early_at = ${early ? closesAt : null}, updated_at = now() where id = ${wave.id}`;
    await audit(
      actor,
      early ? "close" : "extend",
      "wave",
      wave.id,
      { closesAt: { from: wave.closesAt, to: closesAt } },
      tx,
    );
  });
}
