import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { mailKey } from "~/lib/security";
import { sql } from "~/db.server";

/**
 * Rate limits on the public endpoints, counted in PostgreSQL with rate-limiter-flexible's PostgreSQL
 * store (table rate_limits), so they hold across instances and restarts. While the database cannot
 * be reached, each process counts in memory (the library's insurance limiter).
 */
const RULES = {
  /** Sign-in attempts from one address, whatever the email (password spraying). */
  signIn: { points: 30, duration: 15 * 60, sentence: "Too many sign-in attempts from your network" },
  /** "Email me a sign-in link" from one address. */
  magicLink: { points: 10, duration: 60 * 60, sentence: "Too many sign-in links were requested from your network" },
  /** "Email me a sign-in link" for one address: nobody's inbox gets flooded. Keyed by mailKey, never the address. */
  magicLinkEmail: { points: 3, duration: 60 * 60, sentence: "We already sent several sign-in links to this address" },
  /**
   * Join and address-change emails to one recipient, whoever asks (issue 23): at most one an hour.
   * Keyed by a digest of the address (mailKey), never the address itself.
   */
  mailToAddress: {
    points: 1,
    duration: 60 * 60,
    sentence: "An email was already sent to this address within the hour",
  },
  /** Password-reset emails asked for from one address (each address is also mailed at most once an hour: mailToAddress). */
  passwordReset: {
    points: 5,
    duration: 60 * 60,
    sentence: "Too many password resets were asked for from your network",
  },
  /**
   * Codes typed after a right password, per admin (second factor): ten tries in 15 minutes, so the
   * million 6-digit codes cannot be walked through by someone who has the password.
   */
  secondFactor: { points: 10, duration: 15 * 60, sentence: "Too many codes were tried for this account" },
  /** Join requests from one address. */
  join: { points: 10, duration: 60 * 60, sentence: "Too many requests to join from your network" },
  /** Open-link answers from one address: a few colleagues behind one network, not a padded group. */
  openLink: { points: 10, duration: 60 * 60, sentence: "Too many answers to this survey were sent from your network" },
  /**
   * Links (survey, open link, unsubscribe, sign-in, confirmation) that match nothing, from one address:
   * past 20 in 10 minutes each further one is a 429 rather than a 404. Only failures count, and a link
   * that exists is always served (issue 23: a campus behind one address was locked out by others' guesses).
   */
  unknownToken: {
    points: 20,
    duration: 10 * 60,
    sentence: "Too many links that do not exist were opened from your network",
  },
} as const;

export type LimitName = keyof typeof RULES;

const limiters = new Map<LimitName, RateLimiterPostgres>();

/** The store's client, used as node-postgres's Pool would be: rate-limiter-flexible sends `{ text, values }` and reads `rows`. */
const store = {
  async query(q: { text: string; values?: unknown[] }) {
    const rows = await sql.unsafe(q.text, (q.values ?? []) as never[]);
    return { rows: [...rows], rowCount: rows.count ?? rows.length };
  },
};

function limiter(name: LimitName): RateLimiterPostgres {
  let found = limiters.get(name);
  if (!found) {
    const rule = { keyPrefix: name, points: RULES[name].points, duration: RULES[name].duration };
    found = new RateLimiterPostgres({
      ...rule,
      storeClient: store,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      clearExpiredByTimeout: true,
      insuranceLimiter: new RateLimiterMemory(rule),
    });
    limiters.set(name, found);
  }
  return found;
}

export interface Limited {
  retryAfterSeconds: number;
  message: string;
}

function limited(name: LimitName, res: RateLimiterRes): Limited {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  const minutes = Math.ceil(seconds / 60);
  return {
    retryAfterSeconds: seconds,
    message: `${RULES[name].sentence}: please try again in ${minutes === 1 ? "1 minute" : `${minutes} minutes`}.`,
  };
}

export { mailKey };

/** Counts one attempt; returns why it is refused once the limit is used up. A missing key ("unknown": no HTTP server, as in scripts) is not limited. */
export async function consume(name: LimitName, key: string): Promise<Limited | undefined> {
  if (!key || key === "unknown") return undefined;
  try {
    await limiter(name).consume(key);
    return undefined;
  } catch (error) {
    if (error instanceof RateLimiterRes) return limited(name, error);
    throw error;
  }
}

/** A 429 page or JSON answer for a refused attempt. */
export function tooMany(limit: Limited, format: "text" | "json" = "text"): Response {
  const headers = { "Retry-After": String(limit.retryAfterSeconds), "Cache-Control": "no-store" };
  return format === "json"
    ? Response.json({ ok: false, error: limit.message }, { status: 429, headers })
    : new Response(limit.message, {
        status: 429,
        headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
      });
}

/**
 * Counts a link that matched nothing; throws a 429 once the address has opened more than its allowance
 * of such links. Called only after the lookup found nothing: a link that exists is never refused, so
 * people behind one address (a campus NAT) keep opening their own links whatever others there made up.
 */
export async function recordUnknownToken(ip: string, format: "text" | "json" = "text"): Promise<void> {
  const now = await consume("unknownToken", ip);
  if (now) throw tooMany(now, format);
}

/** Forgets every count (tests). */
export async function resetRateLimits(): Promise<void> {
  limiters.clear();
  await sql`delete from rate_limits`;
}
