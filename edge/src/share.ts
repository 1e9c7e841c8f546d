/** Share links: `${PUBLIC_ORIGIN}/share/<project>/<name>?exp=<unix s>&sig=<hex>`, where
 * sig = HMAC-SHA256(k, project + "\n" + name + "\n" + exp + "\n" + generation) and
 * k = HMAC-SHA256(JWT_SECRET, "share-v2"). The generation is the project's
 * share_generation in D1 (not in the link): revoking raises it, which ends every link
 * made before. The derived key keeps link signatures apart from session tokens, and
 * rotating JWT_SECRET ends every link along with every session. */
import { hmacHex, timingSafeEqual } from "./crypto";
import type { Env } from "./env";
import { ApiError } from "./http";

export const SHARE_TTL_DEFAULT_S = 3600;
export const SHARE_TTL_MIN_S = 60;
export const SHARE_TTL_MAX_S = 86_400;

async function shareSignature(env: Env, project: string, name: string, exp: number, generation: number): Promise<string> {
  if (!env.JWT_SECRET || env.JWT_SECRET.length < 32)
    throw new ApiError(503, "not_configured", "share links are unavailable: the JWT_SECRET secret is not set");
  const key = await hmacHex(env.JWT_SECRET, "share-v2");
  return hmacHex(key, `${project}\n${name}\n${exp}\n${generation}`);
}

/** A link to one artifact valid for `ttlS` seconds; expires_at is Unix ms like every time the API returns. */
export async function shareLink(
  env: Env,
  project: string,
  name: string,
  ttlS: number,
  generation: number,
  now = Date.now(),
): Promise<{ url: string; expires_at: number }> {
  const exp = Math.floor(now / 1000) + ttlS;
  const sig = await shareSignature(env, project, name, exp, generation);
  const origin = env.PUBLIC_ORIGIN.replace(/\/+$/, "");
  const url = `${origin}/share/${encodeURIComponent(project)}/${encodeURIComponent(name)}?exp=${exp}&sig=${sig}`;
  return { url, expires_at: exp * 1000 };
}

/** Seconds the link has left; 403 when it has expired, was revoked or was not signed by us. */
export async function checkShare(env: Env, project: string, name: string, generation: number, url: URL, now = Date.now()): Promise<number> {
  const expText = url.searchParams.get("exp") ?? "";
  const sig = (url.searchParams.get("sig") ?? "").toLowerCase();
  const exp = Number(expText);
  const left = exp - Math.floor(now / 1000);
  const denied = new ApiError(403, "link_invalid", "this share link has expired, was revoked or is not valid; ask for a new one");
  if (!/^\d{1,12}$/.test(expText) || left <= 0) throw denied;
  if (!timingSafeEqual(await shareSignature(env, project, name, exp, generation), sig)) throw denied;
  return left;
}
