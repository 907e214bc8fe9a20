import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/env.server";

describe("configuration", () => {
  it("stops with a sentence naming each bad variable", () => {
    expect(() => parseEnv({ PORT: "eighty", QUORUM_DEMO: "maybe", DATABASE_URL: "mysql://x" })).toThrow(EnvError);
    try {
      parseEnv({ PORT: "eighty", QUORUM_DEMO: "maybe", DATABASE_URL: "mysql://x" });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^Quorum cannot start: a setting is wrong\./);
      expect(message).toContain('PORT must be a number (it is "eighty")');
      expect(message).toContain('QUORUM_DEMO must be 1 or 0 (it is "maybe")');
      expect(message).toContain("DATABASE_URL must start with postgres://");
    }
  });

  it("refuses a pool size, timeout or port that is not a whole number in range, instead of using NaN", () => {
    expect(() => parseEnv({ QUORUM_DB_POOL: "lots" })).toThrow(
      /QUORUM_DB_POOL must be a whole number from 1 to 100 \(it is "lots"\)/,
    );
    expect(() => parseEnv({ QUORUM_DB_CONNECT_TIMEOUT: "0" })).toThrow(
      /QUORUM_DB_CONNECT_TIMEOUT must be a whole number from 1 to 600/,
    );
    expect(() => parseEnv({ QUORUM_DB_PORT: "70000" })).toThrow(
      /QUORUM_DB_PORT must be a whole number from 1 to 65535/,
    );
  });

  it("reads QUORUM_TRUST_PROXY as Express's trust proxy setting", () => {
    expect(parseEnv({}).QUORUM_TRUST_PROXY).toBe("loopback");
    expect(parseEnv({ QUORUM_TRUST_PROXY: "2" }).QUORUM_TRUST_PROXY).toBe(2);
    expect(parseEnv({ QUORUM_TRUST_PROXY: "false" }).QUORUM_TRUST_PROXY).toBe(false);
    expect(parseEnv({ QUORUM_TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).QUORUM_TRUST_PROXY).toBe("10.0.0.0/8, 127.0.0.1");
  });

  it("reads QUORUM_CHOICES_HOSTS as origins, and refuses what is not one", () => {
    expect(parseEnv({}).QUORUM_CHOICES_HOSTS).toEqual([]);
    expect(
      parseEnv({ QUORUM_CHOICES_HOSTS: "https://lists.example.org/countries, http://localhost:8080" })
        .QUORUM_CHOICES_HOSTS,
    ).toEqual(["https://lists.example.org", "http://localhost:8080"]);
    expect(() => parseEnv({ QUORUM_CHOICES_HOSTS: "lists.example.org" })).toThrow(
      /QUORUM_CHOICES_HOSTS must be a comma-separated list of origins such as https:\/\/lists\.example\.org \("lists\.example\.org" is not one\)/,
    );
  });

  it("has the documented defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      QUORUM_DEMO: true,
      QUORUM_DATA_DIR: ".data",
      publicUrl: "http://localhost:3000",
      QUORUM_DB_POOL: 10,
      QUORUM_DB_CONNECT_TIMEOUT: 10,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(parseEnv({ QUORUM_DEMO: "0" }).QUORUM_DEMO).toBe(false);
  });
});
