import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { hashToken } from "~/lib/security";
import { invitedPanelist } from "../helpers/fixtures";

const run = promisify(execFile);

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run("node", ["--import", "tsx", "scripts/cli.ts", ...args], {
      env: { ...process.env, QUORUM_PUBLIC_URL: "https://panel.example.org" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run quorum -- invite", () => {
  it(
    "adds a new person to the wave's panel and prints a working link; asking again prints the same link",
    { timeout: 60_000 },
    async () => {
      const { wave } = await invitedPanelist();
      const result = await cli(
        "invite",
        "--wave",
        wave.slug,
        "--email",
        "New.Person@Example.org",
        "--name",
        "New Person",
        "--country",
        "Chile",
      );
      expect(result.code).toBe(0);
      const link = result.stdout.trim().split("\n").pop() as string;
      expect(link).toMatch(/^https:\/\/panel\.example\.org\/s\/[A-Za-z0-9_-]{43}$/);

      const token = link.split("/").pop() as string;
      const rows = await sql<{ email: string; country: string; region: string }[]>`
      select p.email, p.country, p.region from invitations i join panelists p on p.id = i.panelist_id
      where i.token_hash = ${hashToken(token)} and i.wave_id = ${wave.id}`;
      expect(rows).toEqual([{ email: "New.Person@Example.org", country: "CL", region: "Latin America & Caribbean" }]);

      const again = await cli("invite", "--wave", wave.slug, "--email", "new.person@example.org");
      expect(again.stdout.trim().split("\n").pop()).toBe(link);
      expect(again.stderr).toContain("already invited");
    },
  );

  it("says what is wrong with bad input, exits 1, and changes nothing", { timeout: 60_000 }, async () => {
    const [before] = await sql<{ n: number }[]>`select count(*) as n from panelists`;
    const noWave = await cli("invite", "--wave", "no-such-wave", "--email", "a@example.org");
    expect(noWave.code).toBe(1);
    expect(noWave.stderr).toContain('There is no wave "no-such-wave"');
    const badEmail = await cli("invite", "--wave", "x", "--email", "not-an-email");
    expect(badEmail.code).toBe(1);
    expect(badEmail.stderr).toContain("it is not an email address");
    const badCountry = await cli("invite", "--wave", "x", "--email", "a@example.org", "--country", "Atlantis");
    expect(badCountry.stderr).toContain('"Atlantis" is not a country we know');
    const [after] = await sql<{ n: number }[]>`select count(*) as n from panelists`;
    expect(after?.n).toBe(before?.n);
  });

  it("lists its commands with --help", async () => {
    const help = await cli("--help");
    expect(help.stdout).toContain("surveys");
    expect(help.stdout).toContain("invite");
    expect(help.stdout).toContain("db");
  });
});

describe("npm run quorum -- admin create / apikey create --panel", () => {
  it(
    "grants a role on one panel (twice: editor of one, viewer of another) and makes a key for one panel",
    { timeout: 90_000 },
    async () => {
      const { panel: first } = await invitedPanelist();
      const { panel: second } = await invitedPanelist();
      const email = `scoped-${first.slug}@example.org`;
      const password = "a long enough password 1";
      const editor = await cli(
        "admin",
        "create",
        "--email",
        email,
        "--password",
        password,
        "--role",
        "editor",
        "--panel",
        first.slug,
      );
      expect(editor.code, editor.stderr).toBe(0);
      expect(editor.stdout).toContain(`editor of the panel ${first.slug}`);
      const viewer = await cli(
        "admin",
        "create",
        "--email",
        email,
        "--password",
        password,
        "--role",
        "viewer",
        "--panel",
        second.slug,
      );
      expect(viewer.code, viewer.stderr).toBe(0);
      const grants = await sql<{ slug: string; role: string }[]>`
      select p.slug, r.role from admin_panel_roles r join panels p on p.id = r.panel_id join admins a on a.id = r.admin_id
      where a.email = ${email} order by r.role`;
      expect(grants).toEqual([
        { slug: first.slug, role: "editor" },
        { slug: second.slug, role: "viewer" },
      ]);
      const [person] = await sql<{ role: string }[]>`select role from admins where email = ${email}`;
      expect(person?.role).toBe("editor");

      const owner = await cli(
        "admin",
        "create",
        "--email",
        email,
        "--password",
        password,
        "--role",
        "owner",
        "--panel",
        first.slug,
      );
      expect(owner.code).toBe(1);
      expect(owner.stderr).toContain("An owner owns every panel");
      const nowhere = await cli(
        "admin",
        "create",
        "--email",
        email,
        "--password",
        password,
        "--panel",
        "no-such-panel",
      );
      expect(nowhere.code).toBe(1);
      expect(nowhere.stderr).toContain("There is no panel no-such-panel");

      const key = await cli("apikey", "create", "--name", "crm", "--role", "editor", "--panel", first.slug);
      expect(key.code, key.stderr).toBe(0);
      expect(key.stdout).toContain(`for the panel ${first.slug}`);
      const secret = key.stdout.trim().split("\n").pop() as string;
      const [row] = await sql<
        { panelId: number }[]
      >`select panel_id from api_keys where key_hash = ${hashToken(secret)}`;
      expect(Number(row?.panelId)).toBe(first.id);
    },
  );
});
