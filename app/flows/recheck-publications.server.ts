// Publications made before the disclosure engine of issue 21 are checked again when the app starts:
// their wave's figures are computed by the current engine, and a publication that shows any figure
// the current engine withholds (or a question it does not publish) is withdrawn from readers until
// the team publishes again; the owners and editors are told by email and on the wave's page. The
// demo's report is simply published again. A publication kept is marked checked, so this runs once.
import { getEnv } from "~/env.server";
import { layoutEmail } from "~/lib/email";
import type { Actor } from "~/models/audit.server";
import { queueEmails } from "~/models/email.server";
import { getPanelById } from "~/models/panel.server";
import {
  keepPublication,
  publicationsOfOldEngine,
  publishersOf,
  withdrawPublication,
} from "~/models/publication.server";
import { getWave } from "~/models/wave.server";
import { earlierPrivateData } from "~/models/publication.server";
import type { ResultFigures, TableFigures } from "~/results/figures";
import { countResults, publishedFigures } from "~/results/results.server";
import { DEMO_PUBLISHED, publishDemoReport } from "./demo.server";
import { PUBLICATION_TIMEOUT_MS } from "./publish.server";

const ACTOR: Actor = { label: "disclosure recheck" };
const WITHDRAWN_REASON =
  "The disclosure protection was strengthened (issue 21): this publication showed figures that the new protection withholds, because a reader could work out small groups from them with what the questionnaire tells.";

/** What an old publication shows that the current engine would withhold, in words (empty: nothing). */
function shownButNowWithheld(old: ResultFigures, now: ResultFigures): string[] {
  const out: string[] = [];
  if (old.suppressed) return out;
  if (now.suppressed) return ["the whole wave"];
  for (const u of now.unpublished ?? []) if (old.questions.some((q) => q.name === u.name)) out.push(u.title);
  const tableLoss = (a: TableFigures, b: TableFigures | undefined) =>
    !b ||
    (a.base !== null && b.base === null) ||
    a.cells.some((c, i) => c.count !== null && b.cells[i]?.count == null) ||
    (a.ranks ?? []).some((r, i) => r !== null && b.ranks?.[i] == null);
  for (const q of old.questions) {
    const fresh = now.questions.find((x) => x.name === q.name);
    if (!fresh) continue;
    const sameOptions =
      q.options.map((o) => o.value).join("\u0000") === fresh.options.map((o) => o.value).join("\u0000");
    q.items.forEach((item, i) => {
      const other = fresh.items[i];
      if (!other || !sameOptions) return;
      if (tableLoss(item.whole, other.whole)) out.push(q.title);
      for (const [family, tables] of Object.entries(item.groups)) {
        const groupsThen = old.breakdowns.find((b) => b.family === family)?.groups ?? [];
        const groupsNow = now.breakdowns.find((b) => b.family === family)?.groups ?? [];
        tables.forEach((t, g) => {
          const id = groupsThen[g]?.id;
          const at = groupsNow.findIndex((x) => x.id === id && !x.other);
          if (id && !groupsThen[g]!.other && tableLoss(t, at >= 0 ? other.groups[family]?.[at] : undefined))
            out.push(`${q.title} (${id})`);
        });
      }
    });
  }
  return [...new Set(out)];
}

/** Checks every publication of the old engine once; returns what was kept, withdrawn and published again. */
export async function recheckPublications(
  log: (line: string) => void = () => {},
): Promise<{ kept: number; withdrawn: number; republished: number }> {
  const result = { kept: 0, withdrawn: 0, republished: 0 };
  for (const p of await publicationsOfOldEngine()) {
    const wave = await getWave(p.waveId);
    if (!wave) continue;
    if (wave.slug === DEMO_PUBLISHED) {
      await publishDemoReport(wave);
      await keepPublication(p.id); // superseded by the new one
      result.republished += 1;
      continue;
    }
    const earlier = (await earlierPrivateData(wave.id)).slice(0, -1).map((d) => d.record) as never[];
    const { figures } = await publishedFigures(await countResults(wave), earlier, {
      timeoutMs: PUBLICATION_TIMEOUT_MS,
    });
    const lost = shownButNowWithheld(p.snapshot as unknown as ResultFigures, figures);
    if (!lost.length) {
      await keepPublication(p.id);
      result.kept += 1;
      continue;
    }
    await withdrawPublication(p.id, wave.id, WITHDRAWN_REASON, ACTOR);
    result.withdrawn += 1;
    log(
      `Withdrew the results of ${wave.slug}: ${lost.length} figures are now withheld. Publish again to show the rest.`,
    );
    const panel = await getPanelById(wave.panelId);
    const url = `${getEnv().publicUrl}/admin/waves/${wave.slug}`;
    const to = await publishersOf(wave.panelId);
    await queueEmails(
      to.map((address) => ({
        kind: "publication-withdrawn",
        panelistId: null,
        to: address,
        dedupeKey: `withdrawn:${p.id}:${address}`,
        content: layoutEmail({
          subject: `Results of “${wave.title}” withdrawn until you publish again`,
          greeting: "Hello,",
          paragraphs: [
            `Quorum's disclosure protection was strengthened. The published results of “${wave.title}” showed figures that it now withholds, because a reader could work out small groups from them with what the questionnaire tells (${lost.slice(0, 5).join("; ")}${lost.length > 5 ? "; …" : ""}).`,
            "They are no longer shown to readers. Publishing again shows every figure the protection allows.",
          ],
          action: { label: "Open the wave", url },
          panelName: panel?.name ?? "Quorum",
        }),
      })),
    );
  }
  return result;
}
