import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { hashToken } from "~/lib/tokens";
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
