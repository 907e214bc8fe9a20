import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { segmentSchema } from "~/lib/panel";
import { invite, remind, sendInvitations } from "~/flows/fieldwork.server";
import { dueReminders } from "~/lib/fieldwork";
import { waveStatus } from "~/models/fieldwork.server";
import { ensurePanel } from "~/models/panel.server";
import { upsertPanelist } from "~/models/panelist.server";
import { getCurrentVersion } from "~/models/questionnaire.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { countSegment } from "~/models/segment.server";
import { createWave, getWave } from "~/models/wave.server";
import { submitAnswers } from "~/flows/respond.server";
import { tokenFor } from "~/models/invitation.server";
import { answers2021, invitedPanelist } from "../helpers/fixtures";
import { deliverTo } from "../helpers/mail";

const actor = { label: "test" };
const DAY = 86_400_000;

async function panelWithPeople() {
  await syncQuestionnaires("survey-definitions");
  const panel = await ensurePanel({ slug: `fw-${randomBytes(3).toString("hex")}`, name: "Fieldwork panel" });
  const people = [
    {
      email: "us1@x.org",
      name: "Una One",
      country: "US",
      organisationType: "public-university",
      roleCategory: "president",
    },
    {
      email: "us2@x.org",
      name: "Uri Two",
      country: "US",
      organisationType: "private-university",
      roleCategory: "provost",
    },
    {
      email: "ca1@x.org",
      name: "Cara",
      country: "CA",
      organisationType: "public-university",
      roleCategory: "provost",
      attributes: { cohort: "A" },
    },
    { email: "in1@x.org", name: "Indu", country: "IN", organisationType: "public-university", roleCategory: "dean" },
    {
      email: "left@x.org",
      name: "Lefty",
      country: "US",
      organisationType: "public-university",
      roleCategory: "president",
    },
  ];
  const ids: Record<string, number> = {};
  for (const p of people) ids[p.email] = (await upsertPanelist(panel.id, p)).id;
  await sql`update panelists set status = 'unsubscribed' where id = ${ids["left@x.org"] as number}`;
  return { panel, ids };
}

async function newWave(panelId: number, segment: unknown, extra: Record<string, unknown> = {}) {
  const version = await getCurrentVersion("micro-credentials-2021");
  return createWave({
    slug: `wave-${randomBytes(3).toString("hex")}`,
    title: "Micro-credentials 2026",
    panelId,
    questionnaireVersionId: version!.id,
    opensAt: new Date(Date.now() - DAY),
    closesAt: new Date(Date.now() + 30 * DAY),
    segment: segmentSchema.parse(segment),
    ...extra,
  });
}

describe("segments", () => {
  it("count only active panelists matching every list, including custom attributes", async () => {
    const { panel } = await panelWithPeople();
    expect(await countSegment(panel.id, segmentSchema.parse({}))).toBe(4);
    expect(await countSegment(panel.id, segmentSchema.parse({ region: ["North America"] }))).toBe(3);
    expect(
      await countSegment(panel.id, segmentSchema.parse({ region: ["North America"], roleCategory: ["provost"] })),
    ).toBe(2);
    expect(
      await countSegment(panel.id, segmentSchema.parse({ country: ["Canada"], attributes: { cohort: ["A"] } })),
    ).toBe(1);
    expect(
      await countSegment(
        panel.id,
        segmentSchema.parse({ organisationType: ["Public university"], region: ["South Asia"] }),
      ),
    ).toBe(1);
    expect(segmentSchema.safeParse({ region: ["Atlantis"] }).success).toBe(false);
  });
});

describe("sending a wave", () => {
  it("invites exactly the active panelists of the segment, emails each once with a working link, and never twice", async () => {
    const { panel, ids } = await panelWithPeople();
    const wave = await newWave(panel.id, { region: ["North America"] });
    const first = await invite(wave, actor);
    expect(first.created).toBe(3);
    const sent = await sendInvitations(wave, actor);
    expect(sent.queued).toBe(3);

    const again = await invite(wave, actor);
    expect(again).toMatchObject({ created: 0, alreadyInvited: 3 });
    expect((await sendInvitations(wave, actor)).queued).toBe(0);

    const mails = await sql<{ to: string; subject: string; textBody: string; headers: Record<string, string> }[]>`
      select e.to_address as to, e.subject, e.text_body, e.headers from emails e join invitations i on e.dedupe_key = 'invitation:' || i.id
      where i.wave_id = ${wave.id} order by e.to_address`;
    expect(mails.map((m) => m.to)).toEqual(["ca1@x.org", "us1@x.org", "us2@x.org"]);
    expect(mails[0]?.subject).toBe("Your invitation: Micro-credentials 2026");
    const link = new RegExp(`/s/${tokenFor(wave.id, ids["ca1@x.org"] as number)}`);
    expect(mails[0]?.textBody).not.toMatch(link); // stored without it
    expect(mails[0]?.textBody).toContain("Dear Cara,");
    expect(mails[0]?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const [delivered] = await deliverTo("ca1@x.org");
    expect(delivered?.text).toMatch(link); // made as it goes out
    expect(delivered?.html).toMatch(link);
    expect(delivered?.headers["List-Unsubscribe"]).toMatch(/\/u\/\d+\.[A-Za-z0-9_-]{43}>$/);
  });

  it("invites named people, reporting those already invited and those not eligible", async () => {
    const { panel } = await panelWithPeople();
    const wave = await newWave(panel.id, {});
    await invite(wave, actor, ["us1@x.org"]);
    const result = await invite(wave, actor, ["US1@x.org", "in1@x.org", "left@x.org", "stranger@x.org"]);
    expect(result.created).toBe(1);
    expect(result.alreadyInvited).toBe(1);
    expect(result.notEligible).toEqual(["left@x.org", "stranger@x.org"]);
  });
});

describe("reminders", () => {
  it("go only to active non-completers, at most the maximum, never within 48 hours, with resume wording for starters", async () => {
    const { panel, ids } = await panelWithPeople();
    const wave = await newWave(panel.id, { region: ["North America"] }, { maxReminders: 2, reminderDays: [4, 9] });
    await invite(wave, actor);
    const launch = new Date();
    await sendInvitations(wave, actor, launch);

    // us1 completes, us2 starts, ca1 does nothing.
    await submitAnswers(tokenFor(wave.id, ids["us1@x.org"] as number), { data: answers2021, complete: true });
    await submitAnswers(tokenFor(wave.id, ids["us2@x.org"] as number), {
      data: { strategicImportance: 2 },
      complete: false,
    });

    expect((await remind(wave, actor, { now: new Date(launch.getTime() + DAY) })).queued).toBe(0); // within 48 h
    const day3 = new Date(launch.getTime() + 3 * DAY);
    expect((await remind(wave, actor, { now: day3 })).queued).toBe(2);
    const reminders = await sql<{ to: string; textBody: string }[]>`
      select to_address as to, text_body from emails where kind = 'reminder' and panelist_id = any(${Object.values(ids)}) order by to_address`;
    expect(reminders.map((r) => r.to)).toEqual(["ca1@x.org", "us2@x.org"]);
    expect(reminders.find((r) => r.to === "us2@x.org")?.textBody).toContain("where you left off");
    expect(reminders.find((r) => r.to === "ca1@x.org")?.textBody).not.toContain("where you left off");

    expect((await remind(wave, actor, { now: new Date(day3.getTime() + DAY) })).queued).toBe(0); // 48 h gap again
    await sql`update panelists set status = 'unsubscribed' where id = ${ids["ca1@x.org"] as number}`;
    expect((await remind(wave, actor, { now: new Date(day3.getTime() + 3 * DAY) })).queued).toBe(1); // us2 only
    expect((await remind(wave, actor, { now: new Date(day3.getTime() + 6 * DAY) })).queued).toBe(0); // maximum reached
  });

  it("follows the automatic schedule in days after launch", () => {
    const launchedAt = new Date("2026-01-01T00:00:00Z");
    const wave = { launchedAt, reminderDays: [9, 4], maxReminders: 2 };
    expect(dueReminders(wave, new Date("2026-01-04T23:00:00Z"))).toBe(0);
    expect(dueReminders(wave, new Date("2026-01-05T00:00:00Z"))).toBe(1);
    expect(dueReminders(wave, new Date("2026-01-10T00:00:00Z"))).toBe(2);
    expect(dueReminders({ ...wave, maxReminders: 1 }, new Date("2026-02-01T00:00:00Z"))).toBe(1);
    expect(dueReminders({ ...wave, launchedAt: null }, new Date())).toBe(0);
  });
});

describe("the fieldwork figures", () => {
  it("match the database after a mixed run: opened, partial, complete", async () => {
    const { panel, ids } = await panelWithPeople();
    // Identified: the latest activity lists who did what (an anonymous wave's does not; below).
    const wave = await newWave(panel.id, {}, { identified: true });
    await invite(wave, actor);
    await sendInvitations(wave, actor);
    const token = (email: string) => tokenFor(wave.id, ids[email] as number);
    await sql`update invitations set opened_at = now() where wave_id = ${wave.id} and panelist_id = ${ids["in1@x.org"] as number}`;
    await submitAnswers(token("us2@x.org"), { data: { strategicImportance: 3 }, complete: false });
    await submitAnswers(token("us1@x.org"), { data: answers2021, complete: true });
    await submitAnswers(token("ca1@x.org"), { data: answers2021, complete: true });
    await sql`update panelists set status = 'bounced' where id = ${ids["in1@x.org"] as number}`;

    const status = await waveStatus((await getWave(wave.id))!);
    expect(status).toMatchObject({
      invited: 4,
      emailed: 4,
      bounced: 1,
      opened: 4,
      started: 3,
      completed: 2,
      responseRate: 50,
    });
    expect(status.byRegion).toEqual(
      expect.arrayContaining([
        { key: "North America", invited: 3, completed: 2 },
        { key: "South Asia", invited: 1, completed: 0 },
      ]),
    );
    expect(status.curve.at(-1)?.cumulative).toBe(2);
    expect(status.latest[0]?.event).toBe("completed");
    expect(status.latest[0]?.email).toMatch(/@x\.org$/);
    // The same wave, anonymous: the same figures, and no one named with a time.
    const anonymous = await waveStatus({ ...(await getWave(wave.id))!, identified: false });
    expect(anonymous).toMatchObject({ invited: 4, completed: 2, responseRate: 50 });
    expect(anonymous.latest).toEqual([]);
    const thanks = await sql<
      { n: number }[]
    >`select count(*) as n from emails where kind = 'thank-you' and panelist_id = any(${[ids["us1@x.org"] as number, ids["ca1@x.org"] as number]})`;
    expect(thanks[0]?.n).toBe(2);
    // Their delivery jobs follow within moments, batched (deliverSoon).
    const jobs = async () =>
      (
        await sql<{ n: number }[]>`
      select count(*)::int as n from pgboss.job j join emails e on e.id = (j.data ->> 'emailId')::bigint
      where j.name = 'send-email' and e.kind = 'thank-you' and e.panelist_id = any(${[ids["us1@x.org"] as number, ids["ca1@x.org"] as number]})`
      )[0]?.n;
    await expect.poll(jobs, { timeout: 3000 }).toBe(2);
  });
});

describe("a closed wave with answers that came without invitations (the demo's)", () => {
  it("counts them apart, so the page does not show 0 completed beside 1 completed", async () => {
    const { wave } = await invitedPanelist({
      opensAt: new Date(Date.now() - 2 * 86_400_000),
      closesAt: new Date(Date.now() - 86_400_000),
    });
    await sql`
      insert into responses (wave_id, questionnaire_version_id, status, data, source, completed_at)
      values (${wave.id}, ${wave.questionnaireVersionId}, 'complete', '{}', 'import', now())`;
    const status = await waveStatus(wave);
    expect(status).toMatchObject({ invited: 1, completed: 0, openLinkCompleted: 0, otherCompleted: 1 });
    expect(status.byLanguage).toEqual([{ language: null, completed: 1 }]);
  });
});
