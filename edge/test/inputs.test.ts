/** Caption style, pace, and the user's own music and logo on POST /api/projects: what is
 * stored with the project (the spec keeps R2 keys, never bytes), what the queue carries
 * (only the id), what the consumer sends the engine (the files back as base64), and the
 * ways a request can try to misuse the uploads. */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { JobMessage } from "../src/env";
import worker from "../src/index";
import { balance } from "../src/ledger";
import { encodeBase64 } from "../src/base64";
import { decodeBase64, inputKey, inputsPrefix } from "../src/project_inputs";
import { LOGO_MAX_BYTES, MUSIC_MAX_BYTES } from "../src/rules";
import { accepted, captureQueue, engineError, stubEngine } from "./engine_stub";
import { call, makeUser, type TestUser } from "./helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

type ErrorBody = { error: { code: string; message: string; field?: string } };
type Spec = Record<string, unknown> & { music?: { key: string; filename: string }; logo?: { key: string; filename: string } };
type ProjectBody = { project: { id: string; status: string; spec: Spec } };

const create = (u: TestUser, body: unknown) =>
  call("/api/projects", { method: "POST", headers: { ...u.auth, "content-type": "application/json" }, body: JSON.stringify(body) });

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
/** A PNG's signature and IHDR chunk (w x h), then `rest`. */
const png = (w = 64, h = 32, rest: number[] = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]) =>
  bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], u32(13), "IHDR", u32(w), u32(h), [8, 6, 0, 0, 0], [1, 2, 3, 4], rest);
const mp3 = bytes("ID3", [4, 0, 0, 0, 0, 0, 0], [0xff, 0xfb, 0x90, 0x64], "some frames");
const file = (filename: string, b: Uint8Array) => ({ filename, data: encodeBase64(b) });

const row = (id: string) => env.DB.prepare("SELECT * FROM projects WHERE id = ?").bind(id).first<Record<string, unknown>>();
const stored = async (id: string) => (await env.MEDIA.list({ prefix: inputsPrefix(id) })).objects.map((o) => o.key).sort();
const objectBytes = async (key: string) => new Uint8Array(await (await env.MEDIA.get(key))!.arrayBuffer());

async function deliver(project: string) {
  const batch = createMessageBatch<JobMessage>("storycut-jobs", [{ id: "msg-1", timestamp: new Date(), attempts: 1, body: { project } }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

async function created(u: TestUser, body: unknown): Promise<ProjectBody["project"]> {
  const res = await create(u, body);
  expect(res.status, await res.clone().text()).toBe(202);
  return (await res.json<ProjectBody>()).project;
}

async function refused(u: TestUser, body: unknown, status: number, field: string): Promise<ErrorBody["error"]> {
  const res = await create(u, body);
  expect(res.status).toBe(status);
  const { error } = await res.json<ErrorBody>();
  expect(error.field).toBe(field);
  expect(error.message.startsWith(`${field}: `)).toBe(true);
  return error;
}

describe("base64", () => {
  it("encodes in chunks exactly as one btoa would, across chunk boundaries, and decodes back", () => {
    for (const n of [0, 1, 2, 3, 24575, 24576, 24577, 24578, 49152, 100_001]) {
      const b = crypto.getRandomValues(new Uint8Array(Math.min(n, 65536)));
      const big = new Uint8Array(n);
      for (let i = 0; i < n; i += b.length || 1) big.set(b.subarray(0, Math.min(b.length, n - i)), i);
      let bin = "";
      for (const x of big) bin += String.fromCharCode(x);
      expect(encodeBase64(big), `${n} bytes`).toBe(btoa(bin));
      expect(decodeBase64(encodeBase64(big))).toEqual(big);
    }
  });
});

describe("captions and pace", () => {
  it.each([
    ["short", "karaoke"],
    ["square", "karaoke"],
    ["long", "lines"],
  ])("gives a %s video %s captions when none are asked for", async (format, captions) => {
    captureQueue();
    const u = await makeUser(100);
    expect((await created(u, { topic: "a lighthouse keeper", format })).spec.captions).toBe(captions);
  });

  it("keeps the captions and pace asked for (a pace name as its factor) and sends them to the engine", async () => {
    const sent = captureQueue();
    const calls = stubEngine(() => accepted("eng-cp"));
    const u = await makeUser(100);
    const p = await created(u, { topic: "a lighthouse keeper", format: "long", captions: "none", pace: "slow" });
    expect(p.spec).toMatchObject({ captions: "none", pace: 0.85 });
    expect(JSON.parse((await row(p.id))!.spec as string)).toMatchObject({ captions: "none", pace: 0.85 });
    expect(sent).toEqual([{ project: p.id }]);
    await deliver(p.id);
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.body)).toMatchObject({ captions: "none", pace: 0.85, format: "long" });
    expect((await row(p.id))!.status).toBe("running");
  });

  it("takes each pace name and a factor at both ends of the range", async () => {
    captureQueue();
    const u = await makeUser(1000);
    for (const [pace, factor] of [["normal", 1], ["fast", 1.15], [0.8, 0.8], [1.25, 1.25], [1.1, 1.1]] as const)
      expect((await created(u, { topic: "x", pace })).spec.pace).toBe(factor);
  });

  it("sends no pace for a project that asked for none, and no captions for one made before they existed", async () => {
    const calls = stubEngine(() => accepted("eng-old"));
    const u = await makeUser(100);
    captureQueue();
    const p = await created(u, { topic: "x", captions: "lines" });
    await deliver(p.id);
    const body = JSON.parse(calls[0]!.body);
    expect(body.captions).toBe("lines");
    expect(body).not.toHaveProperty("pace");
    expect(body).not.toHaveProperty("music");
    expect(body).not.toHaveProperty("logo");
  });
});

describe("music and logo uploads", () => {
  it("stores the files in R2 under the project, keeps only their keys in the spec and queues only the id", async () => {
    const sent = captureQueue();
    const u = await makeUser(100);
    const p = await created(u, { topic: "a lighthouse keeper", music: file("song.mp3", mp3), logo: file("logo.png", png()) });
    expect(p.spec.music).toEqual({ key: inputKey(p.id, "music"), filename: "song.mp3" });
    expect(p.spec.logo).toEqual({ key: inputKey(p.id, "logo"), filename: "logo.png" });
    expect(p.spec.music!.key).toBe(`projects/${p.id}/inputs/music`);
    const spec = (await row(p.id))!.spec as string;
    expect(spec).not.toContain(encodeBase64(mp3));
    expect(spec.length).toBeLessThan(500);
    expect(await stored(p.id)).toEqual([inputKey(p.id, "logo"), inputKey(p.id, "music")].sort());
    expect(await objectBytes(inputKey(p.id, "music"))).toEqual(mp3);
    expect((await env.MEDIA.head(inputKey(p.id, "logo")))!.httpMetadata!.contentType).toBe("image/png");
    expect(sent).toEqual([{ project: p.id }]);
  });

  it("sends the engine the files read back from R2 as {filename, data} base64 objects", async () => {
    captureQueue();
    const calls = stubEngine(() => accepted("eng-files"));
    const u = await makeUser(100);
    const logo = png(400, 200);
    const p = await created(u, { topic: "a lighthouse keeper", captions: "karaoke", pace: 1.1, music: file("theme.mp3", mp3), logo: file("brand.png", logo) });
    expect(calls).toHaveLength(0);
    await deliver(p.id);
    expect(calls).toHaveLength(1);
    const body = JSON.parse(calls[0]!.body);
    expect(body.music).toEqual({ filename: "theme.mp3", data: encodeBase64(mp3) });
    expect(body.logo).toEqual({ filename: "brand.png", data: encodeBase64(logo) });
    expect(body).toMatchObject({ captions: "karaoke", pace: 1.1, topic: "a lighthouse keeper" });
    expect(Object.keys(body).at(-1)).toBe("callback");
  });

  it.each([
    ["RIFF/WAVE", bytes("RIFF", [36, 0, 0, 0], "WAVEfmt ")],
    ["Ogg", bytes("OggS", [0, 2, 0, 0])],
    ["FLAC", bytes("fLaC", [0, 0, 0, 34])],
    ["M4A", bytes([0, 0, 0, 32], "ftypM4A ")],
    ["WebM", bytes([0x1a, 0x45, 0xdf, 0xa3], [1, 2, 3])],
    ["an MP3 frame without ID3", bytes([0xff, 0xfb, 0x90, 0x64], [0, 0, 0])],
  ])("takes %s music by its bytes, whatever its name", async (_, b) => {
    captureQueue();
    const u = await makeUser(100);
    const p = await created(u, { topic: "x", music: file("track.bin", b) });
    expect(await objectBytes(p.spec.music!.key)).toEqual(b);
  });

  it.each([
    ["a PNG named .mp3", { music: file("song.mp3", png()) }, "music"],
    ["a text file", { music: file("song.mp3", bytes("hello, this is not audio")) }, "music"],
    ["RIFF that is not WAVE", { music: file("song.wav", bytes("RIFF", [0, 0, 0, 0], "AVI LIST")) }, "music"],
    ["a JPEG named .png", { logo: file("logo.png", bytes([0xff, 0xd8, 0xff, 0xe0], "JFIF")) }, "logo"],
    ["a PNG signature followed by garbage", { logo: file("logo.png", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "garbage garbage garbage garbage")) }, "logo"],
    ["a PNG of zero width", { logo: file("logo.png", png(0, 10)) }, "logo"],
    ["an MP3 as the logo", { logo: file("logo.png", mp3) }, "logo"],
  ])("refuses %s with 415, storing nothing", async (_, extra, field) => {
    const sent = captureQueue();
    const put = vi.spyOn(env.MEDIA, "put");
    const u = await makeUser(100);
    const error = await refused(u, { topic: "x", ...extra }, 415, field);
    expect(error.code).toBe("unsupported_media_type");
    expect(put).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
    expect((await balance(env.DB, u.id)).held).toBe(0);
  });

  it.each([
    ["a URL", "https://example.com/song.mp3", /upload the file itself as \{filename, data\}; the engine does not fetch URLs/],
    ["an array", [1, 2, 3], /object \{filename, data\}/],
    ["a number", 7, /object \{filename, data\}/],
    ["no data", { filename: "song.mp3" }, /base64/],
    ["empty data", { filename: "song.mp3", data: "" }, /base64/],
    ["data that is not text", { filename: "song.mp3", data: 12 }, /base64/],
    ["base64 with junk", { filename: "song.mp3", data: "SUQz$$$$" }, /not valid base64/],
    ["base64 with whitespace", { filename: "song.mp3", data: "SUQz BAAA" }, /not valid base64/],
    ["base64 without its padding", { filename: "song.mp3", data: "SUQzBA" }, /not valid base64/],
    ["a data: URL", { filename: "song.mp3", data: `data:audio/mpeg;base64,${encodeBase64(mp3)}` }, /not valid base64/],
    ["no filename", { data: encodeBase64(mp3) }, /filename/],
    ["a path as its filename", { filename: "../../etc/passwd", data: encodeBase64(mp3) }, /no folders/],
    ["a filename with a control character", { filename: "song\n.mp3", data: encodeBase64(mp3) }, /no folders/],
    ["a very long filename", { filename: `${"a".repeat(252)}.mp3`, data: encodeBase64(mp3) }, /at most 255 bytes/],
    // 100 Hangul syllables are 300 bytes: the engine would refuse the job after the hold.
    ["a filename of more bytes than the engine takes", { filename: `${"노".repeat(100)}.mp3`, data: encodeBase64(mp3) }, /at most 255 bytes/],
    ["an unknown key", { filename: "song.mp3", data: encodeBase64(mp3), url: "https://x" }, /url is not a known field/],
  ])("refuses music given as %s with 422 naming music", async (_, music, message) => {
    const sent = captureQueue();
    const put = vi.spyOn(env.MEDIA, "put");
    const u = await makeUser(100);
    const error = await refused(u, { topic: "x", music }, 422, "music");
    expect(error.message).toMatch(message);
    expect(put).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it("takes a filename of exactly 255 UTF-8 bytes", async () => {
    captureQueue();
    const u = await makeUser(100);
    await created(u, { topic: "x", music: file(`${"노".repeat(83)}ab.mp3`, mp3) }); // 249 + 2 + 4 bytes
  });

  it("takes a logo of exactly 4096x4096 pixels and refuses a larger one with 413", async () => {
    captureQueue();
    const u = await makeUser(100);
    await created(u, { topic: "x", logo: file("logo.png", png(4096, 4096)) });
    const error = await refused(u, { topic: "x", logo: file("logo.png", png(4097, 10)) }, 413, "logo");
    expect(error.message).toMatch(/4097x10 pixels; use at most 4096x4096/);
  });

  it("refuses files past their size limits with 413, a logo by its decoded bytes and music by its base64 length before decoding", async () => {
    const put = vi.spyOn(env.MEDIA, "put");
    captureQueue();
    const u = await makeUser(100);
    const bigLogo = new Uint8Array(LOGO_MAX_BYTES + 1);
    bigLogo.set(png());
    expect((await refused(u, { topic: "x", logo: file("logo.png", bigLogo) }, 413, "logo")).code).toBe("too_large");
    const atob = vi.spyOn(globalThis, "atob");
    // One base64 quantum past the largest music: refused by its length alone.
    const data = "SUQz".repeat(Math.ceil(MUSIC_MAX_BYTES / 3) + 1);
    expect((await refused(u, { topic: "x", music: { filename: "song.mp3", data } }, 413, "music")).message).toMatch(/larger than 20 MiB/);
    expect(atob).not.toHaveBeenCalled();
    expect(put).not.toHaveBeenCalled();
  });

  it("checks the text fields before decoding any file", async () => {
    const u = await makeUser(100);
    const atob = vi.spyOn(globalThis, "atob");
    await refused(u, { topic: "   ", music: file("song.mp3", mp3) }, 422, "topic");
    await refused(u, { script: "word ".repeat(2000), format: "short", duration: 15, music: file("song.mp3", mp3) }, 422, "script");
    expect(atob).not.toHaveBeenCalled();
  });

  it("takes music of exactly 20 MiB", async () => {
    captureQueue();
    const u = await makeUser(100);
    const big = new Uint8Array(MUSIC_MAX_BYTES);
    big.set(mp3);
    const p = await created(u, { topic: "x", music: file("long.mp3", big) });
    expect((await env.MEDIA.head(p.spec.music!.key))!.size).toBe(MUSIC_MAX_BYTES);
  });

  it("refuses a body with a 50 MB music string with 413 before parsing it", async () => {
    const u = await makeUser(100);
    const parse = vi.spyOn(JSON, "parse");
    const res = await create(u, { topic: "x", music: { filename: "song.mp3", data: "A".repeat(50 * 1000 * 1000) } });
    expect(res.status).toBe(413);
    expect((await res.json<ErrorBody>()).error.code).toBe("too_large");
    expect(parse.mock.calls.filter(([t]) => typeof t === "string" && t.length > 1e6)).toEqual([]);
  });

  it("stores nothing for requests the balance does not cover", async () => {
    const sent = captureQueue();
    const put = vi.spyOn(env.MEDIA, "put");
    const u = await makeUser(14);
    const body = { topic: "x", duration: 60, music: file("song.mp3", mp3), logo: file("logo.png", png()) };
    const responses = await Promise.all(Array.from({ length: 5 }, () => create(u, body)));
    expect(responses.map((r) => r.status)).toEqual([402, 402, 402, 402, 402]);
    expect(put).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
    const { results } = await env.DB.prepare("SELECT id FROM projects WHERE user_id = ?").bind(u.id).all();
    expect(results).toEqual([]);
  });

  it("returns the credits and removes what was stored when storing the files fails", async () => {
    const sent = captureQueue();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const realPut = env.MEDIA.put.bind(env.MEDIA);
    let puts = 0;
    vi.spyOn(env.MEDIA, "put").mockImplementation(((...args: Parameters<R2Bucket["put"]>) => {
      if (++puts === 2) return Promise.reject(new Error("R2 down"));
      return realPut(...args);
    }) as R2Bucket["put"]);
    const u = await makeUser(100);
    const res = await create(u, { topic: "x", music: file("song.mp3", mp3), logo: file("logo.png", png()) });
    expect(res.status).toBe(503);
    expect((await res.json<ErrorBody>()).error.code).toBe("storage_unavailable");
    expect(sent).toEqual([]);
    const { results } = await env.DB.prepare("SELECT id, status FROM projects WHERE user_id = ?").bind(u.id).all<{ id: string; status: string }>();
    expect(results).toHaveLength(1);
    expect(results[0]!.status).toBe("failed");
    expect(await stored(results[0]!.id)).toEqual([]);
    expect(await balance(env.DB, u.id)).toMatchObject({ available: 100, held: 0 });
  });

  it("fails the project and returns the credits when a stored file is gone at dispatch, without calling an engine", async () => {
    captureQueue();
    const calls = stubEngine(() => accepted("eng-x"));
    const u = await makeUser(100);
    const p = await created(u, { topic: "x", logo: file("logo.png", png()) });
    await env.MEDIA.delete(p.spec.logo!.key);
    await deliver(p.id);
    expect(calls).toEqual([]);
    expect(await row(p.id)).toMatchObject({ status: "failed" });
    expect(String((await row(p.id))!.error)).toMatch(/logo file/);
    expect(await balance(env.DB, u.id)).toMatchObject({ available: 100, held: 0 });
  });

  it("fails the project with the engine's words when the engine refuses a file the edge let through", async () => {
    captureQueue();
    stubEngine(() => engineError(415, "logo: cairo cannot read this PNG", "logo"));
    const u = await makeUser(100);
    const p = await created(u, { topic: "x", logo: file("logo.png", png()) });
    await deliver(p.id);
    expect(await row(p.id)).toMatchObject({ status: "failed" });
    expect(String((await row(p.id))!.error)).toMatch(/cairo cannot read this PNG/);
    expect(await balance(env.DB, u.id)).toMatchObject({ available: 100, held: 0 });
  });

  it("keeps the files to their owner: another user sees no project, and no route serves them", async () => {
    captureQueue();
    const owner = await makeUser(100);
    const other = await makeUser(100);
    const p = await created(owner, { topic: "x", music: file("song.mp3", mp3), logo: file("logo.png", png()) });
    expect((await call(`/api/projects/${p.id}`, { headers: other.auth })).status).toBe(404);
    for (const u of [owner, other])
      for (const name of ["music", "logo", "logo.png", "inputs/music", encodeURIComponent("inputs/logo")])
        expect((await call(`/api/projects/${p.id}/assets/${name}`, { headers: u.auth })).status).toBe(404);
    expect((await call(`/api/projects/${p.id}`, { method: "DELETE", headers: other.auth })).status).toBe(404);
    expect(await stored(p.id)).toHaveLength(2);
  });

  it("deleting the project removes its files", async () => {
    captureQueue();
    const u = await makeUser(100);
    const p = await created(u, { topic: "x", music: file("song.mp3", mp3), logo: file("logo.png", png()) });
    expect(await stored(p.id)).toHaveLength(2);
    expect((await call(`/api/projects/${p.id}`, { method: "DELETE", headers: u.auth })).status).toBe(204);
    expect(await stored(p.id)).toEqual([]);
  });
});
