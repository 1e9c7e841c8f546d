import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { JobMessage } from "../src/env";
import worker from "../src/index";
import { balance, settle } from "../src/ledger";
import { accepted, captureQueue, signedCorrectly, stubEngine } from "./engine_stub";
import { makeProject, makeUser } from "./helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const TIMEOUT_MS = 600_000; // HEARTBEAT_TIMEOUT_S in wrangler.jsonc
const stale = () => Date.now() - TIMEOUT_MS - 60_000;

async function runSweep() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }), env);
  return ctx;
}

const row = (id: string) => env.DB.prepare("SELECT * FROM projects WHERE id = ?").bind(id).first<Record<string, unknown>>();
const ledgerKinds = (id: string) =>
  env.DB.prepare("SELECT kind FROM credit_ledger WHERE project_id = ? ORDER BY id").bind(id).all<{ kind: string }>().then((r) => r.results.map((x) => x.kind));

describe("the heartbeat sweep", () => {
  it("re-dispatches a stale running project to the engine that has it, and leaves live ones alone", async () => {
    const sent = captureQueue();
    const u = await makeUser(100);
    const staleId = await makeProject(u, { status: "running", attempts: 1, engine_origin: "https://engine.test", engine_job_id: "j-1", heartbeat_at: stale() });
    const staleQueued = await makeProject(u, { heartbeat_at: stale() });
    const live = await makeProject(u, { status: "running", attempts: 1, heartbeat_at: Date.now() - 1000 });
    const done = await makeProject(u, { status: "completed", heartbeat_at: stale() });
    const before = Date.now();
    await runSweep();

    const mine = sent.filter((m) => [staleId, staleQueued, live, done].includes(m.project));
    expect(mine.map((m) => m.project).sort()).toEqual([staleId, staleQueued].sort());
    expect((await row(staleId))!.heartbeat_at).toBeGreaterThanOrEqual(before);
    expect(await row(staleId)).toMatchObject({ status: "running", attempts: 1 });
    expect((await row(live))!.heartbeat_at).toBeLessThan(before);
    expect((await row(done))!.status).toBe("completed");

    // A second sweep right away finds nothing new to send.
    await runSweep();
    expect(sent.filter((m) => m.project === staleId || m.project === staleQueued)).toHaveLength(2);

    // The message goes back to the same engine with the same Idempotency-Key.
    const calls = stubEngine(() => accepted("j-1", "running"));
    const batch = createMessageBatch<JobMessage>("storycut-jobs", [{ id: "s-1", timestamp: new Date(), attempts: 1, body: { project: staleId } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["s-1"]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ origin: "https://engine.test", path: "/v1/jobs" });
    expect(calls[0]!.headers.get("idempotency-key")).toBe(staleId);
    expect(await signedCorrectly(calls[0]!)).toBe(true);
    expect(await row(staleId)).toMatchObject({ status: "running", engine_job_id: "j-1", attempts: 2 });
  });

  it("fails and refunds a stale project after the last dispatch", async () => {
    const sent = captureQueue();
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "running", attempts: 3, engine_origin: "https://engine.test", engine_job_id: "j-2", heartbeat_at: stale() });
    expect((await balance(env.DB, u.id)).available).toBe(85);
    await runSweep();
    expect(await row(id)).toMatchObject({ status: "failed", error: "the render stopped responding; your credits were returned" });
    expect(await ledgerKinds(id)).toEqual(["hold", "release"]);
    expect((await balance(env.DB, u.id)).available).toBe(100);
    expect(sent.filter((m) => m.project === id)).toEqual([]);
  });

  it("walks a stale project through its dispatches to the end", async () => {
    const sent = captureQueue();
    const u = await makeUser(100);
    const id = await makeProject(u, { status: "running", attempts: 1, engine_origin: "https://engine.test", engine_job_id: "j-3", heartbeat_at: stale() });
    for (let attempts = 1; attempts <= 3; attempts++) {
      await env.DB.prepare("UPDATE projects SET attempts = ?, heartbeat_at = ? WHERE id = ?").bind(attempts, stale(), id).run();
      await runSweep();
      const p = await row(id);
      if (attempts < 3) {
        expect(p!.status, `after dispatch ${attempts}`).toBe("running");
        expect(sent.filter((m) => m.project === id)).toHaveLength(attempts);
      } else {
        expect(p!.status).toBe("failed");
      }
    }
    expect(await ledgerKinds(id)).toEqual(["hold", "release"]);
  });

  it("sends a queued project whose message was lost again after a minute, then fails and refunds it", async () => {
    const sent = captureQueue();
    const u = await makeUser(100);
    const minuteAgo = Date.now() - 61_000; // DISPATCH_TIMEOUT_S in wrangler.jsonc: 60
    const lost = await makeProject(u, { heartbeat_at: minuteAgo });
    const fresh = await makeProject(u, { heartbeat_at: Date.now() - 30_000 });
    // A dispatcher is on these: it set the stage, or an engine has the job.
    const waiting = await makeProject(u, { stage: "waiting_for_engine", heartbeat_at: minuteAgo });
    const taken = await makeProject(u, { engine_origin: "https://engine.test", engine_job_id: "j-9", heartbeat_at: minuteAgo });
    await runSweep();
    const mine = (ids: string[]) => sent.filter((m) => ids.includes(m.project)).map((m) => m.project);
    expect(mine([lost, fresh, waiting, taken])).toEqual([lost]);
    expect(await row(lost)).toMatchObject({ status: "queued", attempts: 1 });
    await runSweep();
    expect(mine([lost])).toHaveLength(1); // not again until another minute passes

    for (let attempts = 2; attempts <= 4; attempts++) {
      await env.DB.prepare("UPDATE projects SET heartbeat_at = ? WHERE id = ?").bind(minuteAgo, lost).run();
      await runSweep();
    }
    expect(mine([lost])).toHaveLength(3);
    expect(await row(lost)).toMatchObject({
      status: "failed",
      error: "the video could not be handed to a rendering engine; your credits were returned",
    });
    expect(await ledgerKinds(lost)).toEqual(["hold", "release"]);
  });

  it("keeps a finished video whose edit stopped responding, with its credits spent", async () => {
    captureQueue();
    const u = await makeUser(100);
    const result = JSON.stringify({ artifacts: ["video.mp4"], duration: 15 });
    const id = await makeProject(u, { status: "running", stage: "editing", progress: 0.4, result, attempts: 3, heartbeat_at: stale() });
    await settle(env.DB, id, "capture").run();
    await runSweep();
    expect(await row(id)).toMatchObject({
      status: "completed",
      stage: "done",
      progress: 1,
      result,
      error: "the edit could not be applied: the render stopped responding",
    });
    expect(await ledgerKinds(id)).toEqual(["hold", "capture"]);
    expect((await balance(env.DB, u.id)).available).toBe(85);
  });
});
