/** Shared test fixtures: users and projects straight into D1, session tokens, and
 * requests signed the way an engine signs its callbacks. */
import { env, exports } from "cloudflare:workers";
import { grant, holdForProject } from "../src/ledger";
import { signedHeaders } from "../src/service_auth";
import { issueToken } from "../src/session";

export const ORIGIN = "https://edge.test";

export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

/** A random client address (CF-Connecting-IP), so a test's rate limits are its own. */
export const newIp = () => `10.${[...crypto.getRandomValues(new Uint8Array(3))].join(".")}`;

/** A one-time live ticket for the project (POST /api/projects/:id/live-ticket). */
export async function liveTicket(user: TestUser, project: string): Promise<string> {
  const res = await call(`/api/projects/${project}/live-ticket`, { method: "POST", headers: user.auth });
  if (res.status !== 200) throw new Error(`live-ticket: ${res.status} ${await res.text()}`);
  return (await res.json<{ ticket: string }>()).ticket;
}

export interface TestUser {
  id: string;
  email: string;
  token: string;
  auth: { authorization: string };
}

/** A user with `credits` granted, signed in. */
export async function makeUser(credits = 100, role: "user" | "admin" = "user"): Promise<TestUser> {
  const id = crypto.randomUUID();
  const email = `${id.slice(0, 8)}@example.test`;
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO users (id, email, password_hash, password_salt, password_iter, role, created_at)
       VALUES (?, ?, 'x', 'x', 1, ?, ?)`,
    ).bind(id, email, role, Date.now()),
    grant(env.DB, id, credits, `test-grant:${id}`, "test grant"),
  ]);
  const token = await issueToken(env, { id, token_version: 0 });
  return { id, email, token, auth: { authorization: `Bearer ${token}` } };
}

/** A project row with its hold, as creating one through the API leaves it; a running one
 * is run by the engine job "job-1" unless `fields` say otherwise, as a dispatch leaves it. */
export async function makeProject(user: TestUser, fields: Partial<Record<string, unknown>> = {}): Promise<string> {
  const id = (fields.id as string | undefined) ?? crypto.randomUUID();
  const now = Date.now();
  const row: Record<string, unknown> = {
    id,
    user_id: user.id,
    status: "queued",
    spec: JSON.stringify({ topic: "a lighthouse keeper", format: "short", duration: 15 }),
    cost: 15,
    heartbeat_at: now,
    created_at: now,
    updated_at: now,
    ...(fields.status === "running" ? { engine_job_id: "job-1" } : {}),
    ...fields,
  };
  const cols = Object.keys(row);
  await env.DB.batch([
    env.DB.prepare(`INSERT INTO projects (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).bind(
      ...cols.map((c) => row[c] as string | number | null),
    ),
    holdForProject(env.DB, id),
  ]);
  return id;
}

/** A callback request signed as the engine signs it (ENGINE_SECRET), or with `secret`. */
export async function engineCall(
  method: string,
  pathAndQuery: string,
  body: string | Uint8Array = "",
  opts: { secret?: string; now?: number; contentType?: string } = {},
): Promise<Response> {
  const headers = await signedHeaders(opts.secret ?? env.ENGINE_SECRET!, method, pathAndQuery, body, opts.now);
  return call(pathAndQuery, {
    method,
    headers: { ...headers, "content-type": opts.contentType ?? "application/json" },
    body: method === "GET" ? undefined : body,
  });
}

/** An artifact upload as the engine sends it: its job named in the signed query (`job` null:
 * named not at all, as older engines sent it). */
export function upload(id: string, name: string, body: Uint8Array | string, query = "", job: string | null = "job-1"): Promise<Response> {
  const q = job === null || query.includes("job=") ? query : `${query ? `${query}&` : "?"}job=${job}`;
  return engineCall("PUT", `/internal/jobs/${id}/artifacts/${name}${q}`, body, { contentType: "application/octet-stream" });
}
