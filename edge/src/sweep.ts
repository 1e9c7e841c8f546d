/** The cron sweep: a queued or running project whose heartbeat stopped (an engine died,
 * a callback was lost, a queue message never went out) is dispatched again, or, after
 * MAX_DISPATCHES dispatches, failed with its credits returned. Re-dispatching a project
 * a live engine still has is harmless: the project id is the engine's Idempotency-Key. */
import { heartbeatTimeoutMs, maxDispatches } from "./config";
import type { Env } from "./env";
import { endProject } from "./project_state";

export const SWEEP_BATCH = 100;

export async function sweep(env: Env, now = Date.now()): Promise<void> {
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
  // Should this send fail, the projects' heartbeats go stale again and a later sweep retries.
  if (resend.length) await env.JOBS.sendBatch(resend.map((project) => ({ body: { project } })));
}
