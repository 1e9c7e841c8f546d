/** User sessions: HS256 JWTs (jose) keyed by the JWT_SECRET secret. A token carries
 * the user id and token version; logout bumps the version in D1, which ends every token
 * issued before it. The role is read afresh on every request (see effectiveRole), never
 * taken from the token. */
import { jwtVerify, SignJWT } from "jose";
import type { Env } from "./env";
import { ApiError } from "./http";

export const TOKEN_TTL_S = 7 * 24 * 3600;

export interface SessionUser {
  id: string;
  email: string;
  role: "user" | "admin";
  created_at: number;
}

function key(env: Env): Uint8Array {
  if (!env.JWT_SECRET || env.JWT_SECRET.length < 32)
    throw new ApiError(503, "not_configured", "sign-in is unavailable: the JWT_SECRET secret is not set (at least 32 characters)");
  return new TextEncoder().encode(env.JWT_SECRET);
}

/** Throws the 503 above when sessions cannot be signed, so a route can refuse before
 * doing any work (hashing a password, writing a user). */
export function requireSessionKey(env: Env): void {
  key(env);
}

export async function issueToken(env: Env, user: { id: string; token_version: number }): Promise<string> {
  return new SignJWT({ ver: user.token_version })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_TTL_S}s`)
    .sign(key(env));
}

/** Admin if the id is in the ADMIN_USER_IDS var or the D1 row says so (set with
 * `wrangler d1 execute`). Emails are not verified, so they never make anyone admin. The
 * list is read on each request: an id taken out of it is demoted at its next request. */
export function effectiveRole(env: Env, user: { id: string; role: string }): SessionUser["role"] {
  const listed = (env.ADMIN_USER_IDS ?? "").split(",").some((id) => id.trim() === user.id);
  return listed || user.role === "admin" ? "admin" : "user";
}

/** The signed-in user from `Authorization: Bearer <jwt>`; 401 when absent, bad, expired
 * or logged out. The live WebSocket, whose browser API cannot set headers, uses a
 * one-time ticket instead (live_ticket.ts), never a token in its URL. */
export async function requireUser(env: Env, req: Request): Promise<SessionUser> {
  const k = key(env);
  const header = req.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  if (!token) throw new ApiError(401, "unauthenticated", "sign in first: send Authorization: Bearer <token>");
  let sub: string | undefined;
  let ver: unknown;
  try {
    const { payload } = await jwtVerify(token, k, { algorithms: ["HS256"] });
    sub = payload.sub;
    ver = payload.ver;
  } catch {
    throw new ApiError(401, "bad_token", "the session token is invalid or expired; sign in again");
  }
  const row = sub
    ? await env.DB.prepare("SELECT id, email, role, token_version, created_at FROM users WHERE id = ?")
        .bind(sub)
        .first<SessionUser & { token_version: number }>()
    : null;
  if (!row || row.token_version !== ver) throw new ApiError(401, "bad_token", "the session has ended; sign in again");
  return { id: row.id, email: row.email, role: effectiveRole(env, row), created_at: row.created_at };
}

export async function requireAdmin(env: Env, req: Request, what: string): Promise<SessionUser> {
  const user = await requireUser(env, req);
  if (user.role !== "admin") throw new ApiError(403, "forbidden", `only an admin can ${what}`);
  return user;
}
