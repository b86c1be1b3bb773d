import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "packages/*/test/**/*.test.ts",
      "apps/*/src/**/*.test.ts",
      "apps/*/test/**/*.test.ts",
    ],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    globalSetup: ["./tools/vitest-global-setup.ts"],
    reporters: ["default", "./tools/summary-reporter.ts"],
  },
});
