// Builds the respondent page's standalone script (app/entries/survey.client.tsx: React, SurveyJS and
// our runner, without Remix's client runtime) into public/build/survey/, with a manifest the server
// reads. Runs after `remix build` (which empties public/build).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { root } from "../server/bootstrap";

const outdir = path.join(root, "public", "build", "survey");
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { survey: "app/entries/survey.client.tsx" },
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: ["es2020"],
  jsx: "automatic",
  define: { "process.env.NODE_ENV": '"production"' },
  outdir,
  entryNames: "[name]-[hash]",
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});
const output = Object.keys(result.metafile.outputs).find((f) => f.endsWith(".js"));
if (!output) throw new Error("esbuild wrote no script");
const url = `/build/survey/${path.basename(output)}`;
writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify({ survey: url }));
console.log(`Built the respondent script ${url}`);
