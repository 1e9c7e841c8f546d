/** The cron sweep: a queued or running project whose heartbeat stopped (an engine died,
 * a callback was lost, a queue message never went out) is dispatched again, or, after
 * MAX_DISPATCHES dispatches, failed with its credits returned. Re-dispatching a project
 * a live engine still has is harmless: the project id is the engine's Idempotency-Key.
 * A queued project that no dispatcher ever touched is looked at sooner
 * (DISPATCH_TIMEOUT_S, not HEARTBEAT_TIMEOUT_S): its message was lost, and the user
 * should not wait ten minutes to learn it. */
import { dispatchTimeoutMs, heartbeatTimeoutMs, maxDispatches } from "./config";
import type { Env } from "./env";
import { endProject } from "./project_state";

export const SWEEP_BATCH = 100;

export async function sweep(env: Env, now = Date.now()): Promise<void> {
  const resend = [...(await undispatched(env, now)), ...(await stale(env, now))];
  // Should this send fail, the projects' heartbeats go stale again and a later sweep retries.
  if (resend.length) await env.JOBS.sendBatch(resend.map((project) => ({ body: { project } })));
}

/** Queued projects with no engine job and no word from a dispatcher (which sets the stage
 * WAITING_FOR_ENGINE when it tries) for DISPATCH_TIMEOUT_S: each is sent again, counted as
 * a dispatch, or after the last one failed and refunded. Returns the ids to send. */
async function undispatched(env: Env, now: number): Promise<string[]> {
  const cutoff = now - dispatchTimeoutMs(env);
  const never = `status = 'queued' AND engine_job_id IS NULL AND stage IS NULL AND heartbeat_at < ?`;
  const { results } = await env.DB.prepare(`SELECT id, attempts FROM projects WHERE ${never} LIMIT ?`)
    .bind(cutoff, SWEEP_BATCH)
    .all<{ id: string; attempts: number }>();
  const resend: string[] = [];
  for (const p of results) {
    if (p.attempts >= maxDispatches(env)) {
      await endProject(env, p.id, "failed", "the video could not be handed to a rendering engine; your credits were returned", { now });
      continue;
    }
    const upd = await env.DB.prepare(`UPDATE projects SET attempts = attempts + 1, heartbeat_at = ?, updated_at = ? WHERE id = ? AND ${never}`)
      .bind(now, now, p.id, cutoff)
      .run();
    if (upd.meta.changes) resend.push(p.id);
  }
  return resend;
}

/** Projects silent for HEARTBEAT_TIMEOUT_S: sent again, or after MAX_DISPATCHES failed and
 * refunded. Returns the ids to send. */
async function stale(env: Env, now: number): Promise<string[]> {
  const cutoff = now - heartbeatTimeoutMs(env);
  // Served by the projects(status, heartbeat_at) index.
  const { results } = await env.DB.prepare(
    `SELECT id, attempts, result FROM projects WHERE status IN ('queued', 'running') AND heartbeat_at < ? LIMIT ?`,
  )
    .bind(cutoff, SWEEP_BATCH)
    .all<{ id: string; attempts: number; result: string | null }>();
  const resend: string[] = [];
  for (const p of results) {
    if (p.attempts >= maxDispatches(env)) {
      // An edit of a finished video keeps it (endProject), so no credits come back then.
      const reason = p.result ? "the render stopped responding" : "the render stopped responding; your credits were returned";
      await endProject(env, p.id, "failed", reason, { now });
      continue;
    }
    // Only if nothing touched it since the select, so a heartbeat that just arrived wins.
    const upd = await env.DB.prepare(
      `UPDATE projects SET heartbeat_at = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'running') AND heartbeat_at < ?`,
    )
      .bind(now, now, p.id, cutoff)
      .run();
    if (upd.meta.changes) resend.push(p.id);
  }
  return resend;
}
