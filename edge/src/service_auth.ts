/** Service authentication between edge and engine (DESIGN.md, "Engine contracts"):
 * X-Storycut-Timestamp (Unix seconds) and X-Storycut-Signature =
 * hex(HMAC-SHA256(secret, ts + "\n" + METHOD + "\n" + target + "\n" + hex(sha256(body)))),
 * where target is the path plus "?query" when there is one. Both directions use it. */
import { hmacHex, sha256Hex, timingSafeEqual } from "./crypto";
import { ApiError } from "./http";

export const TIMESTAMP_HEADER = "X-Storycut-Timestamp";
export const SIGNATURE_HEADER = "X-Storycut-Signature";
export const MAX_SKEW_S = 300;

export async function signature(secret: string, ts: string, method: string, target: string, body: ArrayBuffer | Uint8Array | string): Promise<string> {
  return hmacHex(secret, `${ts}\n${method}\n${target}\n${await sha256Hex(body)}`);
}

/** Headers for a request to an engine. */
export async function signedHeaders(secret: string, method: string, target: string, body: ArrayBuffer | Uint8Array | string, now = Date.now()): Promise<Record<string, string>> {
  const ts = String(Math.floor(now / 1000));
  return { [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: await signature(secret, ts, method, target, body) };
}

/** Checks an engine callback; throws 401 (stale, missing or forged) or 503 (no secret). */
export async function verifySigned(secret: string | undefined, req: Request, body: ArrayBuffer, now = Date.now()): Promise<void> {
  if (!secret) throw new ApiError(503, "not_configured", "ENGINE_SECRET is not set on the edge, so engine callbacks cannot be verified");
  const ts = req.headers.get(TIMESTAMP_HEADER);
  const sig = req.headers.get(SIGNATURE_HEADER);
  if (!ts || !sig) throw new ApiError(401, "unsigned", `${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} are required`);
  if (!/^\d{1,12}$/.test(ts) || Math.abs(now / 1000 - Number(ts)) > MAX_SKEW_S)
    throw new ApiError(401, "stale", `the timestamp is outside the allowed ${MAX_SKEW_S} s window`);
  const url = new URL(req.url);
  const expected = await signature(secret, ts, req.method, url.pathname + url.search, body);
  if (!timingSafeEqual(expected, sig.toLowerCase())) throw new ApiError(401, "bad_signature", "the signature does not match");
}
