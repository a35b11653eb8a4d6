import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    // Both cores for the unit tests (the default would use one); the browser project runs its
    // files one at a time anyway.
    maxWorkers: 2,
    projects: [
      {test: {name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node", testTimeout: 120_000, hookTimeout: 180_000}},
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false
        }
      }
    ]
  }
});
