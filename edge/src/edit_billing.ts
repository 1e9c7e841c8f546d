/** Edits of a finished video cost what they use: PRICE_REGENERATE or PRICE_RECOMPOSE, plus
 * what the seconds new narration adds to the video cost. Each edit is its own operation
 * (edit_op): its credits are held when it is claimed, captured when the engine completes
 * it and released when it fails (project_state.ts) or never reaches the engine (dropEdit),
 * and EDIT_LIMIT caps how many one project may have. */
import { FORMATS, pricing } from "./config";
import { randomId } from "./crypto";
import { ENGINE_TIMEOUT_MS } from "./engine";
import type { Env } from "./env";
import { ApiError } from "./http";
import { availableOf, balance, holdForEdit, settle, settleEdit } from "./ledger";
import type { ProjectSpec } from "./project_spec";
import { billedDurationOf, CLEAR_EDIT_CLAIM, type ProjectRow } from "./project_state";
import { regenerateCost } from "./rules";
import { editedSeconds, narrationVideoSeconds } from "./speech_estimate";

export interface EditPrice {
  credits: number;
  /** The seconds the video is billed for once the edit succeeds (the engine's max_duration). */
  duration: number;
  note: string;
}

/** A scene regenerated. `narrations` are the story's, scene 1 first (null when the edge
 * has no manifest: the new narration is then priced as added on top). */
export function priceRegenerate(env: Env, row: ProjectRow, scene: number, narration: string | undefined, narrations: string[] | null): EditPrice {
  const p = pricing(env);
  const now = billedDurationOf(row);
  const { format, pace } = JSON.parse(row.spec) as ProjectSpec;
  let duration = now;
  if (narration !== undefined)
    duration = narrations ? editedSeconds(now, narrations, scene, narration, pace) : now + narrationVideoSeconds(narration, pace);
  const max = FORMATS[format].max_duration;
  if (duration > max)
    throw new ApiError(422, "too_long", `narration: with it the video would be about ${duration} seconds; a ${format} video can be at most ${max} seconds`, "narration");
  return { credits: regenerateCost(p, now, duration), duration, note: `edit: regenerate scene ${scene}` };
}

export function priceRecompose(env: Env, row: ProjectRow): EditPrice {
  return { credits: pricing(env).recompose, duration: billedDurationOf(row), note: "edit: recompose" };
}

/** A claim older than this was left behind by a request that died: its engine call (at
 * most ENGINE_TIMEOUT_MS) is long over. */
export const EDIT_CLAIM_STALE_MS = 2 * ENGINE_TIMEOUT_MS;

/** Claims the project's next edit and holds its price, in one batch that takes only while
 * the project is completed with no other edit claimed, under EDIT_LIMIT and the balance
 * covers the price; returns the edit's operation, or throws 409/402 saying which failed. */
export async function holdEdit(env: Env, row: ProjectRow, price: EditPrice): Promise<string> {
  const limit = pricing(env).edit_limit;
  if (row.edits >= limit) throw editLimit(limit);
  const op = `${row.id}:edit:${randomId()}`;
  const now = Date.now();
  const [, , claim] = await env.DB.batch([
    ...expireStaleClaim(env, row.id, now),
    env.DB.prepare(
      `UPDATE projects SET edits = edits + 1, edit_op = ?1, edit_duration = ?2, edit_claimed_at = ?6
       WHERE id = ?3 AND status = 'completed' AND edit_op IS NULL AND edits < ?4 AND (${availableOf("projects.user_id")}) >= ?5`,
    ).bind(op, price.duration, row.id, limit, price.credits, now),
    holdForEdit(env.DB, row.id, op, price.credits, price.note, now),
  ]);
  if (claim?.meta.changes) return op;
  const fresh = await env.DB.prepare("SELECT status, edits, edit_op FROM projects WHERE id = ?").bind(row.id)
    .first<{ status: string; edits: number; edit_op: string | null }>();
  if (fresh?.status !== "completed") throw new ApiError(409, "changed", "the project changed while the edit was being placed; reload it and try again");
  if (fresh.edit_op !== null) throw new ApiError(409, "edit_in_progress", "another edit of this video is being sent to the engine; wait for it, then try again");
  if (fresh.edits >= limit) throw editLimit(limit);
  const { available } = await balance(env.DB, row.user_id);
  throw new ApiError(402, "insufficient_credits", `this edit needs ${price.credits} credits and you have ${available} available; add credits first`);
}

/** Releases the hold of a claim left behind on a completed project and clears it (it never
 * reached the engine, so it does not count against the limit). */
function expireStaleClaim(env: Env, project: string, now: number): D1PreparedStatement[] {
  const stale = now - EDIT_CLAIM_STALE_MS;
  return [
    settleEdit(env.DB, project, "release", now, "completed", stale),
    env.DB.prepare(
      `UPDATE projects SET edits = MAX(0, edits - 1), ${CLEAR_EDIT_CLAIM}
       WHERE id = ? AND status = 'completed' AND edit_op IS NOT NULL AND COALESCE(edit_claimed_at, 0) < ?`,
    ).bind(project, stale),
  ];
}

/** Undoes this request's claimed edit the engine did not take: its hold is released and,
 * if the claim is still its own, it stops counting against the limit. */
export async function dropEdit(env: Env, project: string, op: string): Promise<void> {
  await env.DB.batch([
    settle(env.DB, op, "release"),
    env.DB.prepare(
      `UPDATE projects SET edits = MAX(0, edits - 1), ${CLEAR_EDIT_CLAIM}
       WHERE id = ? AND edit_op = ?`,
    ).bind(project, op),
  ]);
}

const editLimit = (limit: number) =>
  new ApiError(409, "edit_limit", `this video has had the ${limit} edits a project may have; start a new video to change it further`);
