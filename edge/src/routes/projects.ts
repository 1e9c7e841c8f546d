/** Projects: create (hold credits and queue the render), list, read, delete, and the two
 * edits of a finished video (regenerate a scene, recompose). A project that is not the
 * caller's is a 404 exactly like a missing one. */
import { z } from "zod";
import { pricing } from "../config";
import type { AppRouter, Ctx } from "../context";
import { randomId } from "../crypto";
import * as engine from "../engine";
import type { EngineResult } from "../engine";
import { ApiError, json, readJson } from "../http";
import { deleteOnEngine, type EngineJob, projectJobDeletions } from "../job_deletions";
import { AVAILABLE_SQL, balance, holdForProject, settle, settleEdit } from "../ledger";
import { billedDuration, parseProjectSpec, SPEC_BODY_MAX } from "../project_spec";
import { checkInputs, deleteInputs, storedInputs, storeInputs, takeInputs } from "../project_inputs";
import { EDIT_TEXT_MAX, videoCost } from "../rules";
import { dropEdit, type EditPrice, holdEdit, priceRecompose, priceRegenerate } from "../edit_billing";
import { parseWith } from "../validate";
import { ACTIVE, endProject, liveStub, loadProject, ownProject, projectView, publish, type ProjectRow } from "../project_state";
import { requireUser } from "../session";

const PAGE_DEFAULT = 20;
const PAGE_MAX = 50;
const MANIFEST_READ_MAX = 4 * 1024 * 1024;
const ENGINE_RETRY_AFTER_S = 30;

export function registerProjects(r: AppRouter): void {
  r.on("POST", "/api/projects", create);
  r.on("GET", "/api/projects", list);
  r.on("GET", "/api/projects/:id", async (c, p) => json({ project: projectView(await ownProject(c.env, c.req, p.id!)) }));
  r.on("DELETE", "/api/projects/:id", remove);
  r.on("POST", "/api/projects/:id/scenes/:n/regenerate", regenerateScene);
  r.on("POST", "/api/projects/:id/recompose", recompose);
}

/** One D1 batch creates the project only if the balance covers its cost, and places the
 * hold only if the project row exists: two requests racing for the last credits cannot
 * both win, and a refused request leaves nothing behind. The user's files are stored
 * only once the hold is placed, before the project is queued. */
async function create({ env, req }: Ctx): Promise<Response> {
  const user = await requireUser(env, req);
  const body = await readJson(req, SPEC_BODY_MAX);
  const files = takeInputs(body);
  const base = parseProjectSpec(body);
  const billed = billedDuration(base);
  const uploads = checkInputs(files); // decodes the files: after the cheap checks
  const id = randomId();
  const spec = { ...base, ...storedInputs(id, uploads) };
  const cost = videoCost(pricing(env), billed);
  const now = Date.now();
  const row: ProjectRow = {
    id, user_id: user.id, status: "queued", stage: null, progress: 0, spec: JSON.stringify(spec),
    result: null, error: null, error_code: null, cost, attempts: 0, engine_origin: null, engine_job_id: null, last_seq: 0, seq_base: 0,
    heartbeat_at: now, engine_heard_at: null, billed_duration: billed,
    edits: 0, edit_op: null, edit_duration: null, edit_claimed_at: null, created_at: now, updated_at: now,
  };
  const [inserted] = await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO projects (id, user_id, status, spec, cost, billed_duration, heartbeat_at, created_at, updated_at)
       SELECT ?, ?, 'queued', ?, ?, ?, ?, ?, ? WHERE (${AVAILABLE_SQL}) >= ?`,
    ).bind(row.id, user.id, row.spec, cost, billed, now, now, now, user.id, cost),
    holdForProject(env.DB, row.id),
  ]);
  if (!inserted?.meta.changes) {
    const { available } = await balance(env.DB, user.id);
    const byScript = billed > spec.duration; // the script's narration sets the length
    throw new ApiError(402, "insufficient_credits",
      `this video needs ${cost} credits and you have ${available} available; add credits or ${byScript ? "shorten the script" : "choose a shorter duration"}`,
      byScript ? "script" : "duration");
  }
  try {
    await storeInputs(env, id, uploads);
  } catch (e) {
    console.error(`project ${id}: cannot store its uploads: ${String(e)}`);
    await endProject(env, id, "failed", "your files could not be stored; your credits were returned");
    await deleteInputs(env, id);
    throw new ApiError(503, "storage_unavailable", "your files could not be stored right now; nothing was charged, try again in a minute", undefined, { "retry-after": "60" });
  }
  try {
    await env.JOBS.send({ project: row.id });
  } catch (e) {
    // The project stays queued with its hold; the cron sweep finds it once its heartbeat
    // is stale and sends it again, so the user still gets their 202.
    console.warn(`project ${row.id}: queue send failed, the sweep will dispatch it: ${String(e)}`);
  }
  return json({ project: projectView(row) }, 202);
}

/** Newest first, by (created_at, id) so equal times still page exactly once. The cursor
 * is opaque to clients: base64url of "created_at:id". */
async function list({ env, req, url }: Ctx): Promise<Response> {
  const user = await requireUser(env, req);
  const limitText = url.searchParams.get("limit");
  const limit = limitText === null ? PAGE_DEFAULT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX)
    throw new ApiError(422, "invalid", `limit: use a whole number from 1 to ${PAGE_MAX}`, "limit");
  const cursor = url.searchParams.get("cursor");
  const after = cursor ? decodeCursor(cursor) : { at: Number.MAX_SAFE_INTEGER, id: "" };
  // created_at <= ? is the range the projects(user_id, created_at DESC) index seeks to;
  // the OR then skips the rows of the cursor's own millisecond already sent.
  const { results } = await env.DB.prepare(
    `SELECT * FROM projects WHERE user_id = ? AND created_at <= ? AND (created_at < ? OR id < ?)
     ORDER BY created_at DESC, id DESC LIMIT ?`,
  )
    .bind(user.id, after.at, after.at, after.id, limit + 1)
    .all<ProjectRow>();
  const page = results.slice(0, limit);
  const last = page[page.length - 1];
  const next_cursor = results.length > limit && last ? encodeCursor(last) : null;
  return json({ projects: page.map(projectView), next_cursor });
}

function encodeCursor(row: ProjectRow): string {
  return btoa(`${row.created_at}:${row.id}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeCursor(text: string): { at: number; id: string } {
  let plain = "";
  try {
    plain = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    // reported below
  }
  const m = /^(\d{1,15}):([\w-]{1,64})$/.exec(plain);
  if (!m) throw new ApiError(400, "bad_cursor", "cursor: not a cursor this API gave out; start again without it", "cursor");
  return { at: Number(m[1]), id: m[2]! };
}

/** Ends the render (releasing the hold), then removes the project's media, rows and live
 * sockets; after answering, it stops the job and asks the engines to delete every job the
 * project has had (job_deletions.ts). The ledger keeps its rows: it is append-only. The
 * project row goes last, so a delete that fails midway can simply be repeated. */
async function remove(c: Ctx, p: Record<string, string>): Promise<Response> {
  const row = await ownProject(c.env, c.req, p.id!);
  const { env } = c;
  const active = ACTIVE.includes(row.status);
  if (active) await endProject(env, row.id, "canceled", "deleted by its owner");
  await deleteMedia(env, row.id);
  const current: EngineJob | null = row.engine_origin && row.engine_job_id ? { origin: row.engine_origin, job_id: row.engine_job_id, project_id: row.id } : null;
  const deletions = await projectJobDeletions(env, row.id, current);
  await env.DB.batch([
    // An edit still being sent to the engine (claimed on the completed project) gives its
    // hold back; the engine job is deleted below, so the edit is never done.
    settleEdit(env.DB, row.id, "release", Date.now(), "completed", Number.MAX_SAFE_INTEGER),
    env.DB.prepare("DELETE FROM artifacts WHERE project_id = ?").bind(row.id),
    env.DB.prepare("DELETE FROM artifact_uploads WHERE project_id = ?").bind(row.id),
    env.DB.prepare("DELETE FROM project_events WHERE project_id = ?").bind(row.id),
    ...deletions.statements,
    env.DB.prepare("DELETE FROM projects WHERE id = ?").bind(row.id),
  ]);
  // The engines are asked after the answer: one that is down must not hold the user's delete
  // (each deletion is recorded above, so the sweep retries what this misses).
  c.exec.waitUntil(
    stopOnEngines(env, active ? current : null, deletions.jobs).catch((e) => console.warn(`project ${row.id}: engine clean-up: ${String(e)}`)),
  );
  try {
    await liveStub(env, row.id).closeAll("the project was deleted");
  } catch (e) {
    console.warn(`project ${row.id}: cannot close live sockets: ${String(e)}`);
  }
  return new Response(null, { status: 204 });
}

async function stopOnEngines(env: Ctx["env"], running: EngineJob | null, jobs: EngineJob[]): Promise<void> {
  if (running) {
    const r = await engine.cancel(env, running.origin, running.job_id);
    if (r.kind !== "accepted") console.warn(`project ${running.project_id}: engine cancel not accepted: ${r.message}`);
  }
  for (const job of jobs) await deleteOnEngine(env, job);
}

/** Every object under jobs/<id>/, any artifact stored elsewhere, unfinished uploads, and
 * the files the user sent with the request. */
async function deleteMedia(env: Ctx["env"], id: string): Promise<void> {
  await deleteInputs(env, id);
  const prefix = `jobs/${id}/`;
  let cursor: string | undefined;
  do {
    const page = await env.MEDIA.list({ prefix, cursor });
    if (page.objects.length) await env.MEDIA.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  const { results: elsewhere } = await env.DB.prepare("SELECT r2_key FROM artifacts WHERE project_id = ? AND substr(r2_key, 1, ?) <> ?")
    .bind(id, prefix.length, prefix)
    .all<{ r2_key: string }>();
  if (elsewhere.length) await env.MEDIA.delete(elsewhere.map((a) => a.r2_key));
  const { results: uploads } = await env.DB.prepare("SELECT name, upload_id FROM artifact_uploads WHERE project_id = ?")
    .bind(id)
    .all<{ name: string; upload_id: string }>();
  for (const u of uploads) {
    try {
      await env.MEDIA.resumeMultipartUpload(`${prefix}${u.name}`, u.upload_id).abort();
    } catch (e) {
      console.warn(`project ${id}: cannot abort the upload of ${u.name}: ${String(e)}`);
    }
  }
}

const editText = z
  .string({ error: "must be text" })
  .refine((s) => s.trim().length > 0, "is empty; leave it out to keep the current one")
  .refine((s) => s.length <= EDIT_TEXT_MAX, `is longer than ${EDIT_TEXT_MAX} characters`)
  .refine((s) => !s.includes("\u0000"), "contains characters that are not text");
const regenerateBody = z
  .strictObject({ narration: editText.optional(), visual: editText.optional() })
  .refine((b) => b.narration !== undefined || b.visual !== undefined, {
    path: ["narration"],
    message: "give new narration, a new visual description, or both",
  });

// An edit is priced and held like a render (edit_billing.ts); the engine gets the seconds
// paid for as the regenerate's max_duration.
async function regenerateScene(c: Ctx, p: Record<string, string>): Promise<Response> {
  const row = await ownProject(c.env, c.req, p.id!);
  const edit = parseWith(regenerateBody, await readJson(c.req), "narration");
  const scene = /^[1-9]\d{0,2}$/.test(p.n!) ? Number(p.n) : 0;
  if (!scene) throw new ApiError(422, "invalid", "scene: must be a scene number such as 1", "scene");
  requireCompleted(row);
  const narrations = await storyNarrations(c.env, row.id);
  if (narrations !== null && scene > narrations.length)
    throw new ApiError(422, "invalid", `scene: this story has scenes 1 to ${narrations.length}`, "scene");
  const price = priceRegenerate(c.env, row, scene, edit.narration, narrations);
  return applyEdit(c, row, price, (origin, job) =>
    engine.regenerate(c.env, origin, job, scene, {
      ...(edit.narration !== undefined ? { narration: edit.narration } : {}),
      ...(edit.visual !== undefined ? { visual: edit.visual } : {}),
      max_duration: price.duration,
    }),
  );
}

async function recompose(c: Ctx, p: Record<string, string>): Promise<Response> {
  const row = await ownProject(c.env, c.req, p.id!);
  requireCompleted(row);
  return applyEdit(c, row, priceRecompose(c.env, row), (origin, job) => engine.recompose(c.env, origin, job));
}

function requireCompleted(row: ProjectRow): void {
  if (row.status !== "completed")
    throw new ApiError(409, "not_completed", `only a finished video can be edited; this project is ${row.status}`);
  if (!row.engine_origin || !row.engine_job_id)
    throw new ApiError(409, "not_editable", "this video was not made by an engine that can edit it");
}

/** Each scene's narration, scene 1 first, from the manifest the engine stored; null when
 * there is none (the engine then checks the scene number itself). */
async function storyNarrations(env: Ctx["env"], id: string): Promise<string[] | null> {
  const a = await env.DB.prepare("SELECT r2_key FROM artifacts WHERE project_id = ? AND name = 'manifest.json'").bind(id).first<{ r2_key: string }>();
  const obj = a ? await env.MEDIA.get(a.r2_key) : null;
  if (!obj || obj.size > MANIFEST_READ_MAX) return null;
  try {
    const scenes = ((await obj.json()) as { story?: { scenes?: unknown } }).story?.scenes;
    if (!Array.isArray(scenes) || scenes.length === 0) return null;
    return scenes.map((s: { narration?: unknown } | null) => (typeof s?.narration === "string" ? s.narration : ""));
  } catch {
    return null;
  }
}

/** Holds the edit's price, then sends the edit to the engine that made the video; once it
 * accepts, the project is running again (its video stays in place until the new one
 * replaces it). An edit the engine does not take costs nothing. */
async function applyEdit(c: Ctx, row: ProjectRow, price: EditPrice, send: (origin: string, job: string) => Promise<EngineResult>): Promise<Response> {
  const { env } = c;
  const op = await holdEdit(env, row, price);
  const r = await send(row.engine_origin!, row.engine_job_id!);
  if (r.kind !== "accepted") await dropEdit(env, row.id, op);
  if (r.kind === "busy" || r.kind === "unavailable") {
    const wait = r.retryAfter ?? ENGINE_RETRY_AFTER_S;
    console.warn(`project ${row.id}: edit not sent: ${r.message}`);
    const why = r.kind === "busy" ? "the rendering engine is busy" : "the rendering engine cannot be reached";
    throw new ApiError(503, "engine_unavailable", `${why} right now; nothing was changed, try again in ${wait} seconds`, undefined, {
      "retry-after": String(wait),
    });
  }
  if (r.kind === "refused") throw new ApiError(422, "edit_refused", r.message, r.field);
  const now = Date.now();
  const upd = await env.DB.prepare(
    `UPDATE projects SET status = 'running', stage = 'editing', progress = 0, error = NULL, error_code = NULL, heartbeat_at = ?1, engine_heard_at = ?1, updated_at = ?1
     WHERE id = ?2 AND status = 'completed' AND edit_op = ?3`,
  )
    .bind(now, row.id, op)
    .run();
  if (!upd.meta.changes) {
    // The engine took the edit, so its work is paid for: the hold is captured, not released.
    console.warn(`project ${row.id}: the engine took edit ${op} but the project changed meanwhile; capturing its hold`);
    await settle(env.DB, op, "capture").run();
    throw new ApiError(409, "changed", "the project changed while the edit was being sent; reload it and try again");
  }
  const fresh = (await loadProject(env, row.id))!;
  await publish(env, row.id, { type: "status", project: projectView(fresh) });
  return json({ project: projectView(fresh) }, 202);
}
