import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const call = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`https://edge.test${path}`, init));

describe("routing", () => {
  it("answers health", async () => {
    const res = await call("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("gives unknown API routes a JSON 404", async () => {
    const res = await call("/api/nothing-here");
    expect(res.status).toBe(404);
    const body = await res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe("not_found");
  });

  it("gives a wrong method a 405", async () => {
    const res = await call("/api/health", { method: "DELETE" });
    expect(res.status).toBe(405);
  });

  it("serves the web app for other paths", async () => {
    const res = await call("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
  });

  it("allows CORS only for the configured origin", async () => {
    const ok = await call("/api/health", { headers: { origin: "https://app.test" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.test");
    const other = await call("/api/health", { headers: { origin: "https://evil.test" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});
