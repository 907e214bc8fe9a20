// npm run bench:import [-- --rows 50000]: a CSV import of the given size, end to end (parse, validate, upsert).
import { ensurePanel } from "~/models/panel.server";
import { createImport, runImport } from "~/flows/import-panelists.server";
import { getImport } from "~/models/panelist-import.server";
import { guessMapping, parseCsv } from "~/lib/panel";
import { fmt, scratchDatabase } from "../../harness/scratch-database";

const rows = Number(process.argv[process.argv.indexOf("--rows") + 1]) || 50_000;
const countries = ["United States", "CL", "India", "GB", "Nigeria", "AU", "Mexico", "DE", "Kenya", "JP"];
const lines = ["Email,Full name,Job title,Role,Institution,Organization type,Country,Cohort"];
for (let i = 0; i < rows; i++) {
  // About 1% bad rows: invalid emails, unknown countries and duplicates, as real files have.
  const email =
    i % 250 === 1
      ? `broken-${i}`
      : i % 250 === 2
        ? `person${i - 2}@uni${i % 900}.example`
        : `person${i}@uni${i % 900}.example`;
  const country = i % 250 === 3 ? "Atlantis" : countries[i % countries.length];
  lines.push(`${email},"Person ${i}, PhD",Provost,provost,University ${i % 900},Public university,${country},2026`);
}
const csv = lines.join("\n");

const db = await scratchDatabase("quorum_bench_import");
try {
  const panel = await ensurePanel({ slug: "bench-import", name: "Bench import" });
  const t0 = performance.now();
  const created = await createImport(panel.id, null, "bench.csv", csv);
  if (!created.ok) throw new Error(created.error);
  const imp = await getImport(panel.id, created.id);
  const mapping = { ...guessMapping(parseCsv(csv).headers), attributes: [7] };
  await runImport(imp!, mapping, { label: "bench" });
  const firstMs = performance.now() - t0;
  const done = await getImport(panel.id, created.id);

  // The same file again: every good row is now an update.
  const t1 = performance.now();
  const again = await createImport(panel.id, null, "bench.csv", csv);
  if (!again.ok) throw new Error(again.error);
  await runImport((await getImport(panel.id, again.id))!, mapping, { label: "bench" });
  const secondMs = performance.now() - t1;
  const redo = await getImport(panel.id, again.id);

  console.log(`\nCSV import of ${rows.toLocaleString("en")} rows (${(csv.length / 1e6).toFixed(1)} MB):`);
  console.log(
    `  first import:  ${fmt(firstMs)}  — ${done?.createdCount} created, ${done?.updatedCount} updated, ${done?.rejectedCount} rejected`,
  );
  console.log(
    `  same file again: ${fmt(secondMs)}  — ${redo?.createdCount} created, ${redo?.updatedCount} updated, ${redo?.rejectedCount} rejected`,
  );
  console.log(`  target: under 30 s\n`);
  console.log(
    JSON.stringify({
      bench: "import",
      rows,
      firstMs: Math.round(firstMs),
      secondMs: Math.round(secondMs),
      created: done?.createdCount,
      updated: redo?.updatedCount,
      rejected: done?.rejectedCount,
    }),
  );
} finally {
  await db.drop();
}
