/** The cron sweep: a queued or running project whose heartbeat stopped (an engine died,
 * a callback was lost, a queue message never went out) is dispatched again, or, after
 * MAX_DISPATCHES dispatches, failed with its credits returned. Re-dispatching a project
 * a live engine still has is harmless: the project id is the engine's Idempotency-Key.
 * A queued project that no dispatcher ever touched is looked at sooner
 * (DISPATCH_TIMEOUT_S, not HEARTBEAT_TIMEOUT_S): its message was lost, and the user
 * should not wait ten minutes to learn it. It also retries the engine-side deletes of
 * deleted projects' jobs that an engine could not take (job_deletions.ts). */
import { dispatchTimeoutMs, heartbeatTimeoutMs, maxDispatches } from "./config";
import type { Env } from "./env";
import { retryDeletions } from "./job_deletions";
import { endProject } from "./project_state";

export const SWEEP_BATCH = 100;

/** Which projects a rule looks at, after how long without a heartbeat, whether sending one
 * again counts as a dispatch (attempts), and the reason shown when the last one is used up. */
interface Rule {
  where: string;
  cutoff: number;
  countsAsDispatch: boolean;
  reason: (p: { result: string | null }) => string;
}

export async function sweep(env: Env, now = Date.now()): Promise<void> {
  // A queued project with no engine job and no word from a dispatcher (which sets the
  // stage WAITING_FOR_ENGINE when it tries): its message was lost.
  const lost = await resendOrFail(env, now, {
    where: "status = 'queued' AND engine_job_id IS NULL AND stage IS NULL",
    cutoff: now - dispatchTimeoutMs(env),
    countsAsDispatch: true,
    reason: () => "the video could not be handed to a rendering engine; your credits were returned",
  });
  const silent = await resendOrFail(env, now, {
    where: "status IN ('queued', 'running')",
    cutoff: now - heartbeatTimeoutMs(env),
    countsAsDispatch: false,
    // An edit of a finished video keeps it (endProject), so no credits come back then.
    reason: (p) => (p.result ? "the render stopped responding" : "the render stopped responding; your credits were returned"),
  });
  const resend = [...lost, ...silent];
  // Should this send fail, the projects' heartbeats go stale again and a later sweep retries.
  if (resend.length) await env.JOBS.sendBatch(resend.map((project) => ({ body: { project } })));
  await retryDeletions(env);
}

/** The rule's projects (served by the projects(status, heartbeat_at) index): each is failed
 * and refunded once MAX_DISPATCHES are used, or else marked as just handled; returns the
 * ids to send again. */
async function resendOrFail(env: Env, now: number, rule: Rule): Promise<string[]> {
  const { results } = await env.DB.prepare(`SELECT id, attempts, result FROM projects WHERE ${rule.where} AND heartbeat_at < ? LIMIT ?`)
    .bind(rule.cutoff, SWEEP_BATCH)
    .all<{ id: string; attempts: number; result: string | null }>();
  const resend: string[] = [];
  for (const p of results) {
    if (p.attempts >= maxDispatches(env)) {
      await endProject(env, p.id, "failed", rule.reason(p), { now });
      continue;
    }
    // Only if nothing touched it since the select, so a heartbeat that just arrived wins.
    const upd = await env.DB.prepare(
      `UPDATE projects SET heartbeat_at = ?, updated_at = ?${rule.countsAsDispatch ? ", attempts = attempts + 1" : ""}
       WHERE id = ? AND ${rule.where} AND heartbeat_at < ?`,
    )
      .bind(now, now, p.id, rule.cutoff)
      .run();
    if (upd.meta.changes) resend.push(p.id);
  }
  return resend;
}
