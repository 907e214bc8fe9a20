import { z } from "zod";
import { plural } from "../format";

/** How often a panel may invite one person: at most `invitations` in any `days` days, none within `gapDays` of the last. */
export interface ContactLimit {
  invitations: number;
  days: number;
  gapDays: number;
}

export const DEFAULT_CONTACT_LIMIT: ContactLimit = { invitations: 3, days: 90, gapDays: 14 };

/** Why a person is not invited now: as many invitations as the rule allows in its window, or too soon after the last. */
export type RestReason = "limit" | "gap";

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

/** A contact limit from a form or JSON, each part checked. */
export const contactLimitSchema = z.object({
  invitations: whole("The number of invitations", 1, 1000),
  days: whole("The number of days", 1, 3650),
  gapDays: whole("The days between invitations", 0, 3650),
});

/** "at most 3 invitations in any 90 days, and none within 14 days of the last". */
export function describeContactLimit(limit: ContactLimit): string {
  const gap = limit.gapDays > 0 ? `, and none within ${plural(limit.gapDays, "day")} of the last` : "";
  return `at most ${plural(limit.invitations, "invitation")} in any ${plural(limit.days, "day")}${gap}`;
}

/** What a reason means, said to the team. */
export function describeRest(reason: RestReason, limit: ContactLimit): string {
  return reason === "limit"
    ? `already invited ${plural(limit.invitations, "time")} in the last ${plural(limit.days, "day")}`
    : `invited less than ${plural(limit.gapDays, "day")} ago`;
}
