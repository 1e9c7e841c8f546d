/** A deleted project's engine job is deleted on its engine too (DELETE /v1/jobs/{id}:
 * cancelled if it runs, its workspace removed). The wish is written with the delete of
 * the project, so an engine that cannot be reached never blocks the user's delete: the
 * cron sweep asks again, ever less often, until the engine answers or DELETION_MAX_ATTEMPTS
 * tries (about three days) have failed, or at once when the engine is no longer configured. */
import { engineOrigins } from "./config";
import * as engine from "./engine";
import type { Env } from "./env";

export const DELETION_BATCH = 20;
export const DELETION_MAX_ATTEMPTS = 20;
/** After a failed try the next waits 1, 2, 4 … min, at most 6 h. */
export const DELETION_RETRY_BASE_MS = 60_000;
export const DELETION_RETRY_MAX_MS = 6 * 3600_000;

export interface EngineJob {
  origin: string;
  job_id: string;
  project_id: string;
}

/** The deletion of every engine job the project has had (engine_jobs, and `current`, which
 * rows from before engine_jobs lack); returns the statements for the batch that deletes
 * the project (engine_jobs rows too) and the jobs. */
export async function projectJobDeletions(env: Env, project: string, current: EngineJob | null, now = Date.now()): Promise<{ statements: D1PreparedStatement[]; jobs: EngineJob[] }> {
  const { results } = await env.DB.prepare("SELECT origin, job_id, project_id FROM engine_jobs WHERE project_id = ?").bind(project).all<EngineJob>();
  const byKey = new Map([...(current ? [current] : []), ...results].map((j) => [`${j.origin} ${j.job_id}`, j]));
  const jobs = [...byKey.values()];
  return {
    statements: [...jobs.map((j) => recordDeletion(env, j, now)), env.DB.prepare("DELETE FROM engine_jobs WHERE project_id = ?").bind(project)],
    jobs,
  };
}

export function recordDeletion(env: Env, p: EngineJob, now = Date.now()): D1PreparedStatement {
  return env.DB.prepare(`INSERT OR IGNORE INTO engine_job_deletions (origin, job_id, project_id, created_at) VALUES (?, ?, ?, ?)`).bind(
    p.origin,
    p.job_id,
    p.project_id,
    now,
  );
}

/** Asks the engine once; the wish is dropped when it is done, kept (and logged) when not,
 * and given up (logged) once it has failed too often. */
export async function deleteOnEngine(env: Env, p: EngineJob, now = Date.now()): Promise<boolean> {
  const failure = await engine.deleteJob(env, p.origin, p.job_id);
  if (failure === null) {
    await forget(env, p);
    return true;
  }
  // In SET, attempts is the count before this try: the wait doubles from the base.
  const row = await env.DB.prepare(
    `UPDATE engine_job_deletions SET attempts = attempts + 1, last_error = ?1,
       next_attempt_at = ?2 + MIN(?3, ?4 * (1 << MIN(attempts, 30)))
     WHERE origin = ?5 AND job_id = ?6 RETURNING attempts, next_attempt_at`,
  )
    .bind(failure.slice(0, 500), now, DELETION_RETRY_MAX_MS, DELETION_RETRY_BASE_MS, p.origin, p.job_id)
    .first<{ attempts: number; next_attempt_at: number }>();
  if (!row) return false; // done meanwhile by another try
  if (row.attempts >= DELETION_MAX_ATTEMPTS) return giveUp(env, p, `${row.attempts} tries failed, the last: ${failure}`);
  console.warn(`project ${p.project_id}: engine job ${p.job_id} not deleted yet, the sweep retries in ${Math.round((row.next_attempt_at - now) / 1000)} s: ${failure}`);
  return false;
}

async function forget(env: Env, p: EngineJob): Promise<void> {
  await env.DB.prepare("DELETE FROM engine_job_deletions WHERE origin = ? AND job_id = ?").bind(p.origin, p.job_id).run();
}

async function giveUp(env: Env, p: EngineJob, why: string): Promise<false> {
  console.error(`project ${p.project_id}: giving up deleting engine job ${p.job_id} on ${p.origin}: ${why}`);
  await forget(env, p);
  return false;
}

/** The sweep's part: the wishes due, longest due first, a batch at a time; one whose engine
 * is no longer in ENGINE_ORIGINS is given up without asking. */
export async function retryDeletions(env: Env, now = Date.now()): Promise<void> {
  const { results } = await env.DB.prepare(
    "SELECT origin, job_id, project_id FROM engine_job_deletions WHERE next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?",
  )
    .bind(now, DELETION_BATCH)
    .all<EngineJob>();
  const origins = engineOrigins(env);
  for (const p of results) {
    if (!origins.includes(p.origin)) await giveUp(env, p, "its engine is no longer in ENGINE_ORIGINS");
    else await deleteOnEngine(env, p, now);
  }
}
