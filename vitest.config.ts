import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		include: ["test/**/*.test.ts"],
		globalSetup: ["test/support/globalSetup.ts"],
		// Real workers, databases and browsers share two cores: one file at a time keeps timing sane.
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 120_000,
		reporters: ["default", ["json", { outputFile: "test-artifacts/vitest.json" }]],
	},
});
