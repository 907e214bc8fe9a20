import { randomBytes } from "node:crypto";
import { ensureInvitation } from "~/models/invitation.server";
import { ensurePanel } from "~/models/panel.server";
import { upsertPanelist, type PanelistProfile } from "~/models/panelist.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { createWave } from "~/models/wave.server";

const unique = () => randomBytes(4).toString("hex");

/** A panel, one panelist and a wave of a repository questionnaire with that panelist invited. */
export async function invitedPanelist(
  options: {
    questionnaire?: string;
    opensAt?: Date;
    closesAt?: Date | null;
    profile?: Partial<PanelistProfile>;
    identified?: boolean;
  } = {},
) {
  await syncQuestionnaires("survey-definitions");
  const version = await getCurrentVersion(options.questionnaire ?? "micro-credentials-2021");
  if (!version) throw new Error("questionnaire missing");
  const panel = await ensurePanel({ slug: `panel-${unique()}`, name: "Test panel" });
  const panelist = await upsertPanelist(panel.id, {
    email: `person-${unique()}@example.org`,
    name: "Ana Rojas",
    country: "CL",
    organisation: "Universidad Austral",
    organisationType: "private-university",
    roleCategory: "provost",
    jobTitle: "Provost",
    ...options.profile,
  });
  const wave = await createWave({
    slug: `wave-${unique()}`,
    title: version.title,
    panelId: panel.id,
    questionnaireVersionId: version.id,
    opensAt: options.opensAt ?? new Date(Date.now() - 60_000),
    closesAt: options.closesAt === undefined ? new Date(Date.now() + 86_400_000) : options.closesAt,
    identified: options.identified,
  });
  const invitation = await ensureInvitation(wave.id, panelist.id);
  return { panel, panelist, wave, version, invitation, token: invitation.token };
}

/** A complete, valid set of answers to the 2021 questionnaire. */
export const answers2021 = {
  country: "CL",
  organisationType: "university",
  strategicImportance: 4,
  currentState: "piloting",
  applications: ["short-courses", "other"],
  "applications-Comment": "Bootcamps with employers",
  barriers: ["recognition-quality", "trust"],
  priorities: ["workforce-gap", "lifelong-learning", "new-revenue", "degree-flexibility", "industry-partnership"],
  relationToDegrees: "embedded",
  industryAlternative: true,
  comment: "Learners will collect a mosaic of credentials.",
  consentToQuote: true,
};
