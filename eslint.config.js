import js from "@eslint/js";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      ".cache/",
      ".data/",
      "node_modules/",
      "test-results/",
      "playwright-report/",
      ".scratch/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { react, "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "react/prop-types": "off",
    },
  },
  {
    // A model is named queries: no sending, scheduling, policy, HTTP, files or environment (issue 22).
    files: ["app/models/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "~/lib/security",
              importNames: ["hashPassword", "verifyPassword"],
              message: "Hashing and checking passwords belong to a flow (a token's hash is how its row is found).",
            },
          ],
          patterns: [
            { group: ["~/flows/*", "~/http/*", "~/routes/*"], message: "Models import nothing above them." },
            { group: ["~/jobs.server", "~/mailer.server"], message: "Sending and queueing belong to a flow." },
            { group: ["~/env.server"], message: "Settings reach a model as arguments, from a flow." },
            { group: ["fs", "node:fs", "node:fs/*", "fs/*"], message: "Files are read in a flow." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "setTimeout", message: "Timers belong to a flow or http/." },
        { name: "setInterval", message: "Timers belong to a flow or the worker." },
        { name: "fetch", message: "A model talks to the database only." },
        { name: "Response", message: "HTTP responses belong to http/ or routes/." },
      ],
    },
  },
  {
    // Playwright fixtures call their callback `use`, which is not a React hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["**/*.js"],
    languageOptions: { globals: { ...globals.node } },
  },
);
