/** A small client for the engine's job API (DESIGN.md, "Engine contracts"). Every call is
 * signed, bounded by a timeout, and answered with one of four outcomes the callers act
 * on: accepted, busy (429: try elsewhere or later), unavailable (5xx, network, timeout,
 * or our own signature refused: not the user's fault) and refused (the engine says the
 * input is bad, with its message and field). */
import type { Env } from "./env";
import type { EngineInputs, ProjectSpec } from "./project_spec";
import { engineJobBody } from "./project_spec";
import { signedHeaders } from "./service_auth";

export const ENGINE_TIMEOUT_MS = 15_000;
const DEFAULT_RETRY_AFTER_S = 30;

export type EngineResult =
  | { kind: "accepted"; jobId: string; status: string }
  | { kind: "busy"; retryAfter: number; message: string }
  | { kind: "unavailable"; retryAfter?: number; message: string }
  | { kind: "refused"; status: number; message: string; field?: string };

/** Where an engine calls back about a project (the edge's /internal/jobs routes). */
export function callbackUrl(env: Env, projectId: string): string {
  return `${env.PUBLIC_ORIGIN.replace(/\/+$/, "")}/internal/jobs/${encodeURIComponent(projectId)}`;
}

/** Starts the project's job; the project id is the Idempotency-Key, so a repeat (a
 * re-dispatch, a redelivered message) returns the job already made. */
export function submit(env: Env, origin: string, spec: ProjectSpec, inputs: EngineInputs, projectId: string, maxDuration: number): Promise<EngineResult> {
  const body = JSON.stringify(engineJobBody(spec, inputs, callbackUrl(env, projectId), maxDuration));
  return send(env, origin, "/v1/jobs", body, { "Idempotency-Key": projectId });
}

export function cancel(env: Env, origin: string, jobId: string): Promise<EngineResult> {
  return send(env, origin, `/v1/jobs/${encodeURIComponent(jobId)}/cancel`, "");
}

export function regenerate(
  env: Env,
  origin: string,
  jobId: string,
  scene: number,
  edit: { narration?: string; visual?: string; max_duration: number },
): Promise<EngineResult> {
  return send(env, origin, `/v1/jobs/${encodeURIComponent(jobId)}/scenes/${scene}/regenerate`, JSON.stringify(edit));
}

export function recompose(env: Env, origin: string, jobId: string): Promise<EngineResult> {
  return send(env, origin, `/v1/jobs/${encodeURIComponent(jobId)}/recompose`, "");
}

/** A signed request to an engine: its response, or why none came. */
async function request(env: Env, origin: string, method: string, path: string, body: string, extra: Record<string, string> = {}): Promise<Response | string> {
  if (!env.ENGINE_SECRET) return "ENGINE_SECRET is not set on the edge";
  const headers: Record<string, string> = { ...(await signedHeaders(env.ENGINE_SECRET, method, path, body)), ...extra };
  if (body) headers["content-type"] = "application/json";
  try {
    return await fetch(`${origin}${path}`, { method, headers, body: method === "DELETE" ? undefined : body, signal: AbortSignal.timeout(ENGINE_TIMEOUT_MS) });
  } catch (e) {
    return `${origin} cannot be reached: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Asks the engine to drop a job: cancel it if it runs, then remove its workspace. Null
 * once it is gone (204, or 404: the engine does not know it), else why not. */
export async function deleteJob(env: Env, origin: string, jobId: string): Promise<string | null> {
  const res = await request(env, origin, "DELETE", `/v1/jobs/${encodeURIComponent(jobId)}`, "");
  if (typeof res === "string") return res;
  await res.body?.cancel();
  return res.status === 204 || res.status === 404 ? null : `${origin} answered ${res.status} to the delete of job ${jobId}`;
}

async function send(env: Env, origin: string, path: string, body: string, extra: Record<string, string> = {}): Promise<EngineResult> {
  const res = await request(env, origin, "POST", path, body, extra);
  if (typeof res === "string") return { kind: "unavailable", message: res };
  const text = await res.text().catch(() => "");
  if (res.ok) {
    const j = parse(text) as { id?: unknown; status?: unknown } | null;
    if (typeof j?.id === "string" && j.id && typeof j.status === "string") return { kind: "accepted", jobId: j.id, status: j.status };
    return { kind: "unavailable", message: `${origin} answered ${res.status} without a job id` };
  }
  const err = (parse(text) as { error?: { message?: unknown; field?: unknown } } | null)?.error;
  const message = typeof err?.message === "string" && err.message ? err.message.slice(0, 500) : `HTTP ${res.status}`;
  if (res.status === 429) return { kind: "busy", retryAfter: retryAfter(res) ?? DEFAULT_RETRY_AFTER_S, message };
  // 401/403: the engine refused our signature (secret or clock); 408: it gave up waiting.
  // Neither says anything about the user's input.
  if (res.status >= 500 || res.status === 401 || res.status === 403 || res.status === 408)
    return { kind: "unavailable", retryAfter: retryAfter(res), message: `${origin} answered ${res.status}: ${message}` };
  const field = typeof err?.field === "string" && err.field ? err.field.slice(0, 64) : undefined;
  return { kind: "refused", status: res.status, message, ...(field ? { field } : {}) };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Retry-After in seconds (either form), clamped to 1 s .. 1 h. */
function retryAfter(res: Response): number | undefined {
  const h = res.headers.get("retry-after");
  if (!h) return undefined;
  const secs = /^\d+$/.test(h.trim()) ? Number(h.trim()) : (Date.parse(h) - Date.now()) / 1000;
  if (!Number.isFinite(secs)) return undefined;
  return Math.min(3600, Math.max(1, Math.ceil(secs)));
}
