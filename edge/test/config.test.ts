import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ConfigError, engineOrigins } from "../src/config";
import type { Env } from "../src/env";

const origins = (v: string) => engineOrigins({ ...env, ENGINE_ORIGINS: v } as Env);

describe("ENGINE_ORIGINS", () => {
  it("takes https anywhere and http only on a loopback address", () => {
    expect(origins("https://engine1.example.com/, http://127.0.0.1:8787,http://127.9.0.3,http://[::1]:9000,http://localhost:8787")).toEqual([
      "https://engine1.example.com",
      "http://127.0.0.1:8787",
      "http://127.9.0.3",
      "http://[::1]:9000",
      "http://localhost:8787",
    ]);
  });

  it("refuses plain http to another host, and what is not a URL, naming the var and the origin", () => {
    for (const bad of ["http://engine.example.com", "http://128.0.0.1", "http://localhost.evil.test", "ftp://127.0.0.1", "engine.example.com"]) {
      expect(() => origins(`https://ok.example.com,${bad}`)).toThrow(ConfigError);
      expect(() => origins(bad)).toThrow(new RegExp(`^ENGINE_ORIGINS: ${bad.replace(/\./g, "\\.")} must be an https:// URL`));
    }
  });
});
