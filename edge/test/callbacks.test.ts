/** Engine callbacks through the real fetch handler: signatures, idempotent events,
 * artifacts (single and multipart), completion with its capture, failure with its release. */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { sha256Hex } from "../src/crypto";
import { balance } from "../src/ledger";
import { failureReason } from "../src/routes/internal";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import worker from "../src/index";
import type { JobMessage } from "../src/env";
import { accepted, captureQueue, stubEngine } from "./engine_stub";
import { call, engineCall, makeProject, makeUser, upload } from "./helpers";

const MiB = 1024 * 1024;

const event = (seq: number, progress: number, type = "progress", stage = "pictures") =>
  JSON.stringify({ job: "job-1", seq, type, data: { event: type, progress, elapsed: seq, stage, stage_index: 2, stage_count: 8 } });

async function projectRow(id: string) {
  return env.DB.prepare("SELECT status, stage, progress, last_seq, heartbeat_at, result, error FROM projects WHERE id = ?")
    .bind(id)
    .first<{ status: string; stage: string | null; progress: number; last_seq: number; heartbeat_at: number; result: string | null; error: string | null }>();
}

async function eventSeqs(id: string): Promise<number[]> {
  const { results } = await env.DB.prepare("SELECT seq FROM project_events WHERE project_id = ? ORDER BY seq").bind(id).all<{ seq: number }>();
  return results.map((r) => r.seq);
}

async function ledgerKinds(id: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT kind FROM credit_ledger WHERE project_id = ? ORDER BY id").bind(id).all<{ kind: string }>();
  return results.map((r) => r.kind);
}

function bytes(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7 + (i >> 10)) & 0xff;
  return b;
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : Math.min(a.length, b.length);
}

const put = upload;

const complete = (id: string, artifacts: string[], extra: Record<string, unknown> = {}) =>
  engineCall("POST", `/internal/jobs/${id}/complete`, JSON.stringify({ job: "job-1", status: "completed", artifacts, duration: 42.5, r2_keys: {}, ...extra }));

const fail = (id: string, error: string, status = "failed", job = "job-1", code?: string) =>
  engineCall("POST", `/internal/jobs/${id}/fail`, JSON.stringify({ job, status, error, ...(code !== undefined ? { code } : {}) }));

describe("callback signatures", () => {
  it("accepts a signed event and moves the project forward", async () => {
    const user = await makeUser();
    const id = await makeProject(user, { heartbeat_at: 1 });
    const res = await engineCall("POST", `/internal/jobs/${id}/events`, event(4, 0.25));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const row = await projectRow(id);
    expect(row).toMatchObject({ status: "running", stage: "pictures", progress: 0.25, last_seq: 4 });
    expect(row!.heartbeat_at).toBeGreaterThan(Date.now() - 60_000);
    expect(await eventSeqs(id)).toEqual([4]);
  });

  it("refuses forged, stale and unsigned callbacks and changes nothing", async () => {
    const user = await makeUser();
    const id = await makeProject(user);
    const path = `/internal/jobs/${id}/events`;
    const forged = await engineCall("POST", path, event(1, 0.5), { secret: "not-the-engine-secret" });
    const stale = await engineCall("POST", path, event(1, 0.5), { now: Date.now() - 3600_000 });
    const unsigned = await call(path, { method: "POST", headers: { "content-type": "application/json" }, body: event(1, 0.5) });
    for (const res of [forged, stale, unsigned]) expect(res.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("bad_signature");
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe("stale");
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe("unsigned");

    // A signature over another body or another path does not carry over.
    const headers = await import("../src/service_auth").then((m) => m.signedHeaders(env.ENGINE_SECRET!, "POST", path, event(1, 0.1)));
    const swapped = await call(path, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: event(1, 0.9) });
    expect(swapped.status).toBe(401);
    const failForged = await engineCall("POST", `/internal/jobs/${id}/fail`, JSON.stringify({ job: "j", status: "failed", error: "x" }), { secret: "nope" });
    expect(failForged.status).toBe(401);
    const putUnsigned = await call(`/internal/jobs/${id}/artifacts/video.mp4`, { method: "PUT", body: "evil" });
    expect(putUnsigned.status).toBe(401);

    expect(await projectRow(id)).toMatchObject({ status: "queued", progress: 0, last_seq: 0, error: null });
    expect(await eventSeqs(id)).toEqual([]);
    expect(await env.MEDIA.head(`jobs/${id}/video.mp4`)).toBeNull();
    expect(await ledgerKinds(id)).toEqual(["hold"]);
  });
});

describe("events", () => {
  it("counts a duplicate once and never moves progress backwards", async () => {
    const user = await makeUser();
    const id = await makeProject(user);
    const path = `/internal/jobs/${id}/events`;
    expect((await engineCall("POST", path, event(3, 0.3, "progress", "narration"))).status).toBe(200);
    const dup = await engineCall("POST", path, event(3, 0.3, "progress", "narration"));
    expect(dup.status).toBe(200);
    expect(await dup.json()).toEqual({ ok: true, ignored: "already seen" });
    // An older event arriving late is kept for history but moves nothing.
    expect((await engineCall("POST", path, event(2, 0.2, "stage_start", "pictures"))).status).toBe(200);
    expect((await engineCall("POST", path, event(2, 0.2, "stage_start", "pictures"))).status).toBe(200);
    expect(await eventSeqs(id)).toEqual([2, 3]);
    expect(await projectRow(id)).toMatchObject({ status: "running", stage: "narration", progress: 0.3, last_seq: 3 });

    expect((await engineCall("POST", path, event(5, 0.55, "scene_done", "compose"))).status).toBe(200);
    expect(await projectRow(id)).toMatchObject({ stage: "compose", progress: 0.55, last_seq: 5 });
  });

  it("clamps progress a hair outside 0..1", async () => {
    const user = await makeUser();
    const id = await makeProject(user);
    expect((await engineCall("POST", `/internal/jobs/${id}/events`, event(1, 1.0000000002, "job_done"))).status).toBe(200);
    expect((await projectRow(id))!.progress).toBe(1);
  });

  it("answers 400 for a malformed body and 422 naming a bad field", async () => {
    const user = await makeUser();
    const id = await makeProject(user);
    const path = `/internal/jobs/${id}/events`;
    const bad = await engineCall("POST", path, "{not json");
    expect(bad.status).toBe(400);
    const cases: [Record<string, unknown>, string][] = [
      [{ job: "job-1", seq: 1, type: "progress", data: { elapsed: 1 } }, "data.progress"],
      [{ job: "job-1", seq: 1, type: "Teleport now!", data: { progress: 0.1 } }, "type"],
      [{ job: "job-1", seq: 0, type: "progress", data: { progress: 0.1 } }, "seq"],
      [{ job: "job-1", seq: 1.5, type: "progress", data: { progress: 0.1 } }, "seq"],
      [{ seq: 1, type: "progress", data: { progress: 0.1 } }, "job"],
    ];
    for (const [body, field] of cases) {
      const res = await engineCall("POST", path, JSON.stringify(body));
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
    }
    expect(await eventSeqs(id)).toEqual([]);
  });

  it("ignores events for an ended project and from a job the project no longer runs", async () => {
    const user = await makeUser();
    const done = await makeProject(user, { status: "completed", progress: 1, last_seq: 9 });
    const res = await engineCall("POST", `/internal/jobs/${done}/events`, event(10, 0.1));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, ignored: "the project is already completed" });
    expect(await eventSeqs(done)).toEqual([]);
    expect(await projectRow(done)).toMatchObject({ status: "completed", progress: 1, last_seq: 9 });

    const moved = await makeProject(user, { status: "running", engine_job_id: "job-2" });
    const old = await engineCall("POST", `/internal/jobs/${moved}/events`, event(1, 0.9));
    // The old job is told to stop: another job makes this project now.
    expect(await old.json()).toEqual({ ok: true, ignored: "the project is no longer run by this job", stop: true });
    expect(await projectRow(moved)).toMatchObject({ progress: 0, last_seq: 0 });
  });

  it("tells the engine to stop a job whose project failed while it was away, and stores none of its files", async () => {
    const user = await makeUser();
    const gone = await makeProject(user, { status: "failed", engine_job_id: "job-1", error: "the render stopped responding" });
    const res = await engineCall("POST", `/internal/jobs/${gone}/events`, event(5, 0.4));
    expect(await res.json()).toEqual({ ok: true, ignored: "the project is already failed", stop: true });
    const file = await put(gone, "scene-01.png", bytes(10, 1));
    expect(file.status).toBe(200);
    expect(await file.json()).toEqual({ ok: true, ignored: "the project is already failed", stop: true });
    expect(await env.MEDIA.head(`jobs/${gone}/scene-01.png`)).toBeNull();
    expect(await (await complete(gone, ["scene-01.png"])).json()).toEqual({ ok: true, ignored: "the project is already failed", stop: true });
    expect(await projectRow(gone)).toMatchObject({ status: "failed", last_seq: 0 });
  });
});

describe("artifacts", () => {
  it("stores a single PUT in R2 with its content type and records it", async () => {
    const user = await makeUser();
    const id = await makeProject(user, { status: "running", heartbeat_at: 1 });
    const srt = "1\n00:00:00,000 --> 00:00:02,000\nHello\n";
    const res = await put(id, "subtitles.srt", srt);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, name: "subtitles.srt", complete: true });
    const obj = await env.MEDIA.get(`jobs/${id}/subtitles.srt`);
    expect(await obj!.text()).toBe(srt);
    expect(obj!.httpMetadata?.contentType).toBe("application/x-subrip");
    const row = await env.DB.prepare("SELECT r2_key, size, content_type FROM artifacts WHERE project_id = ? AND name = ?")
      .bind(id, "subtitles.srt")
      .first();
    expect(row).toEqual({ r2_key: `jobs/${id}/subtitles.srt`, size: srt.length, content_type: "application/x-subrip" });
    expect((await projectRow(id))!.heartbeat_at).toBeGreaterThan(1);

    // A regenerated scene replaces the file and its row.
    expect((await put(id, "scene-07.wav", bytes(100, 1))).status).toBe(200);
    expect((await put(id, "scene-07.wav", bytes(60, 2))).status).toBe(200);
    const wav = await env.MEDIA.get(`jobs/${id}/scene-07.wav`);
    expect(new Uint8Array(await wav!.arrayBuffer())).toEqual(bytes(60, 2));
    expect(wav!.httpMetadata?.contentType).toBe("audio/wav");
    const rows = await env.DB.prepare("SELECT size FROM artifacts WHERE project_id = ? AND name = 'scene-07.wav'").bind(id).all();
    expect(rows.results).toEqual([{ size: 60 }]);
  });

  it("refuses names outside the list and bad part numbers", async () => {
    const user = await makeUser();
    const id = await makeProject(user);
    for (const name of ["evil.exe", "scene-1.png", "scene-01.jpg", "..%2Fx.png", "video.mp4.bak"]) {
      const res = await put(id, name, "x");
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe("name");
    }
    for (const [q, field] of [["?part=0&parts=3", "part"], ["?part=4&parts=3", "part"], ["?part=1", "parts"], ["?parts=2", "part"], ["?part=x&parts=2", "part"], ["?part=1&parts=0", "parts"]]) {
      const res = await put(id, "video.mp4", "x", q);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field);
    }
    const { results } = await env.DB.prepare("SELECT name FROM artifacts WHERE project_id = ?").bind(id).all();
    expect(results).toEqual([]);
  });

  it("reassembles a multipart upload byte-exact, with a repeated part and parts out of order", async () => {
    const user = await makeUser();
    const id = await makeProject(user, { status: "running" });
    const p1 = bytes(5 * MiB, 1);
    const p2 = bytes(5 * MiB, 2);
    const p3 = bytes(1234, 3);
    const q = (k: number) => `?part=${k}&parts=3`;

    let res = await put(id, "video.mp4", p2, q(2));
    expect(await res.json()).toEqual({ ok: true, name: "video.mp4", complete: false });
    res = await put(id, "video.mp4", p1, q(1));
    expect(await res.json()).toEqual({ ok: true, name: "video.mp4", complete: false });
    // The engine resends from part 1 after a lost answer: the same part again.
    res = await put(id, "video.mp4", p1, q(1));
    expect(await res.json()).toEqual({ ok: true, name: "video.mp4", complete: false });
    const upload = await env.DB.prepare("SELECT parts, done_parts FROM artifact_uploads WHERE project_id = ? AND name = 'video.mp4'")
      .bind(id)
      .first<{ parts: number; done_parts: string }>();
    expect(upload!.parts).toBe(3);
    expect(Object.keys(JSON.parse(upload!.done_parts)).sort()).toEqual(["1", "2"]);
    expect(await env.MEDIA.head(`jobs/${id}/video.mp4`)).toBeNull();

    res = await put(id, "video.mp4", p3, q(3));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, name: "video.mp4", complete: true });

    const obj = await env.MEDIA.get(`jobs/${id}/video.mp4`);
    const got = new Uint8Array(await obj!.arrayBuffer());
    const want = new Uint8Array(p1.length + p2.length + p3.length);
    want.set(p1, 0);
    want.set(p2, p1.length);
    want.set(p3, p1.length + p2.length);
    // Compared by length, digest and first difference: a deep equal of 10 MiB exhausts the heap.
    expect(got.length).toBe(want.length);
    expect(firstDifference(got, want)).toBe(-1);
    expect(await sha256Hex(got)).toBe(await sha256Hex(want));
    expect(obj!.httpMetadata?.contentType).toBe("video/mp4");
    const row = await env.DB.prepare("SELECT size, content_type FROM artifacts WHERE project_id = ? AND name = 'video.mp4'").bind(id).first();
    expect(row).toEqual({ size: want.length, content_type: "video/mp4" });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM artifact_uploads WHERE project_id = ?").bind(id).first("n")).toBe(0);

    // The last part repeated after completion starts nothing half-done that could break the file.
    res = await put(id, "video.mp4", p3, q(3));
    expect(res.status).toBe(200);
    expect((await env.MEDIA.head(`jobs/${id}/video.mp4`))!.size).toBe(want.length);
  });

  it("starts over when R2 no longer has an upload in progress", async () => {
    const user = await makeUser();
    const id = await makeProject(user, { status: "running" });
    const key = `jobs/${id}/video.mp4`;
    const p1 = bytes(5 * MiB, 5);
    const p2 = bytes(777, 6);
    const q = (k: number) => `?part=${k}&parts=2`;
    const uploadId = async () =>
      env.DB.prepare("SELECT upload_id FROM artifact_uploads WHERE project_id = ? AND name = 'video.mp4'").bind(id).first<string>("upload_id");

    expect((await put(id, "video.mp4", p1, q(1))).status).toBe(200);
    const dead = await uploadId();
    await env.MEDIA.resumeMultipartUpload(key, dead!).abort(); // what the lifecycle rule does after a day
    // A later part cannot continue: the engine is told to resend from part 1.
    const res = await put(id, "video.mp4", p2, q(2));
    expect(res.status).toBe(409);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await uploadId()).toBeNull();

    expect((await put(id, "video.mp4", p1, q(1))).status).toBe(200);
    await env.MEDIA.resumeMultipartUpload(key, (await uploadId())!).abort();
    // Part 1 begins a new upload by itself.
    expect(await (await put(id, "video.mp4", p1, q(1))).json()).toEqual({ ok: true, name: "video.mp4", complete: false });
    expect(await uploadId()).not.toBe(dead);
    expect(await (await put(id, "video.mp4", p2, q(2))).json()).toEqual({ ok: true, name: "video.mp4", complete: true });
    const got = new Uint8Array(await (await env.MEDIA.get(key))!.arrayBuffer());
    expect(got.length).toBe(p1.length + p2.length);
    expect(firstDifference(got.subarray(0, p1.length), p1)).toBe(-1);
    expect(firstDifference(got.subarray(p1.length), p2)).toBe(-1);
  });
});

describe("complete", () => {
  it("waits for the artifacts with 409 + Retry-After, then completes and captures exactly once", async () => {
    const user = await makeUser(100);
    const id = await makeProject(user, { status: "running" });
    expect((await balance(env.DB, user.id)).available).toBe(85);

    const early = await complete(id, ["video.mp4", "metadata.json"]);
    expect(early.status).toBe(409);
    expect(early.headers.get("retry-after")).toBe("5");
    const err = (await early.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe("artifacts_missing");
    expect(err.error.message).toContain("video.mp4");
    expect((await projectRow(id))!.status).toBe("running");
    expect(await ledgerKinds(id)).toEqual(["hold"]);

    const meta = { title: "The Lighthouse Keeper", description: "A short story.", hashtags: ["#story"], chapters: [{ start: 0, time: "0:00", title: "Dusk" }] };
    expect((await put(id, "video.mp4", bytes(2048, 9))).status).toBe(200);
    expect((await put(id, "metadata.json", JSON.stringify(meta))).status).toBe(200);

    const ok = await complete(id, ["video.mp4", "metadata.json"]);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, status: "completed" });
    const row = await projectRow(id);
    expect(row).toMatchObject({ status: "completed", progress: 1, stage: "done" });
    expect(JSON.parse(row!.result!)).toEqual({ artifacts: ["video.mp4", "metadata.json"], duration: 42.5, metadata: meta });
    expect(await ledgerKinds(id)).toEqual(["hold", "capture"]);

    const again = await complete(id, ["video.mp4", "metadata.json"]);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, ignored: "the project is already completed" });
    expect(await ledgerKinds(id)).toEqual(["hold", "capture"]);
    const b = await balance(env.DB, user.id);
    expect(b).toMatchObject({ available: 85, spent: 15, held: 0 });
  });

  it("completes with artifacts the engine put straight into R2", async () => {
    const user = await makeUser();
    const id = await makeProject(user, { status: "running", engine_job_id: "eng-77" });
    const r2_keys = { "video.mp4": "jobs/eng-77/video.mp4", "metadata.json": "jobs/eng-77/metadata.json" };
    const body = (keys: Record<string, string>) =>
      JSON.stringify({ job: "eng-77", status: "completed", artifacts: ["video.mp4", "metadata.json"], duration: 15, r2_keys: keys });

    await env.MEDIA.put("jobs/eng-77/video.mp4", bytes(3000, 4), { httpMetadata: { contentType: "video/mp4" } });
    const missing = await engineCall("POST", `/internal/jobs/${id}/complete`, body(r2_keys));
    expect(missing.status).toBe(409);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain("metadata.json");

    const wrongKey = await engineCall("POST", `/internal/jobs/${id}/complete`, body({ ...r2_keys, "video.mp4": "jobs/other/video.mp4" }));
    expect(wrongKey.status).toBe(422);
    expect(((await wrongKey.json()) as { error: { field: string } }).error.field).toBe("r2_keys.video.mp4");

    await env.MEDIA.put("jobs/eng-77/metadata.json", JSON.stringify({ title: "Straight to R2" }));
    const ok = await engineCall("POST", `/internal/jobs/${id}/complete`, body(r2_keys));
    expect(ok.status).toBe(200);
    const { results } = await env.DB.prepare("SELECT name, r2_key, size FROM artifacts WHERE project_id = ? ORDER BY name").bind(id).all();
    expect(results).toEqual([
      { name: "metadata.json", r2_key: "jobs/eng-77/metadata.json", size: 26 },
      { name: "video.mp4", r2_key: "jobs/eng-77/video.mp4", size: 3000 },
    ]);
    const row = await projectRow(id);
    expect(row!.status).toBe("completed");
    expect(JSON.parse(row!.result!).metadata).toEqual({ title: "Straight to R2" });
    expect(await ledgerKinds(id)).toEqual(["hold", "capture"]);
  });

  it("refuses an artifact name outside the list with 422", async () => {
    const user = await makeUser();
    const id = await makeProject(user);
    const res = await complete(id, ["video.mp4", "secrets.txt"]);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe("artifacts.1");
  });
});

describe("fail", () => {
  it("fails the project, releases the hold and keeps a readable reason", async () => {
    const user = await makeUser(100);
    const id = await makeProject(user, { status: "running" });
    expect((await balance(env.DB, user.id)).available).toBe(85);
    const res = await fail(id, "stage pictures: cannot write /var/lib/storycut/jobs/abc/scene-03.png: No space left on device\n  at frame 2\n  at frame 3");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, status: "failed" });
    const row = await projectRow(id);
    expect(row!.status).toBe("failed");
    expect(row!.error).toBe("The render failed: stage pictures: cannot write scene-03.png: No space left on device");
    expect(await ledgerKinds(id)).toEqual(["hold", "release"]);
    expect(await balance(env.DB, user.id)).toMatchObject({ available: 100, held: 0, spent: 0 });

    const again = await fail(id, "again");
    expect(await again.json()).toEqual({ ok: true, ignored: "the project is already failed" });
    expect(await ledgerKinds(id)).toEqual(["hold", "release"]);
  });

  it("keeps the engine's error code, shown as error_code; an engine that sends none leaves it null", async () => {
    const user = await makeUser(100);
    const view = async (id: string) => {
      const res = await call(`/api/projects/${id}`, { headers: user.auth });
      expect(res.status).toBe(200);
      return ((await res.json()) as { project: { status: string; error: string; error_code: string | null } }).project;
    };
    const refused = await makeProject(user, { status: "running" });
    expect(await view(refused)).toMatchObject({ status: "running", error_code: null });
    const res = await fail(refused, "scene 3: the picture service refused this scene's content", "failed", "job-1", "refused");
    expect(await res.json()).toEqual({ ok: true, status: "failed" });
    expect(await view(refused)).toMatchObject({
      status: "failed",
      error: "The render failed: scene 3: the picture service refused this scene's content",
      error_code: "refused",
    });
    expect(await ledgerKinds(refused)).toEqual(["hold", "release"]);

    const old = await makeProject(user, { status: "running" });
    expect((await fail(old, "no voice")).status).toBe(200);
    expect(await view(old)).toMatchObject({ status: "failed", error: "The render failed: no voice", error_code: null });

    const bad = await makeProject(user, { status: "running" });
    for (const code of ["Refused", "no-voice", "", "x".repeat(33)]) {
      const r = await fail(bad, "x", "failed", "job-1", code);
      expect(r.status).toBe(422);
      expect(((await r.json()) as { error: { field: string } }).error.field).toBe("code");
    }
    expect((await view(bad)).status).toBe("running");
  });

  it("records a cancel as canceled", async () => {
    const user = await makeUser();
    const id = await makeProject(user, { status: "running" });
    expect((await fail(id, "canceled", "canceled")).status).toBe(200);
    expect(await projectRow(id)).toMatchObject({ status: "canceled", error: "The render was canceled: canceled" });
    expect(await ledgerKinds(id)).toEqual(["hold", "release"]);
  });

  it("changes nothing after complete, nor from a job the project no longer runs", async () => {
    const user = await makeUser(100);
    const id = await makeProject(user, { status: "running" });
    expect((await put(id, "video.mp4", bytes(10, 1))).status).toBe(200);
    expect((await complete(id, ["video.mp4"])).status).toBe(200);
    const res = await fail(id, "too late");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, ignored: "the project is already completed" });
    expect(await projectRow(id)).toMatchObject({ status: "completed", error: null });
    expect(await ledgerKinds(id)).toEqual(["hold", "capture"]);

    const moved = await makeProject(user, { status: "running", engine_job_id: "job-2" });
    expect(await (await fail(moved, "old engine gave up")).json()).toEqual({ ok: true, ignored: "the project is no longer run by this job" });
    expect((await projectRow(moved))!.status).toBe("running");
  });

  it("turns long or odd engine errors into one short line", () => {
    const long = failureReason("failed", "x".repeat(1000));
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long.endsWith("…")).toBe(true);
    expect(failureReason("failed", "")).toBe("The render failed.");
    expect(failureReason("failed", "\n\nbad\tthing\u0007 happened\nmore")).toBe("The render failed: bad thing happened");
    expect(failureReason("failed", "GET https://api.example.com/v1/images: 503")).toBe("The render failed: GET https://api.example.com/v1/images: 503");
  });
});

describe("callbacks for a project that does not exist", () => {
  it("acknowledges each with 200 so the engine stops retrying, and asks it to stop the job", async () => {
    const id = crypto.randomUUID();
    const responses = [
      await engineCall("POST", `/internal/jobs/${id}/events`, event(1, 0.1)),
      await put(id, "video.mp4", "x"),
      await put(id, "video.mp4", "x", "?part=1&parts=2"),
      await complete(id, ["video.mp4"]),
      await fail(id, "boom"),
    ];
    for (const [i, res] of responses.entries()) {
      expect(res.status).toBe(200);
      // Every callback but the fail (the job has ended then) tells the engine to stop the job.
      expect(await res.json()).toEqual({ ok: true, ignored: "no such project", ...(i < 4 ? { stop: true } : {}) });
    }
    expect(await env.MEDIA.head(`jobs/${id}/video.mp4`)).toBeNull();
    expect(await eventSeqs(id)).toEqual([]);
  });

  it("still checks the signature first", async () => {
    const res = await engineCall("POST", `/internal/jobs/${crypto.randomUUID()}/events`, event(1, 0.1), { secret: "wrong" });
    expect(res.status).toBe(401);
  });
});

describe("callbacks belong to the job that runs the project", () => {
  it("will not let another job complete a project with a third project's R2 objects", async () => {
    const victim = await makeUser(100);
    const attacker = await makeUser(100);
    const theirs = await makeProject(victim, { status: "completed", engine_job_id: "job-v" });
    await env.MEDIA.put("jobs/job-v/video.mp4", bytes(500, 3));
    const mine = await makeProject(attacker, { status: "running", engine_job_id: "job-a" });
    const steal = (job: string) =>
      engineCall("POST", `/internal/jobs/${mine}/complete`, JSON.stringify({ job, status: "completed", artifacts: ["video.mp4"], duration: 15, r2_keys: { "video.mp4": "jobs/job-v/video.mp4" } }));

    const asVictimsJob = await steal("job-v");
    expect(asVictimsJob.status).toBe(200);
    expect(await asVictimsJob.json()).toEqual({ ok: true, ignored: "the project is no longer run by this job", stop: true });
    const asOwnJob = await steal("job-a");
    expect(asOwnJob.status).toBe(422);
    expect(((await asOwnJob.json()) as { error: { field: string; message: string } }).error).toMatchObject({
      field: "r2_keys.video.mp4",
      message: "the R2 key of video.mp4 must be jobs/job-a/video.mp4",
    });
    expect((await projectRow(mine))!.status).toBe("running");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM artifacts WHERE project_id = ?").bind(mine).first("n")).toBe(0);
    expect(await ledgerKinds(mine)).toEqual(["hold"]);
    expect((await projectRow(theirs))!.status).toBe("completed");
  });

  it("stores no upload that names another job, and tells that job to stop", async () => {
    const user = await makeUser();
    const id = await makeProject(user, { status: "running", engine_job_id: "job-2" });
    const res = await put(id, "scene-01.png", bytes(10, 1), "?job=job-1");
    expect(await res.json()).toEqual({ ok: true, ignored: "the project is no longer run by this job", stop: true });
    expect(await env.MEDIA.head(`jobs/${id}/scene-01.png`)).toBeNull();
    expect((await put(id, "scene-01.png", bytes(10, 1), "?job=job-2")).status).toBe(200);
    expect(await env.MEDIA.head(`jobs/${id}/scene-01.png`)).not.toBeNull();
  });

  it("stores no upload that names no job once the project's job is recorded, and tells its sender to stop", async () => {
    const user = await makeUser();
    const id = await makeProject(user, { status: "running", engine_job_id: "job-2" });
    const res = await put(id, "video.mp4", bytes(10, 1), "", null);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, stop: true });
    expect(await env.MEDIA.head(`jobs/${id}/video.mp4`)).toBeNull();
    expect(await env.DB.prepare("SELECT count(*) AS n FROM artifacts WHERE project_id = ?").bind(id).first("n")).toBe(0);
  });

  it("takes no complete or fail before the project's job is recorded, and asks the engine to retry", async () => {
    captureQueue();
    const user = await makeUser(100);
    const id = await makeProject(user); // queued: no engine job yet, so an upload naming none is taken
    expect((await put(id, "video.mp4", bytes(10, 1), "", null)).status).toBe(200);
    for (const res of [await complete(id, ["video.mp4"]), await fail(id, "forged", "failed", "job-x")]) {
      expect(res.status).toBe(409);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(((await res.json()) as { error: { code: string; field: string } }).error).toMatchObject({ code: "job_not_recorded", field: "job" });
    }
    expect((await projectRow(id))!.status).toBe("queued");
    expect(await ledgerKinds(id)).toEqual(["hold"]);
  });
});

describe("an engine job the edge never recorded", () => {
  it("is recorded by dispatching the project again when its complete arrives, so the complete then lands", async () => {
    // The edge stopped between the engine's 202 and recording the job; the job's events
    // made the project running and keep it heard from, so nothing else would re-send it.
    const sent = captureQueue();
    const user = await makeUser(100);
    const id = await makeProject(user, { status: "running", engine_job_id: null, engine_origin: null });
    expect((await put(id, "video.mp4", bytes(10, 1), "", null)).status).toBe(200);
    const done = () => engineCall("POST", `/internal/jobs/${id}/complete`, JSON.stringify({ job: "job-1", status: "completed", artifacts: ["video.mp4"], duration: 15, r2_keys: {} }));
    expect((await done()).status).toBe(409);
    expect(sent).toEqual([{ project: id }]);
    const submits = stubEngine(() => accepted("job-1", "running")); // the same job: Idempotency-Key
    const batch = createMessageBatch<JobMessage>("storycut-jobs", [{ id: "m-1", timestamp: new Date(), attempts: 1, body: sent[0]! }]);
    await worker.queue(batch, env);
    await getQueueResult(batch, createExecutionContext());
    expect(submits.map((c) => [c.method, c.path, c.headers.get("idempotency-key")])).toEqual([["POST", "/v1/jobs", id]]);
    expect(await env.DB.prepare("SELECT engine_job_id FROM projects WHERE id = ?").bind(id).first("engine_job_id")).toBe("job-1");
    expect((await done()).status).toBe(200);
    expect((await projectRow(id))!.status).toBe("completed");
  });
});

describe("a render longer than was paid for", () => {
  const done = (id: string, duration: number) =>
    engineCall("POST", `/internal/jobs/${id}/complete`, JSON.stringify({ job: "job-1", status: "completed", artifacts: ["video.mp4"], duration, r2_keys: {} }));
  const ledger = (id: string) =>
    env.DB.prepare("SELECT kind, amount, op_key FROM credit_ledger WHERE project_id = ? ORDER BY id").bind(id).all().then((r) => r.results);
  async function paidFor60(credits: number) {
    const user = await makeUser(credits);
    const id = await makeProject(user, { status: "running", billed_duration: 60 }); // 15 credits held
    expect((await put(id, "video.mp4", bytes(10, 1))).status).toBe(200);
    return { user, id };
  }

  it("is charged the difference once, as its own entry, even when complete is sent again and twice at once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { user, id } = await paidFor60(100);
    // 130 s is three started minutes against the one paid for: 20 credits more.
    const [a, b] = await Promise.all([done(id, 130), done(id, 130)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await done(id, 130)).status).toBe(200);
    expect(await ledger(id)).toEqual([
      { kind: "hold", amount: 15, op_key: `${id}:hold` },
      { kind: "capture", amount: 15, op_key: `${id}:capture` },
      { kind: "hold", amount: 20, op_key: `${id}:overage:hold` },
      { kind: "capture", amount: 20, op_key: `${id}:overage:capture` },
    ]);
    expect(await balance(env.DB, user.id)).toMatchObject({ available: 65, spent: 35, held: 0 });
    const line = warn.mock.calls.map((c) => String(c[0])).find((m) => m.includes(id));
    expect(line).toContain("rendered 130.0 s, 60 s were paid for");
    expect(line).toContain("up to 20 credits");
    vi.restoreAllMocks();
  });

  it("is free within 10% and the music's tail", async () => {
    const { id } = await paidFor60(100);
    expect((await done(id, 67.5)).status).toBe(200);
    expect((await ledger(id)).map((l) => l.kind)).toEqual(["hold", "capture"]);
  });

  it("never takes the balance below zero", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const { user, id } = await paidFor60(25); // 10 left after the hold
    expect((await done(id, 130)).status).toBe(200);
    expect((await ledger(id)).slice(2)).toEqual([
      { kind: "hold", amount: 10, op_key: `${id}:overage:hold` },
      { kind: "capture", amount: 10, op_key: `${id}:overage:capture` },
    ]);
    expect((await balance(env.DB, user.id)).available).toBe(0);
    const broke = await paidFor60(15); // nothing left at all
    expect((await done(broke.id, 130)).status).toBe(200);
    expect((await ledger(broke.id)).map((l) => l.kind)).toEqual(["hold", "capture"]);
    vi.restoreAllMocks();
  });
});
