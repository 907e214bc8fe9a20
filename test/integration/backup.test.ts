import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { connectTo, databaseUrl, sql } from "~/db.server";
import { launchWave } from "~/flows/launch-wave.server";
import { publish } from "~/flows/publish.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { loadOpenPage, submitOpenAnswers } from "~/flows/respond-open-link.server";
import { submitAnswers } from "~/flows/respond.server";
import { ensureInvitation } from "~/models/invitation.server";
import { ensurePanel, getPanelBySlug } from "~/models/panel.server";
import { upsertPanelist } from "~/models/panelist.server";
import { getWave } from "~/models/wave.server";
import { loader as resultsJson } from "~/routes/results.$waveSlug_.json";
import { backup, BackupError, restore } from "../../server/backup";
import { answers2021 } from "../helpers/fixtures";

/**
 * Every public table's rows, as one digest per table (order-independent). Not compared: the live results'
 * roll-ups (counted again after a restore) and the transaction id a response was completed in (the new
 * cluster's own, given by the responses trigger as the rows load).
 */
async function digests(url: string): Promise<Record<string, string>> {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const tables = await db<{ name: string }[]>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'result_rollup%' order by 1`;
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await db<{ n: number; digest: string | null }[]>`
        select count(*)::int as n, md5(string_agg((to_jsonb(r) - 'completed_xid')::text, E'\\n' order by (to_jsonb(r) - 'completed_xid')::text)) as digest from ${db(name)} as r`;
      out[name] = `${row?.n}:${row?.digest}`;
    }
    return out;
  } finally {
    await db.end();
  }
}

async function results(slug: string) {
  const res = await resultsJson({
    request: new Request(`http://localhost/results/${slug}.json`),
    params: { waveSlug: slug },
    context: {},
  });
  return { status: res.status, body: await res.json() };
}

describe("db backup and db restore (issue 23, item 12)", () => {
  it("backs up a populated database and its data folder, restores them into an empty database, and the app serves the same results, panel and open link from it", async () => {
    // A populated installation: a panel, a wave with an open link, three completions, a publication, an open-link answer.
    await syncQuestionnaires("survey-definitions");
    await ensurePanel({ slug: "backup-panel", name: "Backup Panel" });
    const launched = await launchWave(
      {
        questionnaire: "micro-credentials-2021",
        panel: "backup-panel",
        slug: "backup-wave",
        openLink: true,
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
      { label: "test" },
    );
    if (!launched.ok) throw new Error(JSON.stringify(launched.errors));
    const wave = launched.wave;
    for (let i = 0; i < 3; i += 1) {
      const p = await upsertPanelist(wave.panelId, {
        email: `backup-${i}@example.org`,
        name: "Bac Kup",
        country: "CL",
      });
      const { token } = await ensureInvitation(wave.id, p.id);
      expect(await submitAnswers(token, { data: answers2021, complete: true })).toMatchObject({ status: "complete" });
    }
    await sql`update waves set min_group_size = 3, audience = 'public' where id = ${wave.id}`;
    const published = await publish((await getWave(wave.id))!, { label: "admin" });
    if (!published.ok) throw new Error(published.message);
    const code = wave.openLinkCode as string;
    const browser = randomUUID();
    expect(
      await submitOpenAnswers(code, browser, { data: answers2021, complete: true, submissionId: randomUUID() }),
    ).toMatchObject({ kind: "saved", status: "complete" });

    const work = await fs.mkdtemp(path.join(os.tmpdir(), "quorum-backup-"));
    const source = path.join(work, "data");
    await fs.mkdir(path.join(source, "outbox"), { recursive: true });
    await fs.writeFile(path.join(source, "secret"), "the-installation-secret-0123456789-abcdefghij\n");
    await fs.writeFile(path.join(source, "session-secret"), "the-session-secret-0123456789-abcdefghijklmn\n");
    await fs.writeFile(path.join(source, "outbox", "one.eml"), "To: someone@example.org\n\nHello");
    const sourceUrl = databaseUrl()!;
    const before = {
      digests: await digests(sourceUrl),
      results: await results("backup-wave"),
      panel: await getPanelBySlug("backup-panel"),
      openPage: await loadOpenPage(code, randomUUID()),
    };
    expect(before.results.status).toBe(200);

    const folder = path.join(work, "backup");
    const manifest = await backup(sourceUrl, source, folder);
    expect((await fs.stat(folder)).mode & 0o777).toBe(0o700);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(["outbox/one.eml", "secret", "session-secret"]);
    expect(manifest.tables.find((t) => t.name === "responses")?.rows).toBe(4);
    await expect(backup(sourceUrl, source, folder)).rejects.toThrow(BackupError); // never over an older backup

    // An empty database: the migrated template every test database is copied from.
    const admin = postgres(inject("adminUrl"), { max: 1, onnotice: () => {} });
    const name = `${inject("templateDatabase")}_restored_${randomBytes(3).toString("hex")}`;
    await admin`create database ${admin(name)} template ${admin(inject("templateDatabase"))}`;
    await admin.end();
    const target = new URL(sourceUrl);
    target.pathname = `/${name}`;
    const targetUrl = target.toString();
    const restoredData = path.join(work, "restored-data");
    await restore(targetUrl, restoredData, folder);

    // Every row of every table is the same, and so are the data folder's files.
    expect(await digests(targetUrl)).toEqual(before.digests);
    expect(Object.values(before.digests).filter((d) => !d.startsWith("0:")).length).toBeGreaterThan(8);
    for (const f of ["secret", "session-secret", "outbox/one.eml"])
      expect(await fs.readFile(path.join(restoredData, f), "utf8")).toBe(
        await fs.readFile(path.join(source, f), "utf8"),
      );
    // A second restore is refused: the database is no longer empty.
    await expect(restore(targetUrl, restoredData, folder)).rejects.toThrow(/not empty/);

    // The app on the restored database: the same results, panel and open link; new rows get new ids.
    await connectTo(targetUrl);
    try {
      expect(databaseUrl()).toBe(targetUrl);
      expect(await results("backup-wave")).toEqual(before.results);
      expect(await getPanelBySlug("backup-panel")).toEqual(before.panel);
      expect(await loadOpenPage(code, randomUUID())).toEqual(before.openPage);
      // The browser that answered is still known: its second answer is refused as before.
      expect(
        await submitOpenAnswers(code, browser, { data: answers2021, complete: true, submissionId: randomUUID() }),
      ).not.toMatchObject({ kind: "saved", status: "complete" });
      const added = await upsertPanelist(wave.panelId, {
        email: "after-restore@example.org",
        name: "Af Ter",
        country: "CL",
      });
      expect(added.id).toBeGreaterThan(
        Math.max(
          ...(await sql<{ id: number }[]>`select id from panelists where id <> ${added.id}`).map((r) => Number(r.id)),
        ),
      );
    } finally {
      await connectTo(sourceUrl);
    }

    // A damaged backup is refused before anything is written.
    await fs.appendFile(path.join(folder, "tables", "panels.jsonl"), "x");
    await expect(restore(targetUrl, restoredData, folder)).rejects.toThrow(/damaged/);
    await fs.rm(work, { recursive: true, force: true });
  }, 120_000);
});
