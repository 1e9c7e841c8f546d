/** Project files for their owner (Range, HEAD, headers) and share links. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseRange } from "../src/routes/assets";
import { call, makeProject, makeUser, type TestUser, upload } from "./helpers";

const VIDEO = new Uint8Array(1000).map((_, i) => (i * 7 + 3) & 0xff);

/** A project with a video and a thumbnail uploaded through the engine callback. */
async function projectWithVideo(user: TestUser, status = "completed"): Promise<string> {
  const id = await makeProject(user, { status: "running" });
  for (const [name, body] of [["video.mp4", VIDEO], ["thumbnail.png", new Uint8Array([137, 80, 78, 71])]] as const) {
    const res = await upload(id, name, body);
    expect(res.status).toBe(200);
  }
  await env.DB.prepare("UPDATE projects SET status = ? WHERE id = ?").bind(status, id).run();
  return id;
}

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe("owner's assets", () => {
  it("serves the whole file with the right headers", async () => {
    const user = await makeUser();
    const id = await projectWithVideo(user);
    const res = await call(`/api/projects/${id}/assets/video.mp4`, { headers: user.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(res.headers.get("content-length")).toBe("1000");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("etag")).toMatch(/^".+"$/);
    expect(res.headers.get("cache-control")).toBe("private, max-age=3600");
    expect(res.headers.get("content-disposition")).toBe('inline; filename="video.mp4"');
    expect(await bytesOf(res)).toEqual(VIDEO);

    const png = await call(`/api/projects/${id}/assets/thumbnail.png?download=1`, { headers: user.auth });
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("content-disposition")).toBe('attachment; filename="thumbnail.png"');
    expect(await bytesOf(png)).toEqual(new Uint8Array([137, 80, 78, 71]));
  });

  it("answers Range requests with 206 and the exact bytes, 416 past the end", async () => {
    const user = await makeUser();
    const id = await projectWithVideo(user, "running");
    const get = (range: string) => call(`/api/projects/${id}/assets/video.mp4`, { headers: { ...user.auth, range } });

    const mid = await get("bytes=100-199");
    expect(mid.status).toBe(206);
    expect(mid.headers.get("content-range")).toBe("bytes 100-199/1000");
    expect(mid.headers.get("content-length")).toBe("100");
    expect(await bytesOf(mid)).toEqual(VIDEO.slice(100, 200));

    const open = await get("bytes=990-");
    expect(open.status).toBe(206);
    expect(open.headers.get("content-range")).toBe("bytes 990-999/1000");
    expect(await bytesOf(open)).toEqual(VIDEO.slice(990));

    const suffix = await get("bytes=-25");
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get("content-range")).toBe("bytes 975-999/1000");
    expect(await bytesOf(suffix)).toEqual(VIDEO.slice(975));

    const clipped = await get("bytes=900-5000");
    expect(clipped.headers.get("content-range")).toBe("bytes 900-999/1000");
    expect(await bytesOf(clipped)).toEqual(VIDEO.slice(900));

    const past = await get("bytes=1000-");
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe("bytes */1000");
    await past.arrayBuffer();

    // Several ranges are not supported: the whole file, as RFC 9110 allows.
    const multi = await get("bytes=0-1,5-6");
    expect(multi.status).toBe(200);
    expect((await bytesOf(multi)).length).toBe(1000);
  });

  it("answers HEAD with the headers and no body", async () => {
    const user = await makeUser();
    const id = await projectWithVideo(user);
    const res = await call(`/api/projects/${id}/assets/video.mp4`, { method: "HEAD", headers: user.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe("1000");
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect((await res.arrayBuffer()).byteLength).toBe(0);

    const ranged = await call(`/api/projects/${id}/assets/video.mp4`, { method: "HEAD", headers: { ...user.auth, range: "bytes=-10" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe("bytes 990-999/1000");
  });

  it("gives another user, a missing project and a missing file the same 404", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const id = await projectWithVideo(owner);
    const responses = [
      await call(`/api/projects/${id}/assets/video.mp4`, { headers: other.auth }),
      await call(`/api/projects/${crypto.randomUUID()}/assets/video.mp4`, { headers: owner.auth }),
      await call(`/api/projects/${id}/assets/subtitles.vtt`, { headers: owner.auth }),
      await call(`/api/projects/${id}/assets/..%2F..%2Fsecret`, { headers: owner.auth }),
    ];
    const bodies = [];
    for (const res of responses) {
      expect(res.status).toBe(404);
      bodies.push(((await res.json()) as { error: { code: string } }).error.code);
    }
    expect(new Set(bodies)).toEqual(new Set(["not_found"]));
    const anonymous = await call(`/api/projects/${id}/assets/video.mp4`);
    expect(anonymous.status).toBe(401);
  });

  it("parses ranges the way RFC 9110 says", () => {
    expect(parseRange(null, 10)).toBeNull();
    expect(parseRange("bytes=0-0", 10)).toEqual({ offset: 0, length: 1 });
    expect(parseRange("bytes=-100", 10)).toEqual({ offset: 0, length: 10 });
    expect(parseRange("bytes=-0", 10)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-", 0)).toBe("unsatisfiable");
    expect(parseRange("bytes=5-2", 10)).toBeNull();
    expect(parseRange("items=0-1", 10)).toBeNull();
    expect(parseRange("bytes=-", 10)).toBeNull();
  });
});

describe("share links", () => {
  async function share(user: TestUser, id: string, body?: unknown): Promise<Response> {
    return call(`/api/projects/${id}/share`, {
      method: "POST",
      headers: body === undefined ? user.auth : { ...user.auth, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  it("makes a link that serves the file without a session, Range included", async () => {
    const user = await makeUser();
    const id = await projectWithVideo(user);
    const before = Date.now();
    const res = await share(user, id);
    expect(res.status).toBe(200);
    const link = (await res.json()) as { url: string; expires_at: number };
    const url = new URL(link.url);
    expect(url.origin).toBe("https://edge.test");
    expect(url.pathname).toBe(`/share/${id}/video.mp4`);
    expect(url.searchParams.get("sig")).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(url.searchParams.get("exp")) * 1000).toBe(link.expires_at);
    expect(link.expires_at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3600_000);
    expect(link.expires_at).toBeLessThanOrEqual(Date.now() + 3600_000);

    const whole = await call(`${url.pathname}${url.search}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("video/mp4");
    expect(await bytesOf(whole)).toEqual(VIDEO);
    const part = await call(`${url.pathname}${url.search}`, { headers: { range: "bytes=10-19" } });
    expect(part.status).toBe(206);
    expect(await bytesOf(part)).toEqual(VIDEO.slice(10, 20));
  });

  it("refuses an expired link and a forged one with 403", async () => {
    const user = await makeUser();
    const id = await projectWithVideo(user);
    const res = await share(user, id, { name: "thumbnail.png", ttl_s: 60 });
    const url = new URL(((await res.json()) as { url: string }).url);
    const exp = url.searchParams.get("exp")!;
    const sig = url.searchParams.get("sig")!;
    expect((await call(`${url.pathname}${url.search}`)).status).toBe(200);

    const { shareLink } = await import("../src/share");
    const expired = new URL((await shareLink(env, id, "thumbnail.png", 60, 0, Date.now() - 120_000)).url);
    const attempts = [
      `/share/${id}/thumbnail.png?exp=${expired.searchParams.get("exp")}&sig=${expired.searchParams.get("sig")}`, // expired, genuinely signed
      `/share/${id}/thumbnail.png?exp=${Number(exp) + 86400}&sig=${sig}`, // exp pushed forward
      `/share/${id}/video.mp4?exp=${exp}&sig=${sig}`, // another file
      `/share/${id}/thumbnail.png?exp=${exp}&sig=${"0".repeat(64)}`,
      `/share/${id}/thumbnail.png?exp=${exp}`,
      `/share/${id}/thumbnail.png`,
    ];
    for (const path of attempts) {
      const r = await call(path);
      expect(r.status, path).toBe(403);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe("link_invalid");
    }
  });

  it("ends every link of a project when its owner revokes them, and only that project's", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const id = await projectWithVideo(owner);
    const kept = await projectWithVideo(owner);
    const linkOf = async (project: string, body?: unknown) => {
      const u = new URL(((await (await share(owner, project, body)).json()) as { url: string }).url);
      return `${u.pathname}${u.search}`;
    };
    const links = [await linkOf(id), await linkOf(id, { name: "thumbnail.png", ttl_s: 86_400 })];
    const elsewhere = await linkOf(kept);
    for (const l of [...links, elsewhere]) expect((await call(l)).status).toBe(200);

    const revoke = (user: TestUser, project: string) => call(`/api/projects/${project}/share`, { method: "DELETE", headers: user.auth });
    expect((await revoke(other, id)).status).toBe(404);
    expect((await call(links[0]!)).status).toBe(200);
    expect((await revoke(owner, id)).status).toBe(204);
    for (const l of links) {
      const r = await call(l);
      expect(r.status).toBe(403);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe("link_invalid");
    }
    expect((await call(elsewhere)).status).toBe(200);
    // A link made after the revocation works.
    expect((await call(await linkOf(id))).status).toBe(200);
  });

  it("only shares an owner's completed project, with bounded lifetimes", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const id = await projectWithVideo(owner);
    expect((await share(other, id)).status).toBe(404);
    expect((await share(owner, id, { name: "subtitles.srt" })).status).toBe(404);
    for (const [body, field] of [[{ ttl_s: 59 }, "ttl_s"], [{ ttl_s: 86401 }, "ttl_s"], [{ ttl_s: "1h" }, "ttl_s"], [{ name: "../x" }, "name"]] as const) {
      const r = await share(owner, id, body);
      expect(r.status).toBe(422);
      expect(((await r.json()) as { error: { field: string } }).error.field).toBe(field);
    }

    // A POST with an empty body (as curl -X POST sends) takes the defaults; text is refused.
    expect((await call(`/api/projects/${id}/share`, { method: "POST", headers: owner.auth, body: new Uint8Array(0) })).status).toBe(200);
    expect((await call(`/api/projects/${id}/share`, { method: "POST", headers: owner.auth, body: new TextEncoder().encode("name=x") })).status).toBe(415);

    const running = await projectWithVideo(owner, "running");
    expect((await share(owner, running)).status).toBe(409);
    // A link made while completed stops working if the project is no longer completed.
    const done = await projectWithVideo(owner);
    const url = new URL(((await (await share(owner, done)).json()) as { url: string }).url);
    await env.DB.prepare("UPDATE projects SET status = 'running' WHERE id = ?").bind(done).run();
    expect((await call(`${url.pathname}${url.search}`)).status).toBe(404);
  });
});
