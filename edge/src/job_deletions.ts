/** A deleted project's engine job is deleted on its engine too (DELETE /v1/jobs/{id}:
 * cancelled if it runs, its workspace removed). The wish is written with the delete of
 * the project, so an engine that cannot be reached never blocks the user's delete: the
 * cron sweep asks again until the engine answers. */
import * as engine from "./engine";
import type { Env } from "./env";

export const DELETION_BATCH = 20;

interface Pending {
  origin: string;
  job_id: string;
  project_id: string;
}

export function recordDeletion(env: Env, p: Pending, now = Date.now()): D1PreparedStatement {
  return env.DB.prepare(`INSERT OR IGNORE INTO engine_job_deletions (origin, job_id, project_id, created_at) VALUES (?, ?, ?, ?)`).bind(
    p.origin,
    p.job_id,
    p.project_id,
    now,
  );
}

/** Asks the engine once; the wish is dropped when it is done, kept (and logged) when not. */
export async function deleteOnEngine(env: Env, p: Pending): Promise<boolean> {
  const failure = await engine.deleteJob(env, p.origin, p.job_id);
  if (failure === null) {
    await env.DB.prepare("DELETE FROM engine_job_deletions WHERE origin = ? AND job_id = ?").bind(p.origin, p.job_id).run();
    return true;
  }
  console.warn(`project ${p.project_id}: engine job ${p.job_id} not deleted yet, the sweep retries: ${failure}`);
  await env.DB.prepare("UPDATE engine_job_deletions SET attempts = attempts + 1, last_error = ? WHERE origin = ? AND job_id = ?")
    .bind(failure.slice(0, 500), p.origin, p.job_id)
    .run();
  return false;
}

/** The sweep's part: the oldest wishes first, a batch at a time. */
export async function retryDeletions(env: Env): Promise<void> {
  const { results } = await env.DB.prepare("SELECT origin, job_id, project_id FROM engine_job_deletions ORDER BY created_at LIMIT ?")
    .bind(DELETION_BATCH)
    .all<Pending>();
  for (const p of results) await deleteOnEngine(env, p);
}
