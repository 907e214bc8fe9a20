import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(import.meta.dirname, "app") };

// Three projects: pure unit tests (no database, about a second), property tests (pure, generated
// inputs, slower), and integration tests, each file on its own copy of a migrated PostgreSQL database.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["test/unit/**/*.test.ts", "app/**/*.test.ts"] } },
      { resolve: { alias }, test: { name: "property", include: ["test/property/**/*.test.ts"], testTimeout: 120_000 } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/integration/global-setup.ts"],
          setupFiles: ["test/integration/setup.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
