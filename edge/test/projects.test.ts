import { createMessageBatch } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { JobMessage } from "../src/env";
import worker from "../src/index";
import { afterEach, describe, expect, it, vi } from "vitest";
import { balance, settle } from "../src/ledger";
import { endProject, liveStub } from "../src/project_state";
import { DELETION_BATCH, DELETION_MAX_ATTEMPTS, retryDeletions } from "../src/job_deletions";
import { sweep } from "../src/sweep";
import { accepted, captureQueue, engineError, signedCorrectly, stubEngine } from "./engine_stub";
import { call, engineCall, makeProject, makeUser, type TestUser } from "./helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

type ErrorBody = { error: { code: string; message: string; field?: string } };
type ProjectBody = { project: Record<string, unknown> & { id: string; status: string } };

const post = (u: TestUser | null, path: string, body: unknown, contentType = "application/json") =>
  call(path, {
    method: "POST",
    headers: { ...(u ? u.auth : {}), "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const create = (u: TestUser | null, body: unknown) => post(u, "/api/projects", body);

const projectRows = (user: string) =>
  env.DB.prepare("SELECT * FROM projects WHERE user_id = ?").bind(user).all<Record<string, unknown>>().then((r) => r.results);
const ledgerRows = (user: string) =>
  env.DB.prepare("SELECT kind, amount, project_id FROM credit_ledger WHERE user_id = ? AND kind <> 'grant' ORDER BY id")
    .bind(user)
    .all<{ kind: string; amount: number; project_id: string }>()
    .then((r) => r.results);
const row = (id: string) => env.DB.prepare("SELECT * FROM projects WHERE id = ?").bind(id).first<Record<string, unknown>>();

describe("POST /api/projects", () => {
  it("creates a queued project, holds its cost and queues it", async () => {
    const sent = captureQueue();
    const u = await makeUser(100);
    const res = await create(u, { topic: "  a lighthouse   keeper ", style: "noir" });
    expect(res.status).toBe(202);
    const { project } = await res.json<ProjectBody>();
    expect(project).toMatchObject({
      status: "queued",
      progress: 0,
      cost: 15,
      spec: { topic: "a lighthouse keeper", format: "short", duration: 45, style: "noir" },
      result: null,
      error: null,
    });
    expect(project).not.toHaveProperty("engine_origin");
    const stored = await row(project.id);
    expect(stored).toMatchObject({ user_id: u.id, status: "queued", cost: 15, attempts: 0 });
    expect(stored!.heartbeat_at).toBe(stored!.created_at);
    expect(JSON.parse(stored!.spec as string)).toEqual(project.spec);
    expect(await ledgerRows(u.id)).toEqual([{ kind: "hold", amount: 15, project_id: project.id }]);
    expect((await balance(env.DB, u.id)).available).toBe(85);
    expect(sent).toEqual([{ project: project.id }]);
  });

  it("takes the square format with the short form's default duration and price", async () => {
    const sent = captureQueue();
    const u = await makeUser(100);
    const res = await create(u, { topic: "a lighthouse keeper", format: "square" });
    expect(res.status).toBe(202);
    const { project } = await res.json<ProjectBody>();
    expect(project.spec).toEqual({ topic: "a lighthouse keeper", format: "square", duration: 45, captions: "karaoke" });
    expect(project.cost).toBe(5 + 10 * 1); // 45 s: the first minute
    expect(sent.length).toBe(1);
  });

  it("prices by duration and applies the long format's default", async () => {
    captureQueue();
    const u = await makeUser(100);
    const res = await create(u, { topic: "a lighthouse keeper", format: "long" });
    expect(res.status).toBe(202);
    const { project } = await res.json<ProjectBody>();
    expect(project.spec).toEqual({ topic: "a lighthouse keeper", format: "long", duration: 180, captions: "lines" });
    expect(project.cost).toBe(5 + 10 * 3);
    expect((await balance(env.DB, u.id)).available).toBe(65);
  });

  it("refuses with 402 and creates nothing when the balance does not cover the cost", async () => {
    const sent = captureQueue();
    const u = await makeUser(14);
    const res = await create(u, { topic: "a lighthouse keeper", duration: 60 });
    expect(res.status).toBe(402);
    const { error } = await res.json<ErrorBody>();
    expect(error.code).toBe("insufficient_credits");
    expect(error.field).toBe("duration");
    expect(error.message).toMatch(/needs 15 credits/);
    expect(error.message).toMatch(/14 available/);
    expect(await projectRows(u.id)).toEqual([]);
    expect(await ledgerRows(u.id)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("still answers 202 when the queue send fails, leaving the project for the sweep", async () => {
    vi.spyOn(env.JOBS, "send").mockRejectedValue(new Error("queue down"));
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const u = await makeUser(100);
    const res = await create(u, { topic: "a lighthouse keeper" });
    expect(res.status).toBe(202);
    const { project } = await res.json<ProjectBody>();
    expect((await row(project.id))!.status).toBe("queued");
    expect(await ledgerRows(u.id)).toEqual([{ kind: "hold", amount: 15, project_id: project.id }]);
  });

  it("lets exactly as many concurrent creates through as the balance covers", async () => {
    const sent = captureQueue();
    const u = await makeUser(45); // three 15-credit videos
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => create(u, { topic: `story number ${i}` })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(3);
    expect(statuses.filter((s) => s === 402)).toHaveLength(17);
    expect(await projectRows(u.id)).toHaveLength(3);
    const ledger = await ledgerRows(u.id);
    expect(ledger.filter((l) => l.kind === "hold")).toHaveLength(3);
    expect(new Set(ledger.map((l) => l.project_id)).size).toBe(3);
    const b = await balance(env.DB, u.id);
    expect(b.available).toBe(0);
    expect(b.held).toBe(45);
    expect(sent).toHaveLength(3);
  });

  it("counts a topic's length in characters, not UTF-16 units", async () => {
    captureQueue();
    const u = await makeUser(100);
    expect((await create(u, { topic: "🌊".repeat(500) })).status).toBe(202);
    const res = await create(u, { topic: "🌊".repeat(501) });
    expect(res.status).toBe(422);
    expect((await res.json<ErrorBody>()).error.field).toBe("topic");
  });

  it("takes null as absent, as the engine does", async () => {
    captureQueue();
    const u = await makeUser(100);
    const res = await create(u, { topic: "a lighthouse keeper", script: null, voice: null, captions: null, pace: null, music: null, logo: null });
    expect(res.status).toBe(202);
    expect((await res.json<ProjectBody>()).project.spec).toEqual({ topic: "a lighthouse keeper", format: "short", duration: 45, captions: "karaoke" });
  });

  it.each([
    [{ topic: "x", colour: "red" }, "colour"],
    [{}, "topic"],
    [{ topic: "x", script: "y" }, "topic"],
    [{ topic: "   " }, "topic"],
    [{ topic: "a".repeat(501) }, "topic"],
    [{ topic: "bad \u0000 text" }, "topic"],
    [{ script: "a".repeat(256 * 1024 + 1) }, "script"],
    [{ topic: "x", duration: 14 }, "duration"],
    [{ topic: "x", duration: 601 }, "duration"],
    [{ topic: "x", duration: 30.5 }, "duration"],
    [{ topic: "x", duration: "45" }, "duration"],
    [{ topic: "x", format: "portrait" }, "format"],
    [{ topic: "x", format: "SQUARE" }, "format"],
    [{ topic: "x", format: ["square"] }, "format"],
    [{ topic: "x", lang: "fr" }, "lang"],
    [{ topic: "x", style: "vaporwave" }, "style"],
    [{ topic: "x", voice: " " }, "voice"],
    [{ topic: 42 }, "topic"],
    [{ topic: "x", captions: "subtitles" }, "captions"],
    [{ topic: "x", captions: "KARAOKE" }, "captions"],
    [{ topic: "x", pace: "warp" }, "pace"],
    [{ topic: "x", pace: "1.1" }, "pace"],
    [{ topic: "x", pace: 0.79 }, "pace"],
    [{ topic: "x", pace: 1.26 }, "pace"],
    [{ topic: "x", music: "https://example.com/song.mp3" }, "music"],
    [{ topic: "x", logo: "https://example.com/logo.png" }, "logo"],
  ])("refuses %j with 422 naming %s", async (body, field) => {
    const sent = captureQueue();
    const u = await makeUser(100);
    const res = await create(u, body);
    expect(res.status).toBe(422);
    const { error } = await res.json<ErrorBody>();
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(await projectRows(u.id)).toEqual([]);
    expect(await ledgerRows(u.id)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("accepts the limits themselves", async () => {
    captureQueue();
    const u = await makeUser(1000);
    for (const body of [
      { topic: "a".repeat(500), duration: 15 },
      { topic: "x", duration: 600, format: "long", lang: "ko", style: "pastel", voice: "narrator-2" },
      // 256 KiB whose narration (1000 words, 400 s) fits the longest video
      { script: "word ".repeat(1000).padEnd(256 * 1024, " "), format: "long" },
    ]) {
      const res = await create(u, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(202);
    }
  });

  it("prices a script by the video its narration needs, not by the duration asked", async () => {
    const sent = captureQueue();
    const u = await makeUser(1000);
    // 200 words take 80 s to speak; at 75% speech that is a 107 s video: two started minutes.
    const script = Array(200).fill("word").join(" ");
    const res = await create(u, { script, duration: 15 });
    expect(res.status).toBe(202);
    const { project } = await res.json<ProjectBody>();
    expect(project).toMatchObject({ cost: 5 + 10 * 2, billed_duration: 107, spec: { duration: 15 } });
    expect(await row(project.id)).toMatchObject({ billed_duration: 107, cost: 25 });
    expect(sent).toEqual([{ project: project.id }]);
    // Asking for longer than the narration needs is billed for the video it makes (never padded).
    const longer = await (await create(u, { script, duration: 180 })).json<ProjectBody>();
    expect(longer.project).toMatchObject({ cost: 25, billed_duration: 107, spec: { duration: 180 } });
    // Read slowly (0.85), the same script makes a 126 s video: three started minutes.
    const slow = await (await create(u, { script, duration: 15, pace: "slow" })).json<ProjectBody>();
    expect(slow.project).toMatchObject({ cost: 5 + 10 * 3, billed_duration: 126 });
    // A script of a few words is billed as the shortest video (15 s), not the 180 s asked.
    const few = await (await create(u, { script: "Once upon a time, a cat.", duration: 180 })).json<ProjectBody>();
    expect(few.project).toMatchObject({ cost: 5 + 10, billed_duration: 15 });
  });

  it("refuses a script too long to speak in the longest video, naming the script and saying how long it would be", async () => {
    const sent = captureQueue();
    const u = await makeUser(1000);
    // ~200 KB: 40,000 words, 16,000 s of speech; today it cost 15 credits at duration 15.
    const res = await create(u, { script: "word ".repeat(40_000), duration: 15 });
    expect(res.status).toBe(422);
    const { error } = await res.json<ErrorBody>();
    expect(error).toMatchObject({ code: "too_long", field: "script" });
    expect(error.message).toContain("a video of about 21334 seconds");
    expect(error.message).toContain("at most 600 seconds");
    expect(await projectRows(u.id)).toEqual([]);
    expect(await ledgerRows(u.id)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("names the script when its narration makes the video cost more than the balance", async () => {
    captureQueue();
    const u = await makeUser(20);
    const res = await create(u, { script: Array(200).fill("word").join(" "), duration: 15 });
    expect(res.status).toBe(402);
    const { error } = await res.json<ErrorBody>();
    expect(error).toMatchObject({ code: "insufficient_credits", field: "script" });
    expect(error.message).toMatch(/needs 25 credits.*shorten the script/);
  });

  it("answers malformed bodies with 400/415 and a missing session with 401", async () => {
    captureQueue();
    const u = await makeUser(100);
    expect((await post(u, "/api/projects", "{not json")).status).toBe(400);
    expect((await post(u, "/api/projects", "[1,2]")).status).toBe(400);
    expect((await post(u, "/api/projects", "topic=x", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await create(null, { topic: "x" })).status).toBe(401);
    expect(await projectRows(u.id)).toEqual([]);
  });
});

describe("GET /api/projects", () => {
  it("lists the caller's projects newest first, page by page", async () => {
    const u = await makeUser(1000);
    const other = await makeUser(100);
    const t = Date.now() - 100_000;
    // Two share a millisecond: the cursor must still give each exactly once.
    const ids = [
      await makeProject(u, { created_at: t + 1 }),
      await makeProject(u, { created_at: t + 2, id: `b-${crypto.randomUUID()}` }),
      await makeProject(u, { created_at: t + 2, id: `a-${crypto.randomUUID()}` }),
      await makeProject(u, { created_at: t + 3 }),
      await makeProject(u, { created_at: t + 4 }),
    ];
    await makeProject(other, { created_at: t + 5 });
    const expected = [ids[4], ids[3], ids[1], ids[2], ids[0]];
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(`/api/projects?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { headers: u.auth });
      expect(res.status).toBe(200);
      const body = await res.json<{ projects: { id: string }[]; next_cursor: string | null }>();
      expect(body.projects.length).toBeLessThanOrEqual(2);
      seen.push(...body.projects.map((p) => p.id));
      cursor = body.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);

    const all = await (await call("/api/projects", { headers: u.auth })).json<{ projects: { id: string }[]; next_cursor: null }>();
    expect(all.projects.map((p) => p.id)).toEqual(expected);
    expect(all.next_cursor).toBeNull();
  });

  it("refuses a bad limit or cursor, and needs a session", async () => {
    const u = await makeUser(100);
    for (const q of ["limit=0", "limit=51", "limit=abc", "limit=2.5"]) {
      const res = await call(`/api/projects?${q}`, { headers: u.auth });
      expect(res.status, q).toBe(422);
      expect((await res.json<ErrorBody>()).error.field).toBe("limit");
    }
    const bad = await call("/api/projects?cursor=not-a-cursor", { headers: u.auth });
    expect(bad.status).toBe(400);
    expect((await bad.json<ErrorBody>()).error.field).toBe("cursor");
    expect((await call("/api/projects")).status).toBe(401);
  });
});

describe("GET /api/projects/:id", () => {
  it("shows the owner's project and hides everyone else's like a missing one", async () => {
    const u = await makeUser(100);
    const other = await makeUser(100);
    const id = await makeProject(u, { engine_origin: "https://engine.test", engine_job_id: "job-1" });
    const res = await call(`/api/projects/${id}`, { headers: u.auth });
    expect(res.status).toBe(200);
    const { project } = await res.json<ProjectBody>();
    expect(project).toMatchObject({ id, status: "queued", cost: 15, spec: { topic: "a lighthouse keeper" } });
    expect(project).not.toHaveProperty("engine_job_id");

    const theirs = await call(`/api/projects/${id}`, { headers: other.auth });
    const missing = await call(`/api/projects/${crypto.randomUUID()}`, { headers: other.auth });
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await theirs.json()).toEqual(await missing.json());
  });
});

describe("DELETE /api/projects/:id", () => {
  async function putObjects(keys: string[]) {
    for (const k of keys) await env.MEDIA.put(k, `bytes of ${k}`);
  }
  async function keysUnder(prefix: string) {
    return (await env.MEDIA.list({ prefix })).objects.map((o) => o.key);
  }

  const pendingDeletions = () =>
    env.DB.prepare("SELECT origin, job_id, attempts FROM engine_job_deletions ORDER BY created_at").all().then((r) => r.results);
  const deleted = () => new Response(null, { status: 204 });

  it("cancels a running project, releases its hold, stops the engine, deletes its job there and removes its media and rows", async () => {
    const calls = stubEngine((c) => (c.method === "DELETE" ? deleted() : accepted("job-7", "canceled")));
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "running", engine_origin: "https://engine.test", engine_job_id: "job-7", attempts: 1 });
    const otherId = await makeProject(u);
    const keys = Array.from({ length: 5 }, (_, i) => `jobs/${id}/scene-0${i + 1}.png`);
    await putObjects([...keys, `jobs/${otherId}/video.mp4`, `engine-direct/${id}/video.mp4`]);
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO artifacts VALUES (?, 'scene-01.png', ?, 10, 'image/png', ?)").bind(id, keys[0], now),
      env.DB.prepare("INSERT INTO artifacts VALUES (?, 'video.mp4', ?, 10, 'video/mp4', ?)").bind(id, `engine-direct/${id}/video.mp4`, now),
      env.DB.prepare("INSERT INTO artifact_uploads (project_id, name, parts, upload_id, created_at) VALUES (?, 'big.mp4', 3, 'gone', ?)").bind(id, now),
      env.DB.prepare("INSERT INTO project_events VALUES (?, 1, 'stage', '{}', ?)").bind(id, now),
    ]);
    vi.spyOn(console, "warn").mockImplementation(() => {});

    // A live socket on the project is closed by the delete.
    const ws = (await liveStub(env, id).fetch("https://live/", { headers: { upgrade: "websocket", "x-project-id": id } })).webSocket!;
    ws.accept();
    const closed = new Promise<number>((resolve) => ws.addEventListener("close", (e) => resolve(e.code)));

    const res = await call(`/api/projects/${id}`, { method: "DELETE", headers: u.auth });
    expect(res.status).toBe(204);

    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ method: "POST", origin: "https://engine.test", path: "/v1/jobs/job-7/cancel", body: "" });
    expect(calls[1]).toMatchObject({ method: "DELETE", origin: "https://engine.test", path: "/v1/jobs/job-7", body: "" });
    for (const c of calls) expect(await signedCorrectly(c)).toBe(true);
    expect(await pendingDeletions()).toEqual([]);

    expect(await keysUnder(`jobs/${id}/`)).toEqual([]);
    expect(await keysUnder(`engine-direct/${id}/`)).toEqual([]);
    expect(await keysUnder(`jobs/${otherId}/`)).toEqual([`jobs/${otherId}/video.mp4`]);
    expect(await row(id)).toBeNull();
    expect(await row(otherId)).not.toBeNull();
    for (const table of ["artifacts", "artifact_uploads", "project_events"]) {
      const n = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE project_id = ?`).bind(id).first<{ n: number }>("n");
      expect(n, table).toBe(0);
    }
    // The ledger keeps the hold and its release; only the other project's hold is still held.
    const ledger = (await ledgerRows(u.id)).filter((l) => l.project_id === id);
    expect(ledger).toEqual([
      { kind: "hold", amount: 15, project_id: id },
      { kind: "release", amount: 15, project_id: id },
    ]);
    expect((await balance(env.DB, u.id)).available).toBe(85);
    expect(await closed).toBe(1000);
  });

  it("removes more objects than one list page holds", async () => {
    stubEngine(() => accepted("unused"));
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "completed" });
    await putObjects(Array.from({ length: 7 }, (_, i) => `jobs/${id}/part-${i}`));
    // Pages of two objects stand in for R2's pages of a thousand.
    const list = env.MEDIA.list.bind(env.MEDIA);
    const pages = vi.spyOn(env.MEDIA, "list").mockImplementation((o) => list({ ...o, limit: 2 }));
    const res = await call(`/api/projects/${id}`, { method: "DELETE", headers: u.auth });
    expect(res.status).toBe(204);
    expect(pages.mock.calls.length).toBeGreaterThanOrEqual(4);
    pages.mockRestore();
    expect(await keysUnder(`jobs/${id}/`)).toEqual([]);
  });

  it("deletes a finished project and its engine job, without touching its captured credits", async () => {
    const calls = stubEngine(() => deleted());
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "completed", engine_origin: "https://engine.test", engine_job_id: "job-3" });
    await settle(env.DB, id, "capture").run();
    expect((await call(`/api/projects/${id}`, { method: "DELETE", headers: u.auth })).status).toBe(204);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["DELETE /v1/jobs/job-3"]);
    expect(await row(id)).toBeNull();
    expect((await ledgerRows(u.id)).map((l) => l.kind)).toEqual(["hold", "capture"]);
    expect((await balance(env.DB, u.id)).available).toBe(85);
  });

  it("deletes every engine job the project has had, not only its current one", async () => {
    const calls = stubEngine((c) => (c.path === "/v1/jobs" ? accepted(`job-${calls.length}`) : deleted()));
    captureQueue();
    const u = await makeUser(100);
    const id = await makeProject(u);
    // Two dispatches (a re-dispatch after the first engine went quiet): two jobs.
    for (const attempt of [1, 2]) {
      await worker.queue(createMessageBatch<JobMessage>("storycut-jobs", [{ id: `m-${attempt}`, timestamp: new Date(), attempts: attempt, body: { project: id } }]), env);
      await env.DB.prepare("UPDATE projects SET status = 'queued', engine_heard_at = NULL WHERE id = ?").bind(id).run();
    }
    expect(calls.filter((c) => c.path === "/v1/jobs")).toHaveLength(2);
    expect((await call(`/api/projects/${id}`, { method: "DELETE", headers: u.auth })).status).toBe(204);
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path).sort()).toEqual(["/v1/jobs/job-1", "/v1/jobs/job-2"]);
    expect(await pendingDeletions()).toEqual([]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM engine_jobs WHERE project_id = ?").bind(id).first("n")).toBe(0);
  });

  it("answers a delete without waiting for an engine that does not answer", async () => {
    let release = false;
    let answered = 0;
    const calls = stubEngine(async (c) => {
      while (!release) await new Promise((r) => setTimeout(r, 5));
      answered++;
      return c.method === "DELETE" ? deleted() : accepted("job-5", "canceled");
    });
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "running", engine_origin: "https://engine.test", engine_job_id: "job-5" });
    const res = await call(`/api/projects/${id}`, { method: "DELETE", headers: u.auth });
    expect(res.status).toBe(204);
    expect(answered).toBe(0);
    expect(await row(id)).toBeNull();
    expect((await ledgerRows(u.id)).map((l) => l.kind)).toEqual(["hold", "release"]);
    release = true; // the engine answers at last, after the user had their answer
    while ((await pendingDeletions()).length > 0) await new Promise((r) => setTimeout(r, 5));
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["POST /v1/jobs/job-5/cancel", "DELETE /v1/jobs/job-5"]);
  });

  it("deletes for the user while the engine is down, and the sweep deletes the job once the engine is back", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    captureQueue();
    let up = false;
    const calls = stubEngine(() => {
      if (!up) throw new TypeError("connection refused");
      return Response.json({ error: { code: "not_found", message: "no such job" } }, { status: 404 });
    });
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "completed", engine_origin: "https://engine.test", engine_job_id: "job-4" });
    expect((await call(`/api/projects/${id}`, { method: "DELETE", headers: u.auth })).status).toBe(204);
    expect(await row(id)).toBeNull();
    expect(await pendingDeletions()).toEqual([{ origin: "https://engine.test", job_id: "job-4", attempts: 1 }]);
    expect(String(warn.mock.calls.at(-1)?.[0])).toContain("engine job job-4 not deleted yet");

    await sweep(env); // not due yet: the engine is not asked
    expect(calls).toHaveLength(1);
    const due = () => env.DB.prepare("UPDATE engine_job_deletions SET next_attempt_at = 0").run();
    await due();
    await sweep(env);
    expect(await pendingDeletions()).toEqual([{ origin: "https://engine.test", job_id: "job-4", attempts: 2 }]);
    up = true; // the engine is back, and (having lost the job) answers 404: done all the same
    await due();
    await sweep(env);
    expect(await pendingDeletions()).toEqual([]);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(Array(3).fill("DELETE /v1/jobs/job-4"));
  });

  const wish = (origin: string, job: string, at: number) =>
    env.DB.prepare("INSERT INTO engine_job_deletions (origin, job_id, project_id, created_at) VALUES (?, ?, 'gone', ?)").bind(origin, job, at).run();

  it("gives up at once on deletions aimed at an engine no longer configured, so they cannot block newer ones", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const calls = stubEngine(() => deleted());
    const t = Date.now() - 3600_000;
    for (let i = 0; i < DELETION_BATCH; i++) await wish("https://retired.test", `old-${i}`, t + i);
    await wish("https://engine.test", "new-1", t + 100);
    await retryDeletions(env);
    await retryDeletions(env);
    expect(calls.map((c) => `${c.origin} ${c.method} ${c.path}`)).toEqual(["https://engine.test DELETE /v1/jobs/new-1"]);
    expect(await pendingDeletions()).toEqual([]);
    expect(error.mock.calls.filter((c) => String(c[0]).includes("no longer in ENGINE_ORIGINS"))).toHaveLength(DELETION_BATCH);
  });

  it("retries a failing deletion ever less often, puts due ones first, and gives up after DELETION_MAX_ATTEMPTS tries", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const calls = stubEngine((c) => (c.path.endsWith("/fresh") ? deleted() : engineError(502, "bad gateway")));
    let now = Date.now();
    await wish("https://engine.test", "stuck", now - 1000);
    const waits: number[] = [];
    for (let i = 1; i <= DELETION_MAX_ATTEMPTS; i++) {
      await retryDeletions(env, now);
      await retryDeletions(env, now + 1); // not due again yet
      expect(calls).toHaveLength(i);
      const r = await env.DB.prepare("SELECT next_attempt_at FROM engine_job_deletions WHERE job_id = 'stuck'").first<{ next_attempt_at: number }>();
      if (!r) break;
      waits.push(r.next_attempt_at - now);
      now = r.next_attempt_at;
    }
    expect(waits.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(Math.max(...waits)).toBe(6 * 3600_000);
    expect(waits).toHaveLength(DELETION_MAX_ATTEMPTS - 1);
    expect(await pendingDeletions()).toEqual([]);
    expect(String(error.mock.calls.at(-1)?.[0])).toMatch(/giving up deleting engine job stuck.*20 tries failed/);

    // A wish not yet due does not stand before one that is.
    await wish("https://engine.test", "later", now);
    await env.DB.prepare("UPDATE engine_job_deletions SET next_attempt_at = ? WHERE job_id = 'later'").bind(now + 60_000).run();
    await wish("https://engine.test", "fresh", now + 5);
    await retryDeletions(env, now + 10);
    expect(calls.at(-1)!.path).toBe("/v1/jobs/fresh");
  });

  it("is a 404 for another user's project, which stays as it was", async () => {
    const calls = stubEngine(() => accepted("unused"));
    const u = await makeUser(100);
    const other = await makeUser(100);
    const id = await makeProject(u, { status: "running", engine_origin: "https://engine.test", engine_job_id: "job-8" });
    await env.MEDIA.put(`jobs/${id}/video.mp4`, "x");
    const res = await call(`/api/projects/${id}`, { method: "DELETE", headers: other.auth });
    expect(res.status).toBe(404);
    expect((await row(id))!.status).toBe("running");
    expect(await keysUnder(`jobs/${id}/`)).toEqual([`jobs/${id}/video.mp4`]);
    expect(calls).toEqual([]);
    expect(await ledgerRows(u.id)).toEqual([{ kind: "hold", amount: 15, project_id: id }]);
  });
});

describe("edits of a finished video", () => {
  const RESULT = JSON.stringify({ artifacts: ["video.mp4"], duration: 15 });

  async function finished(u: TestUser, scenes?: number, fields: Record<string, unknown> = {}, narration?: string) {
    const id = await makeProject(u, {
      status: "completed", stage: "done", progress: 1, result: RESULT, attempts: 1,
      engine_origin: "https://engine.test", engine_job_id: "job-9", heartbeat_at: Date.now() - 60_000, updated_at: Date.now() - 60_000,
      ...fields,
    });
    await settle(env.DB, id, "capture").run();
    if (scenes) {
      const key = `jobs/${id}/manifest.json`;
      const story = { scenes: Array.from({ length: scenes }, (_, i) => ({ n: i + 1, ...(narration ? { narration } : {}) })) };
      await env.MEDIA.put(key, JSON.stringify({ story }));
      await env.DB.prepare("INSERT INTO artifacts VALUES (?, 'manifest.json', ?, 10, 'application/json', ?)").bind(id, key, Date.now()).run();
    }
    return id;
  }

  it("regenerates a scene: the engine gets exactly the edit and the seconds paid for, the project runs again, the edit's price is held", async () => {
    const calls = stubEngine(() => accepted("job-9"));
    const u = await makeUser(100);
    const id = await finished(u, 4);
    const before = Date.now();
    const res = await post(u, `/api/projects/${id}/scenes/2/regenerate`, { narration: "The sea went quiet." });
    expect(res.status).toBe(202);
    const { project } = await res.json<ProjectBody>();
    expect(project).toMatchObject({ id, status: "running", stage: "editing", progress: 0, error: null });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: "POST",
      origin: "https://engine.test",
      path: "/v1/jobs/job-9/scenes/2/regenerate",
      body: JSON.stringify({ narration: "The sea went quiet.", max_duration: 15 }),
    });
    expect(calls[0]!.headers.get("content-type")).toBe("application/json");
    expect(await signedCorrectly(calls[0]!)).toBe(true);
    expect((await row(id))!.heartbeat_at).toBeGreaterThanOrEqual(before);
    expect((await ledgerRows(u.id)).map((l) => [l.kind, l.amount])).toEqual([["hold", 15], ["capture", 15], ["hold", 2]]);
    expect((await balance(env.DB, u.id)).available).toBe(83);
  });

  it("recomposes with an empty signed body", async () => {
    const calls = stubEngine(() => accepted("job-9"));
    const u = await makeUser(100);
    const id = await finished(u);
    const res = await post(u, `/api/projects/${id}/recompose`, "");
    expect(res.status).toBe(202);
    expect((await res.json<ProjectBody>()).project.status).toBe("running");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ path: "/v1/jobs/job-9/recompose", body: "" });
    expect(await signedCorrectly(calls[0]!)).toBe(true);
  });

  it("answers 503 with Retry-After and changes nothing when the engine is busy or down", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const u = await makeUser(100);
    const id = await finished(u);
    const before = await row(id);

    stubEngine(() => engineError(429, "the engine is busy with 4 jobs; try again later", undefined, { "retry-after": "40" }));
    const busy = await post(u, `/api/projects/${id}/recompose`, "");
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("40");
    expect((await busy.json<ErrorBody>()).error.message).toMatch(/busy.*nothing was changed.*40 seconds/);
    expect(await row(id)).toEqual(before);

    vi.restoreAllMocks();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    stubEngine(() => {
      throw new TypeError("connection refused");
    });
    const down = await post(u, `/api/projects/${id}/scenes/1/regenerate`, { visual: "a storm" });
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("30");
    expect(await row(id)).toEqual(before);

    vi.restoreAllMocks();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    stubEngine(() => engineError(502, "bad gateway"));
    expect((await post(u, `/api/projects/${id}/recompose`, "")).status).toBe(503);
    expect(await row(id)).toEqual(before);
    // Each edit's hold came straight back.
    expect((await ledgerRows(u.id)).map((l) => l.kind)).toEqual(["hold", "capture", ...Array(3).fill(["hold", "release"]).flat()]);
    expect((await balance(env.DB, u.id)).available).toBe(85);
  });

  it("passes the engine's refusal on as a 422 with its message and field", async () => {
    stubEngine(() => engineError(404, "job job-9 has scenes 1 to 3", "scene"));
    const u = await makeUser(100);
    const id = await finished(u);
    const before = await row(id);
    const res = await post(u, `/api/projects/${id}/scenes/7/regenerate`, { visual: "a storm" });
    expect(res.status).toBe(422);
    const { error } = await res.json<ErrorBody>();
    expect(error.message).toBe("job job-9 has scenes 1 to 3");
    expect(error.field).toBe("scene");
    expect(await row(id)).toEqual(before);
  });

  it("refuses a scene beyond the story it knows of, before asking the engine", async () => {
    const calls = stubEngine(() => accepted("job-9"));
    const u = await makeUser(100);
    const id = await finished(u, 3);
    const res = await post(u, `/api/projects/${id}/scenes/4/regenerate`, { visual: "a storm" });
    expect(res.status).toBe(422);
    const { error } = await res.json<ErrorBody>();
    expect(error.field).toBe("scene");
    expect(error.message).toMatch(/1 to 3/);
    expect(calls).toEqual([]);
  });

  it.each([
    ["1", {}, "narration"],
    ["1", { narration: "" }, "narration"],
    ["1", { visual: "   " }, "visual"],
    ["1", { visual: "x".repeat(2001) }, "visual"],
    ["1", { narration: 5 }, "narration"],
    ["1", { narration: "x", picture: true }, "picture"],
    ["0", { narration: "x" }, "scene"],
    ["abc", { narration: "x" }, "scene"],
    ["-1", { narration: "x" }, "scene"],
  ])("refuses scene %s with %j as a 422 naming %s", async (n, body, field) => {
    const calls = stubEngine(() => accepted("job-9"));
    const u = await makeUser(100);
    const id = await finished(u);
    const res = await post(u, `/api/projects/${id}/scenes/${n}/regenerate`, body);
    expect(res.status).toBe(422);
    expect((await res.json<ErrorBody>()).error.field).toBe(field);
    expect(calls).toEqual([]);
    expect((await row(id))!.status).toBe("completed");
  });

  it("is a 409 for a project that is not completed", async () => {
    const calls = stubEngine(() => accepted("job-9"));
    const u = await makeUser(100);
    for (const status of ["queued", "running", "failed", "canceled"]) {
      const id = await makeProject(u, { status, engine_origin: "https://engine.test", engine_job_id: "job-9" });
      const res = await post(u, `/api/projects/${id}/recompose`, "");
      expect(res.status, status).toBe(409);
      expect((await res.json<ErrorBody>()).error.message).toMatch(new RegExp(`finished video.*${status}`));
      const res2 = await post(u, `/api/projects/${id}/scenes/1/regenerate`, { narration: "x" });
      expect(res2.status, status).toBe(409);
      expect((await row(id))!.status).toBe(status);
    }
    expect(calls).toEqual([]);
  });

  it("is a 404 for another user's project", async () => {
    const calls = stubEngine(() => accepted("job-9"));
    const u = await makeUser(100);
    const other = await makeUser(100);
    const id = await finished(u);
    expect((await post(other, `/api/projects/${id}/scenes/1/regenerate`, { narration: "x" })).status).toBe(404);
    expect((await post(other, `/api/projects/${id}/recompose`, "")).status).toBe(404);
    expect(calls).toEqual([]);
    expect((await row(id))!.status).toBe("completed");
  });

  const completeEdit = (id: string, duration = 15) =>
    engineCall("POST", `/internal/jobs/${id}/complete`, JSON.stringify({ job: "job-9", status: "completed", artifacts: ["video.mp4"], duration, r2_keys: {} }));

  it("captures an edit's price once the engine completes it, so edits are no longer free", async () => {
    stubEngine(() => accepted("job-9"));
    const u = await makeUser(100);
    const id = await finished(u);
    await env.MEDIA.put(`jobs/${id}/video.mp4`, "mp4");
    await env.DB.prepare("INSERT INTO artifacts VALUES (?, 'video.mp4', ?, 3, 'video/mp4', ?)").bind(id, `jobs/${id}/video.mp4`, Date.now()).run();
    expect((await post(u, `/api/projects/${id}/recompose`, "")).status).toBe(202);
    expect((await completeEdit(id)).status).toBe(200);
    expect((await completeEdit(id)).status).toBe(200); // a retried callback
    expect((await ledgerRows(u.id)).map((l) => [l.kind, l.amount])).toEqual([["hold", 15], ["capture", 15], ["hold", 1], ["capture", 1]]);
    expect(await balance(env.DB, u.id)).toMatchObject({ available: 84, spent: 16, held: 0 });
    expect(await row(id)).toMatchObject({ status: "completed", edit_op: null, edits: 1 });
  });

  it("prices new narration that lengthens the video for the added time, and tells the engine the new max_duration", async () => {
    const calls = stubEngine(() => accepted("job-9"));
    const u = await makeUser(100);
    const id = await finished(u, 4, {}, "five words in this scene");
    await env.MEDIA.put(`jobs/${id}/video.mp4`, "mp4");
    await env.DB.prepare("INSERT INTO artifacts VALUES (?, 'video.mp4', ?, 3, 'video/mp4', ?)").bind(id, `jobs/${id}/video.mp4`, Date.now()).run();
    // 3 x 5 + 200 words: 86 s of speech, a 115 s video: two started minutes instead of one.
    const res = await post(u, `/api/projects/${id}/scenes/2/regenerate`, { narration: Array(200).fill("word").join(" ") });
    expect(res.status).toBe(202);
    expect(JSON.parse(calls[0]!.body).max_duration).toBe(115);
    expect((await ledgerRows(u.id)).at(-1)).toMatchObject({ kind: "hold", amount: 2 + 10 });
    expect((await completeEdit(id, 114)).status).toBe(200);
    expect(await row(id)).toMatchObject({ billed_duration: 115, edit_duration: null });
    expect((await balance(env.DB, u.id)).available).toBe(100 - 15 - 12);
  });

  it("refuses new narration the format cannot hold, naming narration", async () => {
    const calls = stubEngine(() => accepted("job-9"));
    const u = await makeUser(1000);
    const id = await finished(u, 2, {}, Array(1000).fill("w").join(" "));
    // 1000 words in each of the two scenes: 800 s of speech, a 1067 s video.
    const res = await post(u, `/api/projects/${id}/scenes/1/regenerate`, { narration: Array(1000).fill("a").join(" ") });
    expect(res.status).toBe(422);
    const { error } = await res.json<ErrorBody>();
    expect(error).toMatchObject({ code: "too_long", field: "narration" });
    expect(error.message).toContain("about 1067 seconds");
    expect(calls).toEqual([]);
    expect((await ledgerRows(u.id)).map((l) => l.kind)).toEqual(["hold", "capture"]);
  });

  it("answers 402 without calling the engine when the balance does not cover the edit", async () => {
    const calls = stubEngine(() => accepted("job-9"));
    const u = await makeUser(16); // 1 left after the video's 15
    const id = await finished(u);
    const res = await post(u, `/api/projects/${id}/scenes/1/regenerate`, { visual: "a storm" });
    expect(res.status).toBe(402);
    expect((await res.json<ErrorBody>()).error).toMatchObject({ code: "insufficient_credits", message: expect.stringMatching(/needs 2 credits.*1 available/) });
    expect(calls).toEqual([]);
    expect(await row(id)).toMatchObject({ status: "completed", edits: 0, edit_op: null });
    expect((await post(u, `/api/projects/${id}/recompose`, "")).status).toBe(202); // 1 credit
  });

  it("stops at EDIT_LIMIT edits with a 409 that says so", async () => {
    const calls = stubEngine(() => accepted("job-9"));
    const u = await makeUser(100);
    const id = await finished(u, undefined, { edits: 20 });
    const res = await post(u, `/api/projects/${id}/recompose`, "");
    expect(res.status).toBe(409);
    expect((await res.json<ErrorBody>()).error).toMatchObject({ code: "edit_limit", message: expect.stringContaining("20 edits") });
    expect(calls).toEqual([]);
    expect((await ledgerRows(u.id)).map((l) => l.kind)).toEqual(["hold", "capture"]);
  });

  it("keeps the finished video when the edit then fails, and returns the edit's credits", async () => {
    stubEngine(() => accepted("job-9"));
    const u = await makeUser(100);
    const id = await finished(u);
    expect((await post(u, `/api/projects/${id}/recompose`, "")).status).toBe(202);
    expect((await row(id))!.status).toBe("running");

    expect(await endProject(env, id, "failed", "the music stage crashed")).toBe(true);
    expect(await row(id)).toMatchObject({
      status: "completed",
      stage: "done",
      progress: 1,
      result: RESULT,
      error: "the edit could not be applied: the music stage crashed",
    });
    expect((await ledgerRows(u.id)).map((l) => l.kind)).toEqual(["hold", "capture", "hold", "release"]);
    expect((await balance(env.DB, u.id)).available).toBe(85);
    expect(await row(id)).toMatchObject({ edit_op: null, edits: 1 });
  });

  const tick = () => new Promise((r) => setTimeout(r, 5));

  /** An engine stub that answers the i-th edit only once the test opens it. It polls a flag
   * rather than awaiting the test's promise: workerd forbids one request settling I/O of another. */
  function gatedEngine() {
    const opened: boolean[] = [];
    let n = 0;
    const calls = stubEngine(async () => {
      const i = n++;
      while (!opened[i]) await tick();
      return accepted("job-9");
    });
    const sent = async (count: number) => {
      while (calls.length < count) await tick();
    };
    return { calls, sent, open: (i: number) => void (opened[i] = true) };
  }

  it("does not let a second edit free the first one's hold while the first is with the engine", async () => {
    const engine = gatedEngine();
    const u = await makeUser(16); // 1 left after the video's 15: a recompose, not a regenerate
    const id = await finished(u);
    await env.MEDIA.put(`jobs/${id}/video.mp4`, "mp4");
    await env.DB.prepare("INSERT INTO artifacts VALUES (?, 'video.mp4', ?, 3, 'video/mp4', ?)").bind(id, `jobs/${id}/video.mp4`, Date.now()).run();
    const a = post(u, `/api/projects/${id}/recompose`, "");
    await engine.sent(1); // A's claim is held, its engine call in flight
    const b = await post(u, `/api/projects/${id}/scenes/1/regenerate`, { visual: "a storm" });
    engine.open(0);
    expect(b.status).toBe(409);
    expect((await b.json<ErrorBody>()).error.code).toBe("edit_in_progress");
    expect((await a).status).toBe(202);
    expect(engine.calls).toHaveLength(1);
    expect((await completeEdit(id)).status).toBe(200);
    expect((await ledgerRows(u.id)).map((l) => [l.kind, l.amount])).toEqual([["hold", 15], ["capture", 15], ["hold", 1], ["capture", 1]]);
    expect(await row(id)).toMatchObject({ status: "completed", edits: 1, edit_op: null });
  });

  it("gives back the hold of an edit still being sent when the project is deleted", async () => {
    const engine = gatedEngine();
    const u = await makeUser(100);
    const id = await finished(u);
    const edit = post(u, `/api/projects/${id}/recompose`, "");
    await engine.sent(1); // the edit is claimed and held, its engine call in flight
    expect((await call(`/api/projects/${id}`, { method: "DELETE", headers: u.auth })).status).toBe(204);
    engine.open(0);
    await edit;
    expect((await ledgerRows(u.id)).map((l) => l.kind)).toEqual(["hold", "capture", "hold", "release"]);
  });

  it("lets only one of two concurrent edits claim the project, and counts only it", async () => {
    const engine = gatedEngine();
    const u = await makeUser(100);
    const id = await finished(u, undefined, { edits: 19 }); // one left under EDIT_LIMIT
    const both = Promise.all([post(u, `/api/projects/${id}/recompose`, ""), post(u, `/api/projects/${id}/recompose`, "")]);
    await engine.sent(1);
    engine.open(0);
    const statuses = (await both).map((r) => r.status).sort();
    expect(statuses).toEqual([202, 409]);
    expect(engine.calls).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "running", edits: 20 });
    expect((await ledgerRows(u.id)).map((l) => l.kind)).toEqual(["hold", "capture", "hold"]);
  });

  it("takes over a claim left behind only once it is older than the engine timeout allows", async () => {
    stubEngine(() => accepted("job-9"));
    const u = await makeUser(100);
    const id = await finished(u);
    const left = `${id}:edit:left`;
    const claim = (at: number) =>
      env.DB.batch([
        env.DB.prepare("UPDATE projects SET edit_op = ?, edit_claimed_at = ?, edits = 1 WHERE id = ?").bind(left, at, id),
        env.DB.prepare("INSERT OR IGNORE INTO credit_ledger (user_id, kind, amount, project_id, op_key, note, created_at) VALUES (?, 'hold', 1, ?, ?, 'edit', ?)").bind(u.id, id, `${left}:hold`, at),
      ]);
    await claim(Date.now() - 20_000); // its engine call could still be answering
    expect((await post(u, `/api/projects/${id}/recompose`, "")).status).toBe(409);
    await claim(Date.now() - 31_000);
    expect((await post(u, `/api/projects/${id}/recompose`, "")).status).toBe(202);
    expect((await ledgerRows(u.id)).map((l) => l.kind)).toEqual(["hold", "capture", "hold", "release", "hold"]);
    expect(await row(id)).toMatchObject({ status: "running", edits: 1 });
  });

  it("still fails (and refunds) a first render that ends", async () => {
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "running" });
    expect(await endProject(env, id, "failed", "the story stage crashed")).toBe(true);
    expect(await row(id)).toMatchObject({ status: "failed", error: "the story stage crashed" });
    expect((await ledgerRows(u.id)).map((l) => l.kind)).toEqual(["hold", "release"]);
    expect((await balance(env.DB, u.id)).available).toBe(100);
  });
});
