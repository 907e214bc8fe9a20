import { z } from "zod";
import { checkAnswers, type AnswerError } from "~/lib/answers";
import { thankYouEmail } from "~/lib/email-templates";
import { longDate } from "~/lib/dates";
import { deliverSoon } from "~/models/email.server";
import { LinkList } from "~/lib/link-placeholders";
import { listHeaders } from "./personal-links.server";
import { findInvitationByToken, markOpened, type InvitationContext } from "~/models/invitation.server";
import { completeInvitationResponse, partialResponseOf, savePartialResponse } from "~/models/response.server";
import { waveState } from "~/models/wave.server";

export type RespondentPage =
  | { kind: "not-found" }
  | { kind: "answered"; answeredAt: Date; title: string; panelName: string | null }
  | { kind: "not-open"; opensAt: Date; title: string }
  | { kind: "closed"; closedAt: Date; title: string }
  | {
      kind: "open";
      title: string;
      description: string;
      /** The panel the invitation comes from, named at the top of the page (open links: none). */
      panelName?: string | null;
      definition: Record<string, unknown>;
      firstName: string | null;
      askEmail?: boolean;
      /** Answers saved earlier from any device, to resume with (personal links only). */
      resume?: { data: Record<string, unknown>; page: number; savedAt: string } | null;
      /** Whether progress is saved to the server as the respondent goes (personal links; open links keep it in the browser). */
      autosave: boolean;
    };

/** The page is headed by the wave people were invited to ("… 2026"), not the questionnaire's own title. */
function describe(ctx: InvitationContext): { title: string; description: string } {
  const description = typeof ctx.definition.description === "string" ? ctx.definition.description : "";
  return { title: ctx.waveTitle, description };
}

/** What the thank-you page says: which wave, which panel, to whom (only once the link is used). */
export async function loadThanks(token: string): Promise<{ title: string; panelName: string; firstName: string | null } | undefined> {
  const ctx = await findInvitationByToken(token);
  if (!ctx || !ctx.usedAt || ctx.panelistStatus === "erased") return undefined;
  return { title: ctx.waveTitle, panelName: ctx.panelName, firstName: ctx.firstName };
}

/** What a respondent's link shows now: the questionnaire, or why not. */
export async function loadRespondentPage(token: string, now = new Date()): Promise<RespondentPage> {
  const ctx = await findInvitationByToken(token);
  if (!ctx || ctx.panelistStatus === "erased") return { kind: "not-found" };
  if (ctx.usedAt) return { kind: "answered", answeredAt: ctx.usedAt, title: ctx.waveTitle, panelName: ctx.panelName };
  const { title, description } = describe(ctx);
  const state = waveState(ctx, now);
  if (state === "not-open") return { kind: "not-open", opensAt: ctx.opensAt, title };
  if (state === "closed") return { kind: "closed", closedAt: ctx.closesAt as Date, title };
  if (!ctx.openedAt) await markOpened(ctx.invitationId);
  const partial = await partialResponseOf(ctx.invitationId);
  return {
    kind: "open",
    title,
    description,
    panelName: ctx.panelName,
    definition: ctx.definition,
    firstName: ctx.firstName,
    resume: partial ? { data: partial.data, page: partial.page, savedAt: partial.savedAt.toISOString() } : null,
    autosave: true,
  };
}

/** What a respondent POST's body must be, said the same way for personal and open links. */
export const BODY_MESSAGES = {
  body: { invalid_type_error: "The body must be a JSON object, such as {\"data\": {…}, \"complete\": true}." },
  data: { invalid_type_error: "\"data\" must be an object of answers keyed by question name", required_error: "\"data\" is required: an object of answers keyed by question name" },
};

const bodySchema = z.object({
  data: z.record(z.unknown(), BODY_MESSAGES.data),
  complete: z.boolean({ required_error: "\"complete\" is required (true to submit, false to save progress)" }),
  submissionId: z.string().uuid("\"submissionId\" must be a UUID").optional(),
  page: z.number().int("\"page\" must be a whole number").min(0, "\"page\" must be 0 or more").max(999, "\"page\" must be below 1000").optional(),
}, BODY_MESSAGES.body);

export type SubmitOutcome =
  | { kind: "not-found" }
  | { kind: "bad-request"; message: string }
  | { kind: "closed"; message: string }
  | { kind: "already-answered"; message: string }
  | { kind: "invalid"; errors: AnswerError[] }
  | { kind: "saved"; status: "complete" | "partial"; responseId: string };

/** Validates and stores answers sent to a respondent link (the `POST /s/:token` contract). */
export async function submitAnswers(token: string, body: unknown, now = new Date()): Promise<SubmitOutcome> {
  const ctx = await findInvitationByToken(token);
  if (!ctx || ctx.panelistStatus === "erased") return { kind: "not-found" };

  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    return { kind: "bad-request", message: parsed.error.issues.map((i) => i.message).join("; ") };
  }
  const { data, complete, submissionId, page } = parsed.data;

  const state = waveState(ctx, now);
  if (state === "closed") return { kind: "closed", message: `This survey closed on ${longDate(ctx.closesAt as Date)}.` };
  if (state === "not-open") return { kind: "closed", message: `This survey opens on ${longDate(ctx.opensAt)}.` };

  const already = () => `You already answered on ${longDate(ctx.usedAt ?? now)}. Thank you.`;
  const check = checkAnswers(ctx.definition, data, { complete, cacheKey: ctx.versionId });
  if (!check.ok) {
    return ctx.usedAt ? { kind: "already-answered", message: already() } : { kind: "invalid", errors: check.errors };
  }
  if (!complete) {
    if (ctx.usedAt) return { kind: "already-answered", message: already() };
    const saved = await savePartialResponse({ invitationId: ctx.invitationId, versionId: ctx.versionId, data: check.data, page });
    return saved ? { kind: "saved", status: "partial", responseId: saved } : { kind: "already-answered", message: already() };
  }
  const thank = ctx.thankYou && ctx.panelistEmail && ctx.panelistStatus === "active";
  const links = new LinkList();
  const outcome = await completeInvitationResponse({
    invitationId: ctx.invitationId,
    versionId: ctx.versionId,
    data: check.data,
    submissionId: submissionId ?? null,
    thankYou: thank
      ? {
          kind: "thank-you",
          panelistId: ctx.panelistId,
          to: ctx.panelistEmail as string,
          content: thankYouEmail({ name: ctx.panelistName, panelName: ctx.panelName, surveyTitle: ctx.waveTitle, unsubscribeUrl: links.add({ kind: "unsubscribe", panelistId: ctx.panelistId }) }),
          headers: listHeaders(links, ctx.panelistId),
          links: links.specs,
          dedupeKey: `thank-you:${ctx.invitationId}`,
        }
      : undefined,
  });
  if (outcome.status === "stored") deliverSoon(outcome.emailIds);
  if (outcome.status === "already-used") {
    return { kind: "already-answered", message: `You already answered on ${longDate(outcome.completedAt ?? now)}. Thank you.` };
  }
  return { kind: "saved", status: "complete", responseId: outcome.responseId };
}
