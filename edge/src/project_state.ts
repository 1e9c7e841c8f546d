/** Project rows and the transitions every part shares: finishing a project settles its
 * credit hold in the same D1 batch, so status and ledger can never disagree, and each
 * change is pushed to the project's live channel. */
import type { Env } from "./env";
import { notFound } from "./http";
import { heartbeatTimeoutMs, pricing } from "./config";
import { chargeOverage, settle, settleEdit } from "./ledger";
import { overageCost } from "./rules";
import type { LiveMessage } from "./live";
import { requireUser } from "./session";
import type { Status } from "./vocab.gen";

/** SQL SET items that end a project's edit claim (edit_billing.ts): every column of the
 * claim goes together, so a claim is never half cleared. */
export const CLEAR_EDIT_CLAIM = "edit_op = NULL, edit_duration = NULL, edit_claimed_at = NULL";

/** The engine's job statuses (engine/src/model/vocab.def), which projects.status stores. */
export type ProjectStatus = Status;
export const ACTIVE: readonly ProjectStatus[] = ["queued", "running"];

export interface ProjectRow {
  id: string;
  user_id: string;
  status: ProjectStatus;
  stage: string | null;
  progress: number;
  spec: string;
  result: string | null;
  error: string | null;
  error_code: string | null; // the engine's code for the failure: see migrations/0003_error_code.sql
  cost: number;
  attempts: number;
  engine_origin: string | null;
  engine_job_id: string | null;
  last_seq: number;
  seq_base: number; // added to an engine job's seqs: see migrations/0002_seq_base.sql
  heartbeat_at: number | null;
  engine_heard_at: number | null; // see migrations/0005_billing.sql
  billed_duration: number | null; // seconds paid for; null in older rows (billedDurationOf)
  edits: number; // edits accepted so far (EDIT_LIMIT)
  edit_op: string | null; // the running edit's operation (its hold: edit_op + ":hold")
  edit_duration: number | null; // the seconds billed once that edit succeeds
  edit_claimed_at: number | null; // see migrations/0006_review_fixes.sql
  created_at: number;
  updated_at: number;
}

/** What users see of a project (no engine internals). */
export function projectView(row: ProjectRow) {
  return {
    id: row.id,
    status: row.status,
    stage: row.stage,
    progress: row.progress,
    spec: JSON.parse(row.spec) as unknown,
    result: row.result ? (JSON.parse(row.result) as unknown) : null,
    error: row.error,
    error_code: row.error_code ?? null,
    cost: row.cost,
    billed_duration: billedDurationOf(row),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Whether the project's engine job is running it and was heard from lately: a repeat
 * message or a dead letter then has nothing to do (a busy engine is still rendering). */
export function engineHasIt(env: Env, row: ProjectRow, now = Date.now()): boolean {
  return row.status === "running" && row.engine_job_id !== null && (row.engine_heard_at ?? 0) > now - heartbeatTimeoutMs(env);
}

export async function loadProject(env: Env, id: string): Promise<ProjectRow | null> {
  return env.DB.prepare("SELECT * FROM projects WHERE id = ?").bind(id).first<ProjectRow>();
}

/** The signed-in user's project; another user's or a missing one is the same 404, so
 * nobody can learn that a project exists. */
export async function ownProject(env: Env, req: Request, id: string): Promise<ProjectRow> {
  const user = await requireUser(env, req);
  const row = await env.DB.prepare("SELECT * FROM projects WHERE id = ? AND user_id = ?").bind(id, user.id).first<ProjectRow>();
  if (!row) throw notFound("no such project");
  return row;
}

export function liveStub(env: Env, project: string) {
  return env.LIVE.get(env.LIVE.idFromName(project));
}

/** Tells the project's live channel; a failure here never undoes the change itself. */
export async function publish(env: Env, project: string, msg: LiveMessage): Promise<void> {
  try {
    await liveStub(env, project).publish(msg);
  } catch (e) {
    console.warn(`live: cannot publish to project ${project}: ${String(e)}`);
  }
}

async function publishStatus(env: Env, id: string): Promise<void> {
  const row = await loadProject(env, id);
  if (row) await publish(env, id, { type: "status", project: projectView(row) });
}

/** The seconds the project's video is paid for (rows from before billed_duration: the
 * duration asked). */
export function billedDurationOf(row: ProjectRow): number {
  return row.billed_duration ?? (JSON.parse(row.spec) as { duration: number }).duration;
}

/** queued/running -> completed, capturing the hold (and a running edit's); a video rendered much longer than was
 * paid for is charged the difference (overageCost) in the same batch. False if the project
 * had already ended (completed, failed or canceled): nothing changes then. */
export async function completeProject(env: Env, row: ProjectRow, result: { duration: number }, now = Date.now()): Promise<boolean> {
  const { id } = row;
  // An edit is measured against what it was priced for, and owes under its own operation.
  const billed = row.edit_duration ?? billedDurationOf(row);
  const op = row.edit_op ?? id;
  const owed = overageCost(pricing(env), billed, result.duration);
  const note = `rendered ${result.duration.toFixed(1)} s, ${billed} s were paid for`;
  const [, upd] = await env.DB.batch([
    settleEdit(env.DB, id, "capture", now),
    env.DB.prepare(
      `UPDATE projects SET status = 'completed', progress = 1, stage = 'done', result = ?, error = NULL, error_code = NULL,
         billed_duration = COALESCE(edit_duration, billed_duration), ${CLEAR_EDIT_CLAIM},
         heartbeat_at = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'running')`,
    ).bind(JSON.stringify(result), now, now, id),
    settle(env.DB, id, "capture", now),
    ...(owed > 0 ? chargeOverage(env.DB, id, op, owed, note, now) : []),
  ]);
  const changed = (upd?.meta.changes ?? 0) > 0;
  if (changed && owed > 0) console.warn(`project ${id}: ${note}; charging the difference, up to ${owed} credits`);
  if (changed) await publishStatus(env, id);
  return changed;
}

/** An edit (regenerate/recompose) of a finished project: it has its video (result) and
 * its hold was captured. */
const EDITING = `result IS NOT NULL AND EXISTS (SELECT 1 FROM credit_ledger WHERE op_key = projects.id || ':capture')`;

/** queued/running -> failed or canceled, releasing the hold. `reason` is shown to the
 * user, so it must be words, not a stack trace; `code` is the engine's word for the kind
 * of failure (e.g. "refused"), kept as error_code (null when none is known). An edit that
 * ends this way must not hide the video the user already has: the project goes back to
 * completed with the reason as its error, its own hold is released and the render's
 * captured hold stays (settle never releases a captured hold). */
export async function endProject(
  env: Env,
  id: string,
  status: "failed" | "canceled",
  reason: string,
  opts: { now?: number; code?: string | null } = {},
): Promise<boolean> {
  const now = opts.now ?? Date.now();
  const [, upd] = await env.DB.batch([
    settleEdit(env.DB, id, "release", now),
    env.DB.prepare(
      `UPDATE projects SET
         status = CASE WHEN ${EDITING} THEN 'completed' ELSE ?1 END,
         error = CASE WHEN ${EDITING} THEN 'the edit could not be applied: ' || ?2 ELSE ?2 END,
         error_code = ?5,
         stage = CASE WHEN ${EDITING} THEN 'done' ELSE stage END,
         progress = CASE WHEN ${EDITING} THEN 1 ELSE progress END,
         ${CLEAR_EDIT_CLAIM},
         updated_at = ?3
       WHERE id = ?4 AND status IN ('queued', 'running')`,
    ).bind(status, reason.slice(0, 500), now, id, opts.code ?? null),
    settle(env.DB, id, "release", now),
  ]);
  const changed = (upd?.meta.changes ?? 0) > 0;
  if (changed) await publishStatus(env, id);
  return changed;
}
