import { plural } from "./plural";

/**
 * An audit entry as a sentence a panel team reads ("sent 60 invitations for “Micro-credentials
 * 2026”"), instead of raw JSON and "wave #3". `subject` is the wave's title, the panel's or the
 * person's name when the entry names one that still exists.
 */
export interface AuditLine {
  action: string;
  entity: string;
  entityId: string | null;
  subject: string | null;
  changes: Record<string, unknown>;
}

const n = (v: unknown) => (typeof v === "number" ? v : Number(v) || 0);
const quoted = (s: string | null, fallback: string) => (s ? `“${s}”` : fallback);

export function describeAudit(e: AuditLine): string {
  const c = e.changes;
  const wave = quoted(e.subject, "a wave");
  const person = quoted(e.subject, "a panelist");
  switch (`${e.action} ${e.entity}`) {
    case "create wave":
      return `created the wave ${wave}${c.identified ? " as identified (responses may be linked to people)" : ""}`;
    case "download-responses wave":
      return `downloaded the responses of ${wave} (${plural(n(c.rows), "row")}, ${String(c.format ?? "").toUpperCase()}${c.anonymised ? ", anonymised" : ", identified"})`;
    case "invite wave":
      return `invited ${plural(n(c.created), "new person", "new people")} to ${wave}${c.named ? ` (named ${plural(n(c.named), "address", "addresses")})` : ""}`;
    case "send wave":
      return `emailed ${plural(n(c.invitations), "invitation")} for ${wave}`;
    case "remind wave":
      return `emailed ${plural(n(c.reminders), "reminder")} for ${wave}`;
    case "publish wave":
      return `published the results of ${wave}${c.respondents !== undefined && c.respondents !== null ? ` (${plural(n(c.respondents), "respondent")})` : ""}`;
    case "unpublish wave":
      return `unpublished the results of ${wave}`;
    case "withdraw-publication wave":
      return `withdrew the results of ${wave} (the strengthened disclosure protection withholds figures they showed)`;
    case "close wave":
      return `closed ${wave}`;
    case "extend wave":
      return `changed when ${wave} closes`;
    case "set-quote-attribution wave":
      return `signed the quotes of ${wave} ${c.style === "role" ? "by role" : "by respondent group"}`;
    case "create series":
      return `created the series ${quoted(e.subject ?? (typeof c.name === "string" ? c.name : null), "a series")}`;
    case "series wave":
      return c.series && (c.series as { to?: unknown }).to !== null
        ? `added ${wave} to a series`
        : `took ${wave} out of its series`;
    case "create panel":
      return `created the panel ${quoted(e.subject ?? (typeof c.name === "string" ? c.name : null), "a panel")}`;
    case "create panelist":
      return `added ${person} to the panel`;
    case "update panelist":
      return `changed ${Array.isArray(c.changed) && c.changed.length ? (c.changed as string[]).join(", ") : "the details"} of ${person}`;
    case "upsert panelists":
      return `imported ${plural(n(c.received), "row")}: ${plural(n(c.created), "new panelist")}, ${plural(n(c.updated), "update")}`;
    case "unsubscribe panelists":
      return `unsubscribed ${plural(n(c.panelists ?? c.count), "panelist")}`;
    case "create api_key":
      return `created the API key ${quoted(typeof c.name === "string" ? c.name : null, "")} (${String(c.role ?? "")})`.replace(
        " ()",
        "",
      );
    case "revoke api_key":
      return "revoked an API key";
    case "approve quote":
      return typeof c.tellsReaders === "string"
        ? `approved a quote for publication, confirming that it tells readers that its author ${c.tellsReaders}`
        : "approved a quote for publication";
    case "withdraw quote":
      return "withdrew a quote";
    case "set-logo panel":
      return `set the logo of the panel${e.subject ? ` “${e.subject}”` : ""}`;
    case "remove-logo panel":
      return `removed the logo of the panel${e.subject ? ` “${e.subject}”` : ""}`;
    case "erase panelist":
      return "erased a panelist and their answers";
    case "update-own-profile panelist":
      return `${person} updated their own profile`;
    case "change-email panelist":
      return `${person} changed their email address`;
    case "join-request panelist":
      return `${person} asked to join`;
    case "confirm panelist":
      return `${person} confirmed their membership`;
    case "rejoin panelist":
      return `${person} rejoined the panel`;
    default:
      return `${e.action.replace(/-/g, " ")} ${e.entity}${e.subject ? ` “${e.subject}”` : ""}`;
  }
}
