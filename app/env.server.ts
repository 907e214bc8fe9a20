import path from "node:path";
import { z } from "zod";

const boolFlag = z
  .enum(["0", "1", "true", "false", "yes", "no"], {
    errorMap: () => ({ message: "must be 1 or 0" }),
  })
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** A whole number within bounds, from its text. */
function wholeNumber(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`);
}

const schema = z.object({
  PORT: z.coerce
    .number({ invalid_type_error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3000),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: "must start with postgres:// or postgresql://",
    }),
  QUORUM_DATA_DIR: z.string().trim().min(1, "must not be empty").default(".data"),
  QUORUM_DEMO: boolFlag.default("1"),
  QUORUM_SECRET: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.length >= 32, {
      message: "must be at least 32 characters (try: openssl rand -base64 48)",
    }),
  SESSION_SECRET: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.length >= 32, { message: "must be at least 32 characters" }),
  SMTP_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || /^smtps?:\/\//.test(v), { message: "must look like smtp://user:pass@host:587" }),
  MAIL_FROM: z.string().default("Quorum <quorum@localhost>"),
  QUORUM_WORKER: boolFlag.default("1"),
  QUORUM_CONTACT_ACROSS_PANELS: boolFlag.default("0"),
  QUORUM_PUBLIC_URL: z.string().url("must be a full URL such as https://panel.example.org").optional(),
  QUORUM_DB_POOL: wholeNumber(1, 100).default("10"),
  QUORUM_DB_CONNECT_TIMEOUT: wholeNumber(1, 600).default("10"),
  QUORUM_DB_PORT: wholeNumber(1, 65535).optional(),
  QUORUM_TRUST_PROXY: z.string().trim().default("loopback").transform(trustProxySetting),
  QUORUM_KEEP_ALIVE_TIMEOUT: wholeNumber(1, 3600).default("75"),
  /** Worker threads that compute suppressed figures (previews, publications, live results), off the event loop. */
  QUORUM_FIGURE_THREADS: wholeNumber(1, 16).default("1"),
  /** Computations that may wait for a figure thread; past that the request is told to try again. */
  QUORUM_FIGURE_QUEUE: wholeNumber(0, 1000).default("8"),
  /** Seconds one computation of figures may take before it is stopped (and its thread replaced). */
  QUORUM_FIGURE_TIMEOUT: wholeNumber(1, 3600).default("120"),
  QUORUM_CHOICES_HOSTS: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const origins: string[] = [];
      for (const part of value
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean)) {
        try {
          const url = new URL(part);
          if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("not http");
          origins.push(url.origin);
        } catch {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `must be a comma-separated list of origins such as https://lists.example.org ("${part}" is not one)`,
          });
        }
      }
      return origins;
    }),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /**
   * For the disclosure attack only: "primary-only" hides small cells but nothing more, so the attack
   * can show what complementary suppression prevents. Refused unless the demo is off.
   */
  QUORUM_TEST_SUPPRESSION: z.enum(["full", "primary-only"]).default("full"),
});

/** The `trust proxy` setting of Express: a hop count, true/false, or addresses and subnets (comma-separated). */
function trustProxySetting(value: string): boolean | number | string {
  if (!value) return "loopback";
  if (/^\d+$/.test(value)) return Number(value);
  if (value === "true" || value === "false") return value === "true";
  return value;
}

export type Env = z.infer<typeof schema> & { dataDir: string; publicUrl: string };

export class EnvError extends Error {}

/** Parses and checks the environment; throws an EnvError whose message names each bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `${issue.path.join(".")} ${issue.message} (it is ${JSON.stringify(source[String(issue.path[0])])}).`,
    );
    throw new EnvError(`Quorum cannot start: a setting is wrong.\n  ${lines.join("\n  ")}`);
  }
  const env = result.data;
  if (env.QUORUM_TEST_SUPPRESSION !== "full" && env.QUORUM_DEMO) {
    throw new EnvError(
      "Quorum cannot start: QUORUM_TEST_SUPPRESSION=primary-only weakens the protection of published figures and is only for the disclosure attack; set QUORUM_DEMO=0 with it, or remove it.",
    );
  }
  return {
    ...env,
    dataDir: path.resolve(env.QUORUM_DATA_DIR),
    publicUrl: (env.QUORUM_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
  };
}

let cached: Env | undefined;

/**
 * Reads and checks the environment once, at start (the server, the worker, the CLI and scripts call
 * it first, so a bad value stops them with a sentence before anything else runs).
 */
export function initEnv(source: Record<string, string | undefined> = process.env): Env {
  cached = parseEnv(source);
  return cached;
}

/** The environment, as read at start (read now when nothing read it yet: tests and one-off scripts). */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
