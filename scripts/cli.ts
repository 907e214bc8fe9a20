import { Command, InvalidArgumentError } from "commander";
import { z } from "zod";
import { closeDb } from "~/db.server";
import { EnvError, parseEnv } from "~/env.server";
import { toCountryCode } from "~/lib/countries";
import { tokenFor, ensureInvitation } from "~/models/invitation.server";
import { upsertPanelist } from "~/models/panelist.server";
import { syncQuestionnaires } from "~/models/questionnaire.server";
import { getWaveBySlug } from "~/models/wave.server";
import { openDatabase, printSync, surveysDir, type OpenDatabase } from "./bootstrap";
import { dumpSchema } from "./migrate";

class CliError extends Error {}

/** Opens the database for one command (quietly reusing a running app's) and closes it after. */
async function withDatabase<T>(work: (db: OpenDatabase) => Promise<T>): Promise<T> {
  const env = parseEnv();
  const db = await openDatabase(env, (line) => console.error(line));
  try {
    return await work(db);
  } finally {
    await closeDb();
    await db.stop();
  }
}

const email = (value: string) => {
  if (!z.string().email().safeParse(value.trim()).success) throw new InvalidArgumentError("it is not an email address.");
  return value.trim();
};
const country = (value: string) => {
  const code = toCountryCode(value);
  if (!code) throw new InvalidArgumentError(`"${value}" is not a country we know; use an ISO code such as CL or a name such as Chile.`);
  return code;
};

const program = new Command()
  .name("npm run quorum --")
  .description("Quorum's command line: works on the same database as the app, whether the app is running or not.")
  .showHelpAfterError();

const surveys = program.command("surveys").description("questionnaires in survey-definitions/");
surveys
  .command("sync")
  .description("check every file in survey-definitions/ and store changed ones as new versions")
  .action(() =>
    withDatabase(async () => {
      const reports = await syncQuestionnaires(surveysDir);
      printSync(reports);
      const ok = reports.filter((r) => r.outcome !== "skipped").length;
      console.log(`${ok} questionnaire(s) loaded, ${reports.length - ok} skipped.`);
      if (ok < reports.length) process.exitCode = 1;
    }),
  );

program
  .command("invite")
  .description("invite a person to a wave (adding them to its panel if new) and print their link")
  .requiredOption("--wave <slug>", "the wave")
  .requiredOption("--email <email>", "the person's email", email)
  .option("--name <name>", "their name")
  .option("--country <code>", "their country (ISO code or English name)", country)
  .action((opts: { wave: string; email: string; name?: string; country?: string }) =>
    withDatabase(async () => {
      const env = parseEnv();
      const wave = await getWaveBySlug(opts.wave);
      if (!wave) throw new CliError(`There is no wave "${opts.wave}". Check the slug, or create the wave first.`);
      const person = await upsertPanelist(wave.panelId, { email: opts.email, name: opts.name, country: opts.country }, { source: "cli" });
      const invitation = await ensureInvitation(wave.id, person.id);
      if (!person.created) console.error(`${opts.email} is already on the panel; their profile was updated.`);
      if (!invitation.created) console.error(`${opts.email} was already invited to ${wave.slug}; this is the same link.`);
      if (invitation.usedAt) console.error(`Note: they already answered on ${invitation.usedAt.toISOString()}.`);
      console.log(`${env.publicUrl}/s/${tokenFor(wave.id, person.id)}`);
    }),
  );

const db = program.command("db").description("the database");
db.command("migrate")
  .description("apply pending migrations from db/migrations")
  .action(() => withDatabase(async () => console.log("The database is up to date.")));
db.command("schema")
  .description("regenerate db/schema.sql with pg_dump (needs pg_dump at least as new as the server)")
  .action(() =>
    withDatabase(async (open) => {
      await dumpSchema(open.url);
      console.log("Wrote db/schema.sql");
    }),
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof CliError || error instanceof EnvError ? error.message : `Error: ${(error as Error).message}`;
  console.error(message);
  process.exit(1);
});
