/** The hand-off to engines. Each message says "dispatch this project"; the consumer tries
 * the engines in turn and moves on from one that is busy or unreachable. When none takes
 * the job the message is retried with a growing delay, and a project no engine has yet
 * shows the stage WAITING_FOR_ENGINE meanwhile (cleared when an engine takes it); after
 * the last retry the queue moves it to the dead-letter queue, whose consumer fails the
 * project and returns the credits. Messages may arrive twice: the engine's
 * Idempotency-Key (the project id) makes a repeat return the job already made, and a
 * message or dead letter for a project its engine is running and was heard from lately
 * is acknowledged untouched (engineHasIt): a busy engine is no reason to fail its job. */
import { dispatchRetry, engineOrigins } from "./config";
import * as engine from "./engine";
import type { Env, JobMessage } from "./env";
import { deleteOnEngine, recordDeletion } from "./job_deletions";
import { loadInputs } from "./project_inputs";
import type { ProjectSpec } from "./project_spec";
import { ACTIVE, billedDurationOf, endProject, engineHasIt, loadProject, projectView, publish, type ProjectRow } from "./project_state";

export const DEAD_LETTER_QUEUE = "storycut-jobs-dlq";
/** The stage of a queued project while every engine is busy or unreachable. */
export const WAITING_FOR_ENGINE = "waiting_for_engine";

/** Seconds before the next delivery: 5, 10, 20, ... up to 5 minutes by default
 * (DISPATCH_RETRY_S, DISPATCH_RETRY_MAX_S). */
export function retryDelay(env: Env, attempts: number): number {
  const { base, max } = dispatchRetry(env);
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export async function consumeJobs(batch: MessageBatch<JobMessage>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    try {
      const wait = await dispatch(env, msg.body?.project, msg.attempts);
      if (wait === null) msg.ack();
      else msg.retry({ delaySeconds: wait });
    } catch (e) {
      console.error(`dispatch of ${msg.body?.project}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      msg.retry({ delaySeconds: retryDelay(env, msg.attempts) });
    }
  }
}

/** Dispatches one project; null when done with it (taken, refused, or nothing to do),
 * otherwise the seconds to wait before trying again. */
async function dispatch(env: Env, id: unknown, attempt: number): Promise<number | null> {
  const row = typeof id === "string" ? await loadProject(env, id) : null;
  if (!row || !ACTIVE.includes(row.status) || engineHasIt(env, row)) return null;
  const origins = engineOrigins(env);
  if (origins.length === 0) {
    console.error("ENGINE_ORIGINS is empty: no engine to dispatch to");
    return retryDelay(env, attempt);
  }
  const spec = JSON.parse(row.spec) as ProjectSpec;
  // The user's files, read once for every engine tried (the message carries only the id).
  const inputs = await loadInputs(env, spec);
  if (typeof inputs === "string") {
    await endProject(env, row.id, "failed", `the ${inputs} file uploaded with this video is no longer stored; your credits were returned, make the video again`);
    return null;
  }
  let wait = retryDelay(env, attempt);
  for (const origin of rotation(origins, row, attempt)) {
    const r = await engine.submit(env, origin, spec, inputs, row.id, billedDurationOf(row));
    if (r.kind === "accepted") {
      await started(env, row, origin, r.jobId);
      return null;
    }
    if (r.kind === "refused") {
      await endProject(env, row.id, "failed", `the video could not be made: ${r.message}`);
      return null;
    }
    console.warn(`project ${row.id}: ${origin} ${r.kind}: ${r.message}`);
    wait = Math.max(wait, r.retryAfter ?? 0);
  }
  await waiting(env, row);
  return wait;
}

/** No engine took the project this time. The dispatcher is still on it: the heartbeat
 * keeps the sweep from sending a second message meanwhile. A project no engine has yet
 * (queued, no job) says so in its stage, and its live channel hears it; one an engine
 * already runs (a re-dispatch) keeps the stage its engine gave it. */
async function waiting(env: Env, row: ProjectRow): Promise<void> {
  const now = Date.now();
  const upd = await env.DB.prepare(
    `UPDATE projects SET heartbeat_at = ?1, updated_at = ?1,
       stage = CASE WHEN status = 'queued' AND engine_job_id IS NULL THEN ?2 ELSE stage END
     WHERE id = ?3 AND status IN ('queued', 'running')
     RETURNING *`,
  )
    .bind(now, WAITING_FOR_ENGINE, row.id)
    .first<ProjectRow>();
  if (upd?.status === "queued" && upd.stage === WAITING_FOR_ENGINE) await publish(env, row.id, { type: "status", project: projectView(upd) });
}

/** Every origin once, starting with the engine that already has the job (a re-dispatch)
 * or else one that moves with each attempt, so retries do not all hit the same engine. */
function rotation(origins: string[], row: ProjectRow, attempt: number): string[] {
  const known = row.engine_origin ? origins.indexOf(row.engine_origin) : -1;
  const start = known >= 0 ? known : (row.attempts + attempt - 1) % origins.length;
  return origins.map((_, i) => origins[(start + i) % origins.length]!);
}

async function started(env: Env, row: ProjectRow, origin: string, jobId: string): Promise<void> {
  const now = Date.now();
  const job = { origin, job_id: jobId, project_id: row.id };
  const [upd] = await env.DB.batch([env.DB.prepare(
    `UPDATE projects SET status = 'running', engine_origin = ?1, engine_job_id = ?2, attempts = attempts + 1, engine_heard_at = ?3,
       seq_base = CASE WHEN engine_job_id IS NOT NULL AND engine_job_id <> ?2 THEN last_seq ELSE seq_base END,
       stage = CASE WHEN stage = ?5 THEN NULL ELSE stage END,
       heartbeat_at = ?3, updated_at = ?3 WHERE id = ?4 AND status IN ('queued', 'running')
     RETURNING *`,
  )
    .bind(origin, jobId, now, row.id, WAITING_FOR_ENGINE),
    // Recorded only if the project still exists; an orphan is deleted below instead.
    env.DB.prepare("INSERT OR IGNORE INTO engine_jobs (origin, job_id, project_id, created_at) SELECT ?, ?, id, ? FROM projects WHERE id = ? AND status IN ('queued', 'running')")
      .bind(origin, jobId, now, row.id),
  ]);
  const fresh = upd?.results[0] as ProjectRow | undefined;
  if (fresh) {
    await publish(env, row.id, { type: "status", project: projectView(fresh) });
    return;
  }
  // The project ended (deleted or canceled) while the engine was taking it: the job is
  // deleted there (which stops it), now or by the sweep.
  await recordDeletion(env, job, now).run();
  await deleteOnEngine(env, job, now);
}

export async function consumeDeadLetters(batch: MessageBatch<JobMessage>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    try {
      const row = typeof msg.body?.project === "string" ? await loadProject(env, msg.body.project) : null;
      // An engine that still renders the project (it was heard from lately) keeps it.
      if (row && !engineHasIt(env, row)) {
        // An edit of a finished video keeps it (endProject), so no credits come back then.
        const reason = row.result
          ? "no rendering engine could take this edit"
          : row.engine_job_id
            ? "the rendering engine stopped responding and no engine could take the video over; your credits were returned"
            : "no rendering engine could take this video; your credits were returned";
        await endProject(env, row.id, "failed", reason);
      }
      msg.ack();
    } catch (e) {
      console.error(`dead letter for ${msg.body?.project}: ${e instanceof Error ? e.message : String(e)}`);
      msg.retry();
    }
  }
}
