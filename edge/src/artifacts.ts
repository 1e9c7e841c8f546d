/** Job artifacts in R2: the names an engine may send, their content types, their keys,
 * and uploads that arrive in parts (`?part=K&parts=N`, assembled with R2 multipart).
 * Every write is idempotent: a repeated part replaces itself, a repeated file replaces
 * the object, and the artifacts row follows with INSERT OR REPLACE. */
import type { Env } from "./env";
import { ApiError } from "./http";

/** The engine's parts are 32 MiB; nothing larger arrives in one request. */
export const MAX_PART_BYTES = 32 * 1024 * 1024;
/** R2's own limit on the number of parts of one object. */
export const MAX_PARTS = 10_000;

const FIXED_TYPES: Record<string, string> = {
  "video.mp4": "video/mp4",
  "thumbnail.png": "image/png",
  "subtitles.srt": "application/x-subrip",
  "subtitles.vtt": "text/vtt",
  "metadata.json": "application/json",
  "manifest.json": "application/json",
};
const SCENE_FILE = /^scene-\d{2,3}\.(png|wav)$/;

/** The content type of an allowed artifact name, or null when the name is not allowed. */
export function artifactType(name: string): string | null {
  const fixed = FIXED_TYPES[name];
  if (fixed) return fixed;
  const m = SCENE_FILE.exec(name);
  if (!m) return null;
  return m[1] === "png" ? "image/png" : "audio/wav";
}

export const isArtifactName = (name: string) => artifactType(name) !== null;

export const artifactKey = (project: string, name: string) => `jobs/${project}/${name}`;

export interface ArtifactRow {
  project_id: string;
  name: string;
  r2_key: string;
  size: number;
  content_type: string;
  created_at: number;
}

export function recordArtifact(env: Env, project: string, name: string, key: string, size: number, now = Date.now()): D1PreparedStatement {
  return env.DB.prepare(
    `INSERT OR REPLACE INTO artifacts (project_id, name, r2_key, size, content_type, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).bind(project, name, key, size, artifactType(name) ?? "application/octet-stream", now);
}

export async function findArtifact(env: Env, project: string, name: string): Promise<ArtifactRow | null> {
  return env.DB.prepare("SELECT * FROM artifacts WHERE project_id = ? AND name = ?").bind(project, name).first<ArtifactRow>();
}

/** A whole file in one request. */
export async function putArtifact(env: Env, project: string, name: string, body: ArrayBuffer): Promise<PartResult> {
  const key = artifactKey(project, name);
  const before = await env.MEDIA.head(key);
  const obj = await env.MEDIA.put(key, body, { httpMetadata: { contentType: artifactType(name)! } });
  await recordArtifact(env, project, name, key, obj.size).run();
  return { complete: true, size: newSize(before, obj) };
}

/** The size of a stored object, or null when it has the same bytes (the same etag) as the
 * object it replaced: a repeated delivery (the engine sends at least once, and sends a
 * resumed job's files again) is stored but is no news to the user. */
function newSize(before: R2Object | null, after: R2Object): number | null {
  return before && before.etag === after.etag ? null : after.size;
}

/** What storing a file or one part of it did: whether the artifact is complete now, and
 * its size when this very request completed it with new bytes (null otherwise: when
 * another request assembling the same upload at the same moment completed it, or when the
 * bytes are those already stored). */
export interface PartResult {
  complete: boolean;
  size: number | null;
}

/** `?part=K&parts=N` from the query: null when neither is there, 422 when they are bad. */
export function partOf(url: URL): { part: number; parts: number } | null {
  const p = url.searchParams.get("part");
  const n = url.searchParams.get("parts");
  if (p === null && n === null) return null;
  const parts = Number(n);
  if (n === null || !/^\d{1,5}$/.test(n) || parts < 1 || parts > MAX_PARTS)
    throw new ApiError(422, "bad_parts", `parts must be a whole number from 1 to ${MAX_PARTS}`, "parts");
  const part = Number(p);
  if (p === null || !/^\d{1,5}$/.test(p) || part < 1 || part > parts)
    throw new ApiError(422, "bad_part", `part must be a whole number from 1 to parts (${parts})`, "part");
  return { part, parts };
}

const restarted = () =>
  new ApiError(409, "upload_restarted", "the upload of this artifact was restarted; send it again from part 1", "part", { "retry-after": "1" });

interface UploadRow {
  parts: number;
  upload_id: string;
}

/** The upload in progress for this artifact, started when the first part is seen. An
 * upload begun for another part count (the file changed size) is abandoned. */
async function openUpload(env: Env, project: string, name: string, parts: number, now: number): Promise<UploadRow> {
  const sel = env.DB.prepare("SELECT parts, upload_id FROM artifact_uploads WHERE project_id = ? AND name = ?").bind(project, name);
  const found = await sel.first<UploadRow>();
  if (found?.parts === parts) return found;
  const key = artifactKey(project, name);
  if (found) await dropUpload(env, project, name, found.upload_id);
  const upload = await env.MEDIA.createMultipartUpload(key, { httpMetadata: { contentType: artifactType(name)! } });
  const ins = await env.DB.prepare(
    `INSERT OR IGNORE INTO artifact_uploads (project_id, name, parts, upload_id, done_parts, created_at) VALUES (?, ?, ?, ?, '{}', ?)`,
  )
    .bind(project, name, parts, upload.uploadId, now)
    .run();
  if (ins.meta.changes > 0) return { parts, upload_id: upload.uploadId };
  // Another request for this artifact started an upload at the same moment: use that one.
  await abortQuietly(env, key, upload.uploadId);
  const winner = await sel.first<UploadRow>();
  if (!winner || winner.parts !== parts) throw new ApiError(409, "upload_conflict", "another upload of this artifact is starting; try again", undefined, { "retry-after": "1" });
  return winner;
}

async function dropUpload(env: Env, project: string, name: string, uploadId: string): Promise<void> {
  await env.DB.prepare("DELETE FROM artifact_uploads WHERE project_id = ? AND name = ? AND upload_id = ?")
    .bind(project, name, uploadId)
    .run();
  await abortQuietly(env, artifactKey(project, name), uploadId);
}

async function abortQuietly(env: Env, key: string, uploadId: string): Promise<void> {
  try {
    await env.MEDIA.resumeMultipartUpload(key, uploadId).abort();
  } catch {
    // Already completed or aborted; the lifecycle rule clears anything left behind.
  }
}

/** Stores part K of N; when all N are there, assembles the object and records it. */
export async function putArtifactPart(env: Env, project: string, name: string, part: number, parts: number, body: ArrayBuffer, now = Date.now()): Promise<PartResult> {
  const key = artifactKey(project, name);
  let up = await openUpload(env, project, name, parts, now);
  let uploaded: R2UploadedPart;
  try {
    uploaded = await env.MEDIA.resumeMultipartUpload(key, up.upload_id).uploadPart(part, body);
  } catch (e) {
    // R2 no longer has the upload (the lifecycle rule aborts uploads after a day) or lost
    // it: start over. Part 1 can begin the new upload; a later part cannot, so the engine
    // is told to send the file again (it always resends from part 1).
    console.warn(`artifact ${key}: upload ${up.upload_id} failed at part ${part}: ${String(e)}; starting over`);
    await dropUpload(env, project, name, up.upload_id);
    if (part !== 1) throw restarted();
    up = await openUpload(env, project, name, parts, now);
    uploaded = await env.MEDIA.resumeMultipartUpload(key, up.upload_id).uploadPart(part, body);
  }
  // json_set keeps concurrent parts from overwriting each other's etags; a repeated part
  // replaces its own entry, so it is never counted twice.
  const row = await env.DB.prepare(
    `UPDATE artifact_uploads SET done_parts = json_set(done_parts, '$."' || ? || '"', ?)
       WHERE project_id = ? AND name = ? AND upload_id = ?
       RETURNING done_parts`,
  )
    .bind(String(part), uploaded.etag, project, name, up.upload_id)
    .first<{ done_parts: string }>();
  if (!row) throw restarted();
  const etags = JSON.parse(row.done_parts) as Record<string, string>;
  if (Object.keys(etags).length < parts) return { complete: false, size: null };
  // Claim the finished upload so only one request completes it.
  const claim = await env.DB.prepare("DELETE FROM artifact_uploads WHERE project_id = ? AND name = ? AND upload_id = ?")
    .bind(project, name, up.upload_id)
    .run();
  if (claim.meta.changes === 0) return { complete: true, size: null };
  const list = Object.entries(etags)
    .map(([n, etag]) => ({ partNumber: Number(n), etag }))
    .sort((a, b) => a.partNumber - b.partNumber);
  const before = await env.MEDIA.head(key);
  const obj = await env.MEDIA.resumeMultipartUpload(key, up.upload_id).complete(list);
  await recordArtifact(env, project, name, key, obj.size, now).run();
  return { complete: true, size: newSize(before, obj) };
}
