/** Engine callbacks (`${PUBLIC_ORIGIN}/internal/jobs/:id/...`): progress events, artifact
 * uploads, completion and failure. Each is signed with ENGINE_SECRET and checked before
 * anything else. The engine retries every non-2xx answer until it gets a 2xx, so every
 * callback is idempotent, and one about a project that no longer exists is acknowledged
 * with 200 and ignored rather than refused forever. */
import { z } from "zod";
import { findArtifact, isArtifactName, MAX_PART_BYTES, partOf, putArtifact, putArtifactPart, recordArtifact } from "../artifacts";
import type { AppRouter, Ctx } from "../context";
import type { Env } from "../env";
import { parseWith } from "../validate";
import { ApiError, json, parseJsonObject, readBody } from "../http";
import { ACTIVE, completeProject, endProject, loadProject, publish, type ProjectRow } from "../project_state";
import { signatureHeaders, verifySigned } from "../service_auth";

const MAX_JSON_BYTES = 1024 * 1024;
/** metadata.json is copied into the project's result; a larger one keeps only these keys. */
const MAX_METADATA_BYTES = 256 * 1024;
const METADATA_KEYS = ["title", "description", "logline", "hashtags", "chapters", "lang", "format", "duration", "width", "height", "fps"];

// The engine sends job_start, stage_start, stage_skip, scene_done, scene_skip, progress,
// stage_done, job_done, job_failed and warning today. Any well-formed name is taken: the
// engine retries a refused callback forever, so a kind added later must not be a 422.
const eventType = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "must be an event name such as stage_start");
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, "must be an engine job id");

const EventBody = z.object({
  job: jobId,
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  type: eventType,
  data: z.looseObject({
    // Rounding can put a job's progress a hair outside 0..1; it is clamped, not refused.
    progress: z.number(),
    stage: z.string().max(64).optional(),
  }),
});

const artifactName = z.string().refine(isArtifactName, "not an artifact name the edge accepts");

const CompleteBody = z.object({
  job: jobId,
  status: z.literal("completed"),
  artifacts: z.array(artifactName).max(2000),
  duration: z.number().min(0),
  r2_keys: z.record(z.string(), z.string()).default({}),
});

const FailBody = z.object({
  job: jobId,
  status: z.enum(["failed", "canceled"]),
  error: z.string().default(""),
  // The engine's word for the failure ("refused", "failed", ...); older engines send none.
  code: z.string().regex(/^[a-z_]{1,32}$/, "must be an error code such as refused").optional(),
});

/** Checks the signature headers, then reads the body once (at most maxBytes, counted as it
 * streams) and checks its signature; nothing else happens before this. */
async function signedBody(ctx: Ctx, maxBytes: number): Promise<ArrayBuffer> {
  const headers = signatureHeaders(ctx.env.ENGINE_SECRET, ctx.req);
  const body = await readBody(ctx.req, maxBytes);
  await verifySigned(ctx.env.ENGINE_SECRET!, ctx.req, headers, body);
  return body;
}

/** The 200 for a callback the edge takes but has no use for. With `stop` it also tells the
 * engine the job itself is unwanted, and the engine cancels it: otherwise an engine that
 * comes back after its project was failed and refunded, or deleted, renders it to the end. */
const ignored = (why: string, stop = false) => json({ ok: true, ignored: why, ...(stop ? { stop: true } : {}) });

/** A project that ended, or one now run by another engine job, takes no more news from this one. */
function staleFor(row: ProjectRow, job: string | null): string | null {
  if (!ACTIVE.includes(row.status)) return `the project is already ${row.status}`;
  if (job !== null && row.engine_job_id && row.engine_job_id !== job) return "the project is no longer run by this job";
  return null;
}

/** Complete and fail settle the credits (and complete attaches R2 objects by the job's
 * id), so only the job the project runs may send them. Until the dispatcher has recorded
 * that job the engine is asked to retry, and the project is dispatched again: the engine's
 * 202 may never have been recorded (the edge stopped between the two), and a re-submit
 * with the same Idempotency-Key returns that same job, which the dispatcher then records.
 * The engine's retries pace these messages. */
async function requireRecordedJob(env: Env, row: ProjectRow): Promise<void> {
  if (row.engine_job_id) return;
  await env.JOBS.send({ project: row.id });
  throw new ApiError(409, "job_not_recorded", "the edge has not recorded an engine job for this project yet; retry shortly", "job", {
    "retry-after": "5",
  });
}

/** Whether nobody wants what the job makes: its project is gone, failed or canceled (a
 * completed one may be edited, by the same job), or another job runs it. */
function unwanted(row: ProjectRow | null, job?: string): boolean {
  if (!row || row.status === "failed" || row.status === "canceled") return true;
  return job !== undefined && row.engine_job_id !== null && row.engine_job_id !== job;
}

async function onEvent(ctx: Ctx, id: string): Promise<Response> {
  const bytes = await signedBody(ctx, MAX_JSON_BYTES);
  const row = await loadProject(ctx.env, id);
  if (!row) return ignored("no such project", true);
  const ev = parseWith(EventBody, parseJsonObject(bytes));
  const stale = staleFor(row, ev.job);
  if (stale) return ignored(stale, unwanted(row, ev.job));
  const { DB } = ctx.env;
  const now = Date.now();
  const seq = row.seq_base + ev.seq; // the project's own numbering (migrations/0002_seq_base.sql)
  const progress = Math.min(1, Math.max(0, ev.data.progress));
  const data = JSON.stringify(ev.data);
  // One transaction: the project moves only if this seq is new (not yet in project_events),
  // and only forward (a late, older event leaves stage and progress alone).
  const [upd] = await DB.batch([
    DB.prepare(
      `UPDATE projects SET
         stage = CASE WHEN ?1 > last_seq THEN COALESCE(?2, stage) ELSE stage END,
         progress = CASE WHEN ?1 > last_seq THEN ?3 ELSE progress END,
         last_seq = MAX(last_seq, ?1),
         status = CASE status WHEN 'queued' THEN 'running' ELSE status END,
         heartbeat_at = ?4, engine_heard_at = ?4, updated_at = ?4
       WHERE id = ?5 AND status IN ('queued', 'running')
         AND NOT EXISTS (SELECT 1 FROM project_events WHERE project_id = ?5 AND seq = ?1)`,
    ).bind(seq, ev.data.stage ?? null, progress, now, id),
    DB.prepare(
      `INSERT OR IGNORE INTO project_events (project_id, seq, type, data, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM projects WHERE id = ?1 AND status IN ('queued', 'running'))`,
    ).bind(id, seq, ev.type, data, now),
  ]);
  if ((upd?.meta.changes ?? 0) === 0) return ignored("already seen");
  await publish(ctx.env, id, { type: "event", seq, event: ev.type, data: ev.data });
  return json({ ok: true });
}

/** An upload names its job in the (signed) query, ?job=ID. One that names none is taken
 * only until the dispatcher has recorded the project's job (the engine may upload before
 * its 202 arrives); after that it is treated as a stale job's. */
async function onArtifact(ctx: Ctx, id: string, name: string): Promise<Response> {
  // Up to 32 MiB a request: the engine always knows a file's size, so it must say it.
  if (!ctx.req.headers.has("content-length"))
    throw new ApiError(411, "length_required", "an artifact upload must declare its Content-Length", "content-length");
  const bytes = await signedBody(ctx, MAX_PART_BYTES);
  const row = await loadProject(ctx.env, id);
  if (!row) return ignored("no such project", true);
  // A failed or canceled project never shows files again: nothing is stored for it, nor
  // anything from a job that no longer runs the project.
  const job = ctx.url.searchParams.get("job");
  if (job === null && row.engine_job_id) return ignored("the upload names no job, and the project is run by a recorded one", true);
  if (unwanted(row, job ?? undefined)) return ignored(staleFor(row, job) ?? `the project is already ${row.status}`, true);
  if (!isArtifactName(name)) throw new ApiError(422, "bad_name", `${name} is not an artifact name the edge accepts`, "name");
  const part = partOf(ctx.url);
  const now = Date.now();
  const stored =
    !part || part.parts === 1
      ? await putArtifact(ctx.env, id, name, bytes)
      : await putArtifactPart(ctx.env, id, name, part.part, part.parts, bytes, now);
  await ctx.env.DB.prepare(`UPDATE projects SET heartbeat_at = ?1, engine_heard_at = ?1 WHERE id = ?2 AND status IN ('queued', 'running')`).bind(now, id).run();
  // The browser shows a scene's picture, voice or words as soon as they are stored; the
  // same bytes delivered again are not announced again.
  if (stored.size !== null) await publish(ctx.env, id, { type: "artifact", name, size: stored.size });
  return json({ ok: true, name, complete: stored.complete });
}

/** Makes sure every listed artifact is stored; those the engine put straight into R2 are
 * checked there and recorded. Returns the names still missing. */
async function missingArtifacts(ctx: Ctx, row: ProjectRow, body: z.infer<typeof CompleteBody>): Promise<string[]> {
  const { env } = ctx;
  const id = row.id;
  const missing: string[] = [];
  for (const name of body.artifacts) {
    const key = body.r2_keys[name];
    if (key === undefined) {
      if (!(await findArtifact(env, id, name))) missing.push(name);
      continue;
    }
    // The project's own job's prefix: no other project's objects can be attached.
    const own = `jobs/${row.engine_job_id}/${name}`;
    if (key !== own) throw new ApiError(422, "bad_r2_key", `the R2 key of ${name} must be ${own}`, `r2_keys.${name}`);
    const head = await env.MEDIA.head(key);
    if (!head) missing.push(name);
    else await recordArtifact(env, id, name, key, head.size).run();
  }
  return missing;
}

/** metadata.json as an object, or null when there is none or it is not JSON. */
async function readMetadata(ctx: Ctx, id: string): Promise<Record<string, unknown> | null> {
  const row = await findArtifact(ctx.env, id, "metadata.json");
  const obj = row ? await ctx.env.MEDIA.get(row.r2_key) : null;
  if (!obj) return null;
  const text = await obj.text();
  let meta: unknown;
  try {
    meta = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) return null;
  const m = meta as Record<string, unknown>;
  if (text.length <= MAX_METADATA_BYTES) return m;
  return Object.fromEntries(METADATA_KEYS.filter((k) => k in m).map((k) => [k, m[k]]));
}

async function onComplete(ctx: Ctx, id: string): Promise<Response> {
  const bytes = await signedBody(ctx, MAX_JSON_BYTES);
  const row = await loadProject(ctx.env, id);
  if (!row) return ignored("no such project", true);
  const body = parseWith(CompleteBody, parseJsonObject(bytes));
  const stale = staleFor(row, body.job);
  if (stale) return ignored(stale, unwanted(row, body.job));
  await requireRecordedJob(ctx.env, row);
  for (const name of Object.keys(body.r2_keys))
    if (!body.artifacts.includes(name)) throw new ApiError(422, "bad_r2_key", `${name} is not among the artifacts`, `r2_keys.${name}`);
  const missing = await missingArtifacts(ctx, row, body);
  if (missing.length > 0)
    // The engine retries after this; by then the uploads still in its outbox have landed.
    throw new ApiError(409, "artifacts_missing", `not received yet: ${missing.join(", ")}`, "artifacts", { "retry-after": "5" });
  const result = { artifacts: body.artifacts, duration: body.duration, metadata: await readMetadata(ctx, id) };
  const changed = await completeProject(ctx.env, row, result);
  return changed ? json({ ok: true, status: "completed" }) : ignored("the project had already ended");
}

/** One line a user can read, from an engine error: the first line only, no control
 * characters, server paths cut to the file name, at most ~300 characters. */
export function failureReason(status: "failed" | "canceled", error: string): string {
  const first = error.split(/[\r\n]+/).find((l) => l.trim()) ?? "";
  let msg = first
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/(^|\s)\/(?:[^\s/]+\/)+([^\s/]+)/g, "$1$2")
    .replace(/\s+/g, " ")
    .trim();
  const head = status === "canceled" ? "The render was canceled" : "The render failed";
  const max = 300 - head.length - 2;
  if (msg.length > max) msg = `${msg.slice(0, max - 1).trimEnd()}…`;
  return msg ? `${head}: ${msg}` : `${head}.`;
}

async function onFail(ctx: Ctx, id: string): Promise<Response> {
  const bytes = await signedBody(ctx, MAX_JSON_BYTES);
  const row = await loadProject(ctx.env, id);
  if (!row) return ignored("no such project");
  const body = parseWith(FailBody, parseJsonObject(bytes));
  const stale = staleFor(row, body.job);
  if (stale) return ignored(stale); // the job has ended: nothing to stop
  await requireRecordedJob(ctx.env, row);
  const changed = await endProject(ctx.env, id, body.status, failureReason(body.status, body.error), { code: body.code ?? null });
  return changed ? json({ ok: true, status: body.status }) : ignored("the project had already ended");
}

export function registerInternal(r: AppRouter): void {
  r.on("POST", "/internal/jobs/:id/events", (ctx, p) => onEvent(ctx, p.id!));
  r.on("PUT", "/internal/jobs/:id/artifacts/:name", (ctx, p) => onArtifact(ctx, p.id!, p.name!));
  r.on("POST", "/internal/jobs/:id/complete", (ctx, p) => onComplete(ctx, p.id!));
  r.on("POST", "/internal/jobs/:id/fail", (ctx, p) => onFail(ctx, p.id!));
}
