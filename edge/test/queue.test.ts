import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Env, JobMessage } from "../src/env";
import { balance, settle } from "../src/ledger";
import { liveStub } from "../src/project_state";
import worker from "../src/index";
import { DEAD_LETTER_QUEUE, retryDelay } from "../src/queue";
import { accepted, engineError, signedCorrectly, stubEngine } from "./engine_stub";
import { engineCall, makeProject, makeUser } from "./helpers";

beforeEach(() => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** One delivery of "dispatch `project`" through the Worker's queue handler. The local
 * queue result does not report a retry's delay, so the message's retry() is watched. */
async function deliver(project: string, attempts: number, queue = "storycut-jobs", e: Env = env) {
  const batch = createMessageBatch<JobMessage>(queue, [{ id: `msg-${attempts}`, timestamp: new Date(), attempts, body: { project } }]);
  const retry = vi.spyOn(batch.messages[0]!, "retry");
  const ctx = createExecutionContext();
  await worker.queue(batch, e);
  const result = await getQueueResult(batch, ctx);
  return { ...result, delays: retry.mock.calls.map(([o]) => o?.delaySeconds) };
}

type Delivery = Awaited<ReturnType<typeof deliver>>;
const acked = (r: Delivery) => r.explicitAcks.length === 1 && r.retryMessages.length === 0;
const retriedAfter = (r: Delivery) => {
  expect(r.explicitAcks).toEqual([]);
  expect(r.retryMessages).toHaveLength(1);
  expect(r.delays).toHaveLength(1);
  return r.delays[0];
};
const row = (id: string) => env.DB.prepare("SELECT * FROM projects WHERE id = ?").bind(id).first<Record<string, unknown>>();
const ledgerKinds = (id: string) =>
  env.DB.prepare("SELECT kind FROM credit_ledger WHERE project_id = ? ORDER BY id").bind(id).all<{ kind: string }>().then((r) => r.results.map((x) => x.kind));

describe("dispatch", () => {
  it("sends the exact signed job to the engine and marks the project running on 202", async () => {
    const calls = stubEngine(() => accepted("eng-1"));
    const u = await makeUser(100);
    const id = await makeProject(u, { heartbeat_at: Date.now() - 5000 });
    const before = Date.now();
    const r = await deliver(id, 1);
    expect(acked(r)).toBe(true);
    expect(calls).toHaveLength(1);
    const c = calls[0]!;
    expect(c).toMatchObject({ method: "POST", origin: "https://engine.test", path: "/v1/jobs" });
    expect(c.body).toBe(
      JSON.stringify({ topic: "a lighthouse keeper", format: "short", duration: 15, max_duration: 15, callback: `https://edge.test/internal/jobs/${id}` }),
    );
    expect(c.headers.get("idempotency-key")).toBe(id);
    expect(c.headers.get("content-type")).toBe("application/json");
    expect(await signedCorrectly(c)).toBe(true);
    const p = await row(id);
    expect(p).toMatchObject({ status: "running", engine_origin: "https://engine.test", engine_job_id: "eng-1", attempts: 1 });
    expect(p!.heartbeat_at).toBeGreaterThanOrEqual(before);
  });

  it("tells the project's live channel that it is running", async () => {
    stubEngine(() => accepted("eng-live"));
    const u = await makeUser(100);
    const id = await makeProject(u);
    const ws = (await liveStub(env, id).fetch("https://live/", { headers: { upgrade: "websocket", "x-project-id": id } })).webSocket!;
    const messages: { type: string; project?: { status: string } }[] = [];
    const gotStatus = new Promise<void>((resolve) =>
      ws.addEventListener("message", (e) => {
        messages.push(JSON.parse(e.data as string));
        if (messages.some((m) => m.type === "status")) resolve();
      }),
    );
    ws.accept();
    expect(acked(await deliver(id, 1))).toBe(true);
    await gotStatus;
    expect(messages.find((m) => m.type === "status")!.project!.status).toBe("running");
    ws.close();
  });

  it("sends no job, secret or script to an engine over plain http, and retries", async () => {
    const calls = stubEngine(() => accepted("x"));
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const u = await makeUser(100);
    const id = await makeProject(u);
    const plain = { ...env, ENGINE_ORIGINS: "http://engine.example.com" } as Env;
    expect(retriedAfter(await deliver(id, 1, "storycut-jobs", plain))).toBe(5);
    expect(calls).toEqual([]);
    expect(String(error.mock.calls[0]?.[0])).toContain("ENGINE_ORIGINS: http://engine.example.com must be an https:// URL");
    expect((await row(id))!.status).toBe("queued");
  });

  it("acks a message without a project id", async () => {
    const calls = stubEngine(() => accepted("x"));
    const batch = createMessageBatch<unknown>("storycut-jobs", [{ id: "junk", timestamp: new Date(), attempts: 1, body: "junk" }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<JobMessage>, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["junk"]);
    expect(calls).toEqual([]);
  });

  it("passes every field the user chose", async () => {
    const calls = stubEngine(() => accepted("eng-2"));
    const u = await makeUser(100);
    const spec = { script: "가나다", format: "long", duration: 120, lang: "ko", style: "noir", voice: "mina" };
    const id = await makeProject(u, { spec: JSON.stringify(spec), billed_duration: 130 });
    expect(acked(await deliver(id, 1))).toBe(true);
    expect(JSON.parse(calls[0]!.body)).toEqual({ ...spec, max_duration: 130, callback: `https://edge.test/internal/jobs/${id}` });
    expect(Object.keys(JSON.parse(calls[0]!.body))).toEqual(["script", "format", "duration", "max_duration", "lang", "style", "voice", "callback"]);
  });

  it("retries with a delay when the engine answers 503, then acks once it takes the job", async () => {
    let n = 0;
    const calls = stubEngine(() => (n++ === 0 ? engineError(503, "restarting") : accepted("eng-3")));
    const u = await makeUser(100);
    const id = await makeProject(u, { heartbeat_at: Date.now() - 3_600_000 });
    const before = Date.now();
    const first = await deliver(id, 1);
    expect(retriedAfter(first)).toBe(5);
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 0, engine_job_id: null });
    // The message is alive, so the sweep must not send another one meanwhile.
    expect((await row(id))!.heartbeat_at).toBeGreaterThanOrEqual(before);
    const second = await deliver(id, 2);
    expect(acked(second)).toBe(true);
    expect(await row(id)).toMatchObject({ status: "running", attempts: 1, engine_job_id: "eng-3" });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.headers.get("idempotency-key")).toBe(id);
  });

  it("says a project waits for an engine while every engine is busy, and stops saying so once one takes it", async () => {
    let n = 0;
    stubEngine(() => (n++ < 2 ? engineError(429, "busy", undefined, { "retry-after": "30" }) : accepted("eng-wait")));
    const u = await makeUser(100);
    const id = await makeProject(u);
    const ws = (await liveStub(env, id).fetch("https://live/", { headers: { upgrade: "websocket", "x-project-id": id } })).webSocket!;
    const statuses: { status: string; stage: string | null }[] = [];
    ws.addEventListener("message", (e) => {
      const m = JSON.parse(e.data as string) as { type: string; project?: { status: string; stage: string | null } };
      if (m.type === "status") statuses.push({ status: m.project!.status, stage: m.project!.stage });
    });
    ws.accept();
    const seen = async (k: number) => {
      for (let i = 0; i < 300 && statuses.length < k; i++) await new Promise((r) => setTimeout(r, 10));
      expect(statuses.length).toBeGreaterThanOrEqual(k);
    };
    expect(retriedAfter(await deliver(id, 1))).toBe(30);
    expect(await row(id)).toMatchObject({ status: "queued", stage: "waiting_for_engine", engine_job_id: null });
    await seen(1);
    expect(statuses[0]).toEqual({ status: "queued", stage: "waiting_for_engine" });
    expect(retriedAfter(await deliver(id, 2))).toBe(30);
    await seen(2);
    expect(acked(await deliver(id, 3))).toBe(true);
    expect(await row(id)).toMatchObject({ status: "running", stage: null, engine_job_id: "eng-wait" });
    await seen(3);
    expect(statuses.at(-1)).toEqual({ status: "running", stage: null });
    // From here on the engine's events name the stage.
    const ev = JSON.stringify({ job: "eng-wait", seq: 1, type: "stage_start", data: { event: "stage_start", progress: 0, stage: "story" } });
    expect((await engineCall("POST", `/internal/jobs/${id}/events`, ev)).status).toBe(200);
    expect((await row(id))!.stage).toBe("story");
    ws.close();
  });

  it("leaves the stage of a project an engine already runs alone when a re-dispatch finds every engine busy", async () => {
    stubEngine(() => engineError(503, "restarting"));
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "running", stage: "compose", engine_origin: "https://engine.test", engine_job_id: "eng-r", attempts: 1 });
    expect(retriedAfter(await deliver(id, 1))).toBe(5);
    expect(await row(id)).toMatchObject({ status: "running", stage: "compose", engine_job_id: "eng-r" });
    // Queued, but an engine job already exists (a re-dispatch): not "waiting" either.
    const edit = await makeProject(u, { status: "queued", stage: "editing", engine_origin: "https://engine.test", engine_job_id: "eng-e", attempts: 1 });
    expect(retriedAfter(await deliver(edit, 1))).toBe(5);
    expect((await row(edit))!.stage).toBe("editing");
  });

  it("waits at least as long as the engine's Retry-After", async () => {
    stubEngine(() => engineError(429, "busy", undefined, { "retry-after": "90" }));
    const u = await makeUser(100);
    const id = await makeProject(u);
    expect(retriedAfter(await deliver(id, 1))).toBe(90);
    expect(retriedAfter(await deliver(id, 8))).toBe(300);
    expect((await row(id))!.status).toBe("queued");
  });

  it("moves on from a busy engine to the next one", async () => {
    const calls = stubEngine((c) =>
      c.origin === "https://engine-a.test" ? engineError(429, "busy", undefined, { "retry-after": "30" }) : accepted("b-1"),
    );
    const u = await makeUser(100);
    const id = await makeProject(u);
    const two = { ...env, ENGINE_ORIGINS: "https://engine-a.test, https://engine-b.test/" } as Env;
    expect(acked(await deliver(id, 1, "storycut-jobs", two))).toBe(true);
    expect(calls.map((c) => c.origin)).toEqual(["https://engine-a.test", "https://engine-b.test"]);
    expect(await signedCorrectly(calls[1]!)).toBe(true);
    expect(await row(id)).toMatchObject({ status: "running", engine_origin: "https://engine-b.test", engine_job_id: "b-1" });
  });

  it("numbers a new engine job's events after the old job's, so the project's sequence only grows", async () => {
    stubEngine(() => accepted("job-new"));
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "running", engine_job_id: "job-old", last_seq: 12, attempts: 1 });
    expect(acked(await deliver(id, 1))).toBe(true);
    expect(await row(id)).toMatchObject({ engine_job_id: "job-new", seq_base: 12 });
    const ev = (seq: number) =>
      JSON.stringify({ job: "job-new", seq, type: "progress", data: { event: "progress", progress: 0.1, stage: "story" } });
    expect((await engineCall("POST", `/internal/jobs/${id}/events`, ev(1))).status).toBe(200);
    const seqs = await env.DB.prepare("SELECT seq FROM project_events WHERE project_id = ?").bind(id).all<{ seq: number }>();
    expect(seqs.results.map((r) => r.seq)).toEqual([13]);
    expect(await row(id)).toMatchObject({ last_seq: 13 });
    // The same job again (an idempotent re-dispatch) keeps its numbering.
    expect(acked(await deliver(id, 1))).toBe(true);
    expect(await row(id)).toMatchObject({ engine_job_id: "job-new", seq_base: 12 });
  });

  it("starts each retry at another engine", async () => {
    const calls = stubEngine(() => {
      throw new TypeError("unreachable");
    });
    const u = await makeUser(100);
    const id = await makeProject(u);
    const two = { ...env, ENGINE_ORIGINS: "https://engine-a.test,https://engine-b.test" } as Env;
    await deliver(id, 1, "storycut-jobs", two);
    await deliver(id, 2, "storycut-jobs", two);
    expect(calls.map((c) => c.origin)).toEqual(["https://engine-a.test", "https://engine-b.test", "https://engine-b.test", "https://engine-a.test"]);
  });

  it("goes back first to the engine that already has the job", async () => {
    const calls = stubEngine(() => accepted("b-7"));
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "running", engine_origin: "https://engine-b.test", engine_job_id: "b-7", attempts: 1 });
    const two = { ...env, ENGINE_ORIGINS: "https://engine-a.test,https://engine-b.test" } as Env;
    expect(acked(await deliver(id, 1, "storycut-jobs", two))).toBe(true);
    expect(calls.map((c) => c.origin)).toEqual(["https://engine-b.test"]);
    expect(await row(id)).toMatchObject({ status: "running", engine_job_id: "b-7", attempts: 2 });
  });

  it("fails the project and releases its hold when the engine refuses the input", async () => {
    stubEngine(() => engineError(422, "topic: is empty; give a topic", "topic"));
    const u = await makeUser(100);
    const id = await makeProject(u);
    expect(acked(await deliver(id, 1))).toBe(true);
    expect(await row(id)).toMatchObject({ status: "failed", error: "the video could not be made: topic: is empty; give a topic" });
    expect(await ledgerKinds(id)).toEqual(["hold", "release"]);
    expect((await balance(env.DB, u.id)).available).toBe(100);
  });

  it("treats a refused signature as the engine being unavailable, not as bad input", async () => {
    stubEngine(() => engineError(401, "bad signature"));
    const u = await makeUser(100);
    const id = await makeProject(u);
    expect(retriedAfter(await deliver(id, 1))).toBe(5);
    expect((await row(id))!.status).toBe("queued");
    expect(await ledgerKinds(id)).toEqual(["hold"]);
  });

  it("acks without calling an engine for a project that has ended or is gone", async () => {
    const calls = stubEngine(() => accepted("x"));
    const u = await makeUser(100);
    for (const status of ["completed", "failed", "canceled"]) {
      const id = await makeProject(u, { status });
      expect(acked(await deliver(id, 1))).toBe(true);
      expect((await row(id))!.status).toBe(status);
    }
    expect(acked(await deliver(crypto.randomUUID(), 1))).toBe(true);
    expect(calls).toEqual([]);
  });

  it("deletes the engine's job (which stops it) when the project was deleted while the engine took it", async () => {
    const u = await makeUser(100);
    const id = await makeProject(u);
    const calls = stubEngine(async (c) => {
      if (c.path === "/v1/jobs") {
        await env.DB.prepare("DELETE FROM projects WHERE id = ?").bind(id).run();
        return accepted("eng-orphan");
      }
      return new Response(null, { status: 204 });
    });
    expect(acked(await deliver(id, 1))).toBe(true);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["POST /v1/jobs", "DELETE /v1/jobs/eng-orphan"]);
    expect(await signedCorrectly(calls[1]!)).toBe(true);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM engine_jobs WHERE project_id = ?").bind(id).first("n")).toBe(0);
  });
});

describe("an engine that never answers", () => {
  it("is retried with growing delays, then the dead-letter consumer fails the project and returns the credits", async () => {
    const calls = stubEngine(() => {
      throw new TypeError("connection refused");
    });
    const u = await makeUser(100);
    const id = await makeProject(u);
    expect((await balance(env.DB, u.id)).available).toBe(85);
    const delays: number[] = [];
    // max_retries is 8 in wrangler.jsonc: nine deliveries, then the dead-letter queue.
    for (let attempt = 1; attempt <= 9; attempt++) delays.push(retriedAfter(await deliver(id, attempt)));
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 300, 300, 300]);
    expect(delays).toEqual(delays.map((_, i) => retryDelay(env, i + 1)));
    expect(calls).toHaveLength(9);
    expect((await row(id))!.status).toBe("queued");

    expect(acked(await deliver(id, 1, DEAD_LETTER_QUEUE))).toBe(true);
    expect(await row(id)).toMatchObject({
      status: "failed",
      error: "no rendering engine could take this video; your credits were returned",
    });
    expect(await ledgerKinds(id)).toEqual(["hold", "release"]);
    expect((await balance(env.DB, u.id)).available).toBe(100);

    // A second dead letter for the same project changes nothing.
    expect(acked(await deliver(id, 1, DEAD_LETTER_QUEUE))).toBe(true);
    expect(await ledgerKinds(id)).toEqual(["hold", "release"]);
  });

  it("keeps the video of an edit that no engine would take, and its credits stay spent", async () => {
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "running", stage: "editing", result: JSON.stringify({ artifacts: ["video.mp4"] }) });
    await settle(env.DB, id, "capture").run();
    expect(acked(await deliver(id, 1, DEAD_LETTER_QUEUE))).toBe(true);
    expect(await row(id)).toMatchObject({ status: "completed", error: "the edit could not be applied: no rendering engine could take this edit" });
    expect(await ledgerKinds(id)).toEqual(["hold", "capture"]);
    expect((await balance(env.DB, u.id)).available).toBe(85);
  });

  it("says the engine stopped responding when one had started the video", async () => {
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "running", engine_origin: "https://engine.test", engine_job_id: "job-1", attempts: 1 });
    expect(acked(await deliver(id, 1, DEAD_LETTER_QUEUE))).toBe(true);
    expect(await row(id)).toMatchObject({
      status: "failed",
      error: "the rendering engine stopped responding and no engine could take the video over; your credits were returned",
    });
    expect(await ledgerKinds(id)).toEqual(["hold", "release"]);
  });

  it("acks a dead letter for a project that is gone", async () => {
    expect(acked(await deliver(crypto.randomUUID(), 1, DEAD_LETTER_QUEUE))).toBe(true);
  });
});

describe("a busy engine", () => {
  it("keeps a job that renders for longer than the whole retry schedule, which completes and is charged once", async () => {
    // The engine took the job, then is at capacity: a re-send would be a 429.
    let taken = false;
    const calls = stubEngine(() => {
      if (taken) return engineError(429, "at capacity", undefined, { "retry-after": "30" });
      taken = true;
      return accepted("job-1", "running");
    });
    const u = await makeUser(100);
    const id = await makeProject(u);
    expect(acked(await deliver(id, 1))).toBe(true);
    const progress = (seq: number) =>
      engineCall("POST", `/internal/jobs/${id}/events`, JSON.stringify({ job: "job-1", seq, type: "progress", data: { progress: seq / 20, stage: "pictures" } }));
    // Every redelivery the queue could make (max_retries 8), each while the engine renders.
    for (let attempt = 2; attempt <= 9; attempt++) {
      expect((await progress(attempt)).status).toBe(200);
      expect(acked(await deliver(id, attempt))).toBe(true);
    }
    expect((await progress(10)).status).toBe(200);
    expect(acked(await deliver(id, 1, DEAD_LETTER_QUEUE))).toBe(true);
    expect(await row(id)).toMatchObject({ status: "running", engine_job_id: "job-1", attempts: 1 });
    expect(calls).toHaveLength(1);

    await env.MEDIA.put("jobs/job-1/video.mp4", "mp4");
    const done = await engineCall(
      "POST",
      `/internal/jobs/${id}/complete`,
      JSON.stringify({ job: "job-1", status: "completed", artifacts: ["video.mp4"], duration: 15, r2_keys: { "video.mp4": "jobs/job-1/video.mp4" } }),
    );
    expect(await done.json()).toEqual({ ok: true, status: "completed" });
    expect(await ledgerKinds(id)).toEqual(["hold", "capture"]);
    expect(await balance(env.DB, u.id)).toMatchObject({ available: 85, spent: 15, held: 0 });
  });

  it("still has a project whose engine went silent re-sent, and a dead letter fails it", async () => {
    const calls = stubEngine(() => engineError(429, "at capacity"));
    const u = await makeUser(100);
    const silent = Date.now() - 3_600_000;
    const id = await makeProject(u, { status: "running", engine_origin: "https://engine.test", engine_job_id: "job-1", attempts: 1, engine_heard_at: silent });
    expect(retriedAfter(await deliver(id, 1))).toBe(30);
    expect(calls).toHaveLength(1);
    expect(acked(await deliver(id, 1, DEAD_LETTER_QUEUE))).toBe(true);
    expect(await ledgerKinds(id)).toEqual(["hold", "release"]);
  });
});
