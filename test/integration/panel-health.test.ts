import { describe, expect, it } from "vitest";
import { sql } from "~/db.server";
import { erasePanelist } from "~/flows/membership.server";
import { invite, sendInvitations } from "~/flows/fieldwork.server";
import { submitAnswers } from "~/flows/respond.server";
import { unsubscribe } from "~/models/membership.server";
import { ensureInvitation } from "~/models/invitation.server";
import { upsertPanelist } from "~/models/panelist.server";
import { loader as dashboard } from "~/routes/admin._index";
import { answers2021, invitedPanelist } from "../helpers/fixtures";
import { adminSession, request } from "../helpers/admin";

describe("panel health on the dashboard", () => {
  it("counts active members, joins and departures in 90 days, resting people and the last waves' response rates, per panel the admin may see", async () => {
    const { panel, panelist: ana, wave, token } = await invitedPanelist();
    const add = (email: string) => upsertPanelist(panel.id, { email, name: "Health Person", country: "KE" });
    const ben = await add("ben-health@example.org");
    const cy = await add("cy-health@example.org");
    const old = await add("old-health@example.org");
    const leaver = await add("leaver-health@example.org");
    const eraser = await add("eraser-health@example.org");
    const pending = await add("pending-health@example.org");
    await sql`update panelists set created_at = now() - interval '100 days' where id in (${old.id}, ${leaver.id})`;
    await sql`update panelists set status = 'pending' where id = ${pending.id}`;
    await unsubscribe(leaver.id);
    await erasePanelist(eraser.id, "test");
    // The wave invites Ana, Ben and Cy (and Old); Ana answers. Emailed now, so all four rest (14-day gap).
    await ensureInvitation(wave.id, ben.id);
    await ensureInvitation(wave.id, cy.id);
    await invite(wave, { label: "test" });
    await sendInvitations(wave, { label: "test" });
    await submitAnswers(token, { data: answers2021, complete: true });

    const { cookie } = await adminSession("viewer", panel.id);
    const data = await dashboard({ request: request("/admin", { cookie }), params: {}, context: {} });
    expect(data.panels.map((p) => p.slug)).toEqual([panel.slug]); // only the admin's panel
    const health = data.panels[0]!.health;
    expect(health).toEqual({
      active: 4, // Ana, Ben, Cy, Old
      joined: 4, // Ana, Ben, Cy, Eraser (erased, but joined); Old and Leaver joined 100 days ago, Pending never confirmed
      left: 2, // Leaver and Eraser
      resting: 4,
      waves: [{ slug: wave.slug, title: wave.title, invited: 4, completed: 1 }],
    });
    expect(ana.id).toBeGreaterThan(0);

    // Twenty days on (moved, not waited for), nobody rests under the 14-day gap.
    await sql`update invitations set sent_at = sent_at - interval '20 days' where wave_id = ${wave.id}`;
    const later = await dashboard({ request: request("/admin", { cookie }), params: {}, context: {} });
    expect(later.panels[0]!.health.resting).toBe(0);
  });
});
