import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";

// Each test file works in its own copy of the run's migrated template database.
const adminUrl = inject("adminUrl");
const template = inject("templateDatabase");
const name = `${template}_${randomBytes(4).toString("hex")}`;

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin`create database ${admin(name)} template ${admin(template)}`;
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.QUORUM_SECRET ??= "test-secret-that-is-long-enough-for-hmac-0123456789";
process.env.QUORUM_DATA_DIR ??= ".data/test";

afterAll(async () => {
  const { stopBoss } = await import("~/jobs.server");
  const { closeDb } = await import("~/db.server");
  await stopBoss();
  await closeDb();
});
