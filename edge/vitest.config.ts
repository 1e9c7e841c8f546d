import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests run inside workerd with the bindings of wrangler.jsonc (local D1, R2, queues,
// Durable Objects), test secrets, and the D1 migrations applied by test/setup.ts.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: {
          JWT_SECRET: "test-jwt-secret-0123456789abcdef0123456789abcdef",
          ENGINE_SECRET: "test-engine-secret-0123456789abcdef",
          ENGINE_ORIGINS: "https://engine.test",
          PUBLIC_ORIGIN: "https://edge.test",
          CORS_ORIGIN: "https://app.test",
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url))),
        },
      },
    })),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/setup.ts"],
  },
});
