import { Command, InvalidArgumentError } from "commander";
import { z } from "zod";
import { closeDb, connectTo } from "~/db.server";
import { EnvError, getEnv, initEnv } from "~/env.server";
import { stopBoss } from "~/jobs.server";
import { toCountryCode, describeSegment, parseSegmentText } from "~/lib/panel";
import { passwordProblem } from "~/lib/security";
import { isRole, type Role } from "~/lib/web";
import { upsertAdmin } from "~/flows/admins.server";
import { resetSecondFactor } from "~/flows/second-factor.server";
import { removeAdmin } from "~/models/admin.server";
import { createApiKey } from "~/models/api-key.server";
import { audit } from "~/models/audit.server";
import { invitationUrl } from "~/flows/personal-links.server";
import { ensureInvitation } from "~/models/invitation.server";
import { createPanel, getPanelBySlug } from "~/models/panel.server";
import { upsertPanelist } from "~/models/panelist.server";
import { syncQuestionnaires } from "~/flows/questionnaires.server";
import { invite, remind, sendInvitations } from "~/flows/fieldwork.server";
import { countSegment } from "~/models/segment.server";
import { launchWave } from "~/flows/launch-wave.server";
import { getWaveBySlug } from "~/models/wave.server";
import { listSeries } from "~/models/series.server";
import { addWaveToSeries, getSeriesBySlug, startSeries } from "~/flows/series.server";
import { openDatabase, printSync, surveysDir, type OpenDatabase } from "../server/bootstrap";
import { dumpSchema } from "../server/migrate";
import { backup, BackupError, restore } from "../server/backup";

class CliError extends Error {}

/** Opens the database for one command (quietly reusing a running app's) and closes it after. */
async function withDatabase<T>(work: (db: OpenDatabase) => Promise<T>): Promise<T> {
  const env = initEnv();
  const db = await openDatabase({ connectTo }, env, (line) => console.error(line));
  try {
    return await work(db);
  } finally {
    await stopBoss();
    await closeDb();
    await db.stop();
  }
}

const email = (value: string) => {
  if (!z.string().email().safeParse(value.trim()).success)
    throw new InvalidArgumentError("it is not an email address.");
  return value.trim();
};
const country = (value: string) => {
  const code = toCountryCode(value);
  if (!code)
    throw new InvalidArgumentError(
      `"${value}" is not a country we know; use an ISO code such as CL or a name such as Chile.`,
    );
  return code;
};

const role = (value: string): Role => {
  if (!isRole(value)) throw new InvalidArgumentError("use owner, editor or viewer.");
  return value;
};
const CLI_ACTOR = { label: "cli" };

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
      const wave = await getWaveBySlug(opts.wave);
      if (!wave) throw new CliError(`There is no wave "${opts.wave}". Check the slug, or create the wave first.`);
      const person = await upsertPanelist(
        wave.panelId,
        { email: opts.email, name: opts.name, country: opts.country },
        { source: "cli" },
      );
      const invitation = await ensureInvitation(wave.id, person.id);
      if (!person.created) console.error(`${opts.email} is already on the panel; their profile was updated.`);
      if (!invitation.created)
        console.error(`${opts.email} was already invited to ${wave.slug}; this is the same link.`);
      if (invitation.usedAt) console.error(`Note: they already answered on ${invitation.usedAt.toISOString()}.`);
      console.log(invitationUrl(wave.id, person.id));
    }),
  );

/** The panel a --panel option names (checked), or undefined without one; an owner has no panel. */
async function panelOption(slug: string | undefined, givenRole: Role) {
  if (slug === undefined) return undefined;
  if (givenRole === "owner")
    throw new CliError("An owner owns every panel: leave out --panel, or give --role editor or viewer.");
  const found = await getPanelBySlug(slug);
  if (!found) throw new CliError(`There is no panel ${slug}; panel create makes one.`);
  return found;
}

const admin = program.command("admin").description("people who run Quorum");
admin
  .command("create")
  .description("create an admin, or reset the password and role of an existing one")
  .requiredOption("--email <email>", "their email", email)
  .requiredOption("--password <password>", "at least 12 characters")
  .option("--role <role>", "owner, editor or viewer", role, "editor")
  .option("--panel <slug>", "the role is on this panel only (run again for another panel); without it, on every panel")
  .action((opts: { email: string; password: string; role: Role; panel?: string }) =>
    withDatabase(async () => {
      const problem = passwordProblem(opts.password);
      if (problem) throw new CliError(`That password is too weak: ${problem}`);
      const panel = await panelOption(opts.panel, opts.role);
      const result = await upsertAdmin(opts.email, opts.password, opts.role, panel?.id);
      await audit(CLI_ACTOR, result.created ? "create" : "reset", "admin", result.id, {
        role: opts.role,
        ...(panel ? { panel: panel.slug } : {}),
      });
      const where = panel ? `of the panel ${panel.slug}` : "of every panel";
      console.log(
        `${result.created ? "Created" : "Reset"} ${opts.role} ${where}: ${result.email}. Sign in at /admin/login.${result.created ? "" : " Their sessions have ended."}`,
      );
    }),
  );
admin
  .command("remove")
  .description("remove an admin; their sessions end at once")
  .requiredOption("--email <email>", "their email", email)
  .action((opts: { email: string }) =>
    withDatabase(async () => {
      if (!(await removeAdmin(opts.email))) throw new CliError(`There is no admin ${opts.email}.`);
      await audit(CLI_ACTOR, "remove", "admin", null, {});
      console.log(`Removed ${opts.email}: they can no longer sign in, and their sessions have ended.`);
    }),
  );

admin
  .command("reset-second-factor")
  .description("remove an admin's second factor and recovery codes (a lost phone); their sessions end")
  .requiredOption("--email <email>", "their email", email)
  .action((opts: { email: string }) =>
    withDatabase(async () => {
      if (!(await resetSecondFactor(opts.email, CLI_ACTOR))) throw new CliError(`There is no admin ${opts.email}.`);
      console.log(
        `Reset the second factor of ${opts.email}: their password alone signs them in now, or, where an owner requires one, they set up a new one at their next sign-in. Their sessions have ended.`,
      );
    }),
  );

const apikey = program.command("apikey").description("keys for the HTTP API");
apikey
  .command("create")
  .description("create an API key and print it once (the last line); only its hash is kept")
  .requiredOption("--name <name>", "what uses it")
  .option("--role <role>", "owner, editor or viewer", role, "viewer")
  .option("--panel <slug>", "the key works on this panel only; without it, on every panel")
  .action((opts: { name: string; role: Role; panel?: string }) =>
    withDatabase(async () => {
      const panel = await panelOption(opts.panel, opts.role);
      const { key, apiKey } = await createApiKey(opts.name, opts.role, CLI_ACTOR, panel?.id ?? null);
      const where = panel ? ` for the panel ${panel.slug}` : " for every panel";
      console.log(`Created the ${apiKey.role} API key "${apiKey.name}"${where}. Copy it now; it is not shown again:`);
      console.log(key);
    }),
  );

const panel = program.command("panel").description("panels");
panel
  .command("create")
  .description("create a panel")
  .requiredOption("--slug <slug>", "lower-case letters, digits and dashes", (v: string) => {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v))
      throw new InvalidArgumentError("use lower-case letters, digits and dashes, such as global-he.");
    return v;
  })
  .requiredOption("--name <name>", "the panel's name")
  .option("--consent-text <text>", "what people agree to when they join")
  .action((opts: { slug: string; name: string; consentText?: string }) =>
    withDatabase(async () => {
      const result = await createPanel({ slug: opts.slug, name: opts.name, consentText: opts.consentText }, CLI_ACTOR);
      if (!result.ok) throw new CliError(`A panel with slug "${opts.slug}" already exists.`);
      console.log(`Created the panel ${result.panel.name} (${result.panel.slug}).`);
    }),
  );

const series = program
  .command("series")
  .description("series: waves of one panel that ask the same questions again (trends, change among the same people)");
series
  .command("create")
  .description("create a series on a panel")
  .requiredOption("--slug <series>", "the series' slug (its page is /results/series/<slug>)")
  .requiredOption("--name <name>", "its name, e.g. 'Micro-credentials, every two years'")
  .requiredOption("--panel <slug>", "the panel")
  .action((opts: { slug: string; name: string; panel: string }) =>
    withDatabase(async () => {
      const result = await startSeries(opts, CLI_ACTOR);
      if (!result.ok) throw new CliError(`The series was not created:\n${fieldLines(result.errors)}`);
      console.log(
        `Created the series ${result.series.slug} on ${result.series.panelSlug}. Add a wave with: npm run quorum -- series add --series ${result.series.slug} --wave <wave>`,
      );
    }),
  );
series
  .command("add")
  .description("add an existing wave of the same panel to a series")
  .requiredOption("--series <slug>", "the series")
  .requiredOption("--wave <slug>", "the wave")
  .action((opts: { series: string; wave: string }) =>
    withDatabase(async () => {
      const found = await getSeriesBySlug(opts.series);
      if (!found) throw new CliError(`There is no series "${opts.series}"; series create makes one.`);
      const result = await addWaveToSeries(found, opts.wave, CLI_ACTOR);
      if (!result.ok) throw new CliError(`The wave was not added:\n${fieldLines(result.errors)}`);
      console.log(`The wave ${opts.wave} is in the series ${found.slug}.`);
    }),
  );
series
  .command("list")
  .description("every series with its waves, oldest first")
  .action(() =>
    withDatabase(async () => {
      const list = await listSeries();
      if (!list.length) console.log("No series yet.");
      for (const s of list)
        console.log(
          `${s.slug}\t${s.name}\t(panel ${s.panelSlug})\t${s.waves.length ? s.waves.join(", ") : "no waves"}`,
        );
    }),
  );

const fieldLines = (errors: Record<string, string[]>) =>
  Object.entries(errors)
    .map(([k, v]) => `  ${k}: ${v.join(" ")}`)
    .join("\n");

const wave = program.command("wave").description("waves: one fielding of a questionnaire to a panel");
wave
  .command("create")
  .description("create a wave (the questionnaire's current version is frozen into it)")
  .requiredOption("--questionnaire <slug>", "a questionnaire in survey-definitions/")
  .requiredOption("--panel <slug>", "the panel")
  .requiredOption("--slug <wave>", "the wave's slug")
  .option("--title <title>", "defaults to the questionnaire's title")
  .option("--opens <iso>", "opening date-time (ISO 8601, with offset); default now")
  .option("--closes <iso>", "closing date-time (ISO 8601, with offset)")
  .option("--k <n>", "minimum group size, at least 3 (no figure describes fewer people)", "5")
  .option("--audience <who>", "respondents, panel or public", "respondents")
  .option("--segment <filters>", "e.g. 'region=North America,South Asia;roleCategory=provost'")
  .option(
    "--identified",
    "the team may link responses to people (respondents are told); default: anonymous to the team",
  )
  .option("--series <slug>", "a series of the same panel the wave joins (its report then shows trends)")
  .action(
    (opts: {
      questionnaire: string;
      panel: string;
      slug: string;
      title?: string;
      opens?: string;
      closes?: string;
      k: string;
      audience: string;
      segment?: string;
      identified?: boolean;
      series?: string;
    }) =>
      withDatabase(async () => {
        const result = await launchWave(
          {
            questionnaire: opts.questionnaire,
            panel: opts.panel,
            slug: opts.slug,
            title: opts.title,
            opensAt: opts.opens,
            closesAt: opts.closes,
            minGroupSize: opts.k,
            audience: opts.audience,
            segment: opts.segment ? parseSegmentText(opts.segment) : {},
            identified: opts.identified ?? false,
            series: opts.series,
          },
          CLI_ACTOR,
        );
        if (!result.ok)
          throw new CliError(
            `The wave was not created:\n${Object.entries(result.errors)
              .map(([k, v]) => `  ${k}: ${v.join(" ")}`)
              .join("\n")}`,
          );
        const reach = await countSegment(result.wave.panelId, result.wave.segment);
        console.log(
          `Created the wave ${result.wave.slug} (${result.wave.identified ? "identified: the team may link responses to people" : "anonymous to the team"}): it reaches ${reach} ${describeSegment(result.wave.segment)}. Send it with: npm run quorum -- wave send ${result.wave.slug}`,
        );
      }),
  );
wave
  .command("send <wave>")
  .description("invite the wave's segment and email everyone not emailed yet (never twice)")
  .action((slug: string) =>
    withDatabase(async () => {
      const w = await getWaveBySlug(slug);
      if (!w) throw new CliError(`There is no wave "${slug}".`);
      const invited = await invite(w, CLI_ACTOR);
      const sent = await sendInvitations(w, CLI_ACTOR);
      console.log(
        `${invited.created} new invitation(s), ${invited.alreadyInvited} already invited; ${sent.queued} email(s) queued.` +
          (invited.resting.length
            ? ` ${invited.resting.length} not invited: asked too recently under the panel's contact rule.`
            : ""),
      );
    }),
  );
wave
  .command("remind <wave>")
  .description("remind active invitees who have not completed (at most the wave's maximum, never within 48 h)")
  .action((slug: string) =>
    withDatabase(async () => {
      const w = await getWaveBySlug(slug);
      if (!w) throw new CliError(`There is no wave "${slug}".`);
      const result = await remind(w, CLI_ACTOR);
      console.log(`${result.queued} reminder(s) queued.`);
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

db.command("backup")
  .description("write a backup (every table, the data folder's secrets and outbox) into a new folder")
  .option("--to <folder>", "the new folder", `quorum-backup-${new Date().toISOString().replace(/[:.]/g, "-")}`)
  .action((options: { to: string }) =>
    withDatabase(async (open) => {
      const m = await backup(open.url, getEnv().dataDir, options.to);
      const rows = m.tables.reduce((n, t) => n + t.rows, 0);
      console.log(
        `Wrote ${options.to}: ${m.tables.length} tables, ${rows} rows, ${m.files.length} files (secrets and outbox). ` +
          "It holds the secrets that sign links and people's data: keep it as safe as the server.",
      );
    }).catch((error: unknown) => {
      throw error instanceof BackupError ? new CliError(error.message) : error;
    }),
  );
db.command("restore")
  .description("restore a backup into this database, which must be empty (a new data folder, QUORUM_DEMO=0)")
  .requiredOption("--from <folder>", "the backup's folder")
  .action((options: { from: string }) =>
    withDatabase(async (open) => {
      const m = await restore(open.url, getEnv().dataDir, options.from);
      const rows = m.tables.reduce((n, t) => n + t.rows, 0);
      console.log(`Restored ${m.tables.length} tables, ${rows} rows and ${m.files.length} files from ${options.from}.`);
    }).catch((error: unknown) => {
      throw error instanceof BackupError ? new CliError(error.message) : error;
    }),
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  const message =
    error instanceof CliError || error instanceof EnvError ? error.message : `Error: ${(error as Error).message}`;
  console.error(message);
  process.exit(1);
});
