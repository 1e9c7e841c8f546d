/** Bodies are limited while they stream: a body that declares no length (chunked) is cut
 * off once it passes the route's limit, not read to the end first. */
import { describe, expect, it } from "vitest";
import { signedHeaders } from "../src/service_auth";
import { env } from "cloudflare:workers";
import { SPEC_BODY_MAX } from "../src/project_spec";
import { call, makeProject, makeUser } from "./helpers";

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** `total` bytes of "a" in 64 KiB chunks, counting what the reader pulled. */
function countedStream(total: number) {
  const seen = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (seen.pulled >= total) return c.close();
        seen.pulled += CHUNK;
        c.enqueue(new Uint8Array(CHUNK).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

describe("streamed bodies", () => {
  it("stops reading a chunked create body at its limit (text plus the largest music and logo) with 413", async () => {
    const u = await makeUser(100);
    const { stream, seen } = countedStream(64 * MiB);
    const res = await call("/api/projects", { method: "POST", headers: { ...u.auth, "content-type": "application/json" }, body: stream });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("too_large");
    expect(seen.pulled).toBeLessThan(SPEC_BODY_MAX + MiB);
  });

  it("refuses a create body that declares more than its limit before reading any of it", async () => {
    const u = await makeUser(100);
    const { stream, seen } = countedStream(64 * MiB);
    const res = await call("/api/projects", {
      method: "POST",
      headers: { ...u.auth, "content-type": "application/json", "content-length": String(SPEC_BODY_MAX + 1) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(seen.pulled).toBeLessThanOrEqual(CHUNK);
  });

  it("stops reading a chunked engine callback at its limit, before the signature is even checked", async () => {
    const { stream, seen } = countedStream(16 * MiB);
    const path = `/internal/jobs/${crypto.randomUUID()}/events`;
    const headers = await signedHeaders(env.ENGINE_SECRET!, "POST", path, "");
    const res = await call(path, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: stream });
    expect(res.status).toBe(413);
    expect(seen.pulled).toBeLessThan(2 * MiB);
  });

  it("refuses an unsigned streamed engine callback with 401 before reading its body", async () => {
    const { stream, seen } = countedStream(16 * MiB);
    const res = await call(`/internal/jobs/${crypto.randomUUID()}/events`, { method: "POST", headers: { "content-type": "application/json" }, body: stream });
    expect(res.status).toBe(401);
    expect(seen.pulled).toBeLessThanOrEqual(CHUNK);
  });

  it("wants an artifact upload to declare its length (411)", async () => {
    const { stream, seen } = countedStream(MiB);
    const path = `/internal/jobs/${crypto.randomUUID()}/artifacts/video.mp4`;
    const headers = await signedHeaders(env.ENGINE_SECRET!, "PUT", path, "");
    const res = await call(path, { method: "PUT", headers: { ...headers, "content-type": "video/mp4" }, body: stream });
    expect(res.status).toBe(411);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe("content-length");
    expect(seen.pulled).toBeLessThan(MiB);
  });

  it("stops reading a body that should be empty (a share request without a content type) at its limit", async () => {
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "completed" });
    const { stream, seen } = countedStream(16 * MiB);
    const res = await call(`/api/projects/${id}/share`, { method: "POST", headers: u.auth, body: stream });
    expect(res.status).toBe(413);
    expect(seen.pulled).toBeLessThan(MiB);
  });
});
