/** User sessions: HS256 JWTs (jose) keyed by the JWT_SECRET secret. A token carries
 * the user id, role and token version; logout bumps the version in D1, which ends
 * every token issued before it. */
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

export async function issueToken(env: Env, user: { id: string; role: string; token_version: number }): Promise<string> {
  return new SignJWT({ role: user.role, ver: user.token_version })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_TTL_S}s`)
    .sign(key(env));
}

/** The signed-in user from `Authorization: Bearer <jwt>` (or `token` for WebSockets,
 * whose browser API cannot set headers); 401 when absent, bad, expired or logged out. */
export async function requireUser(env: Env, req: Request, allowQueryToken = false): Promise<SessionUser> {
  const k = key(env);
  const header = req.headers.get("authorization") ?? "";
  let token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  if (!token && allowQueryToken) token = new URL(req.url).searchParams.get("token") ?? undefined;
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
  return { id: row.id, email: row.email, role: row.role, created_at: row.created_at };
}
