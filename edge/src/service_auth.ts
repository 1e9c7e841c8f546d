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

/** The callback's timestamp and signature headers, present, well formed and fresh; checked
 * before its body is read, so an unsigned or replayed request costs no body reading. Throws
 * 401 (stale or missing) or 503 (no secret). */
export function signatureHeaders(secret: string | undefined, req: Request, now = Date.now()): { ts: string; sig: string } {
  if (!secret) throw new ApiError(503, "not_configured", "ENGINE_SECRET is not set on the edge, so engine callbacks cannot be verified");
  const ts = req.headers.get(TIMESTAMP_HEADER);
  const sig = req.headers.get(SIGNATURE_HEADER);
  if (!ts || !sig) throw new ApiError(401, "unsigned", `${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} are required`);
  if (!/^\d{1,12}$/.test(ts) || Math.abs(now / 1000 - Number(ts)) > MAX_SKEW_S)
    throw new ApiError(401, "stale", `the timestamp is outside the allowed ${MAX_SKEW_S} s window`);
  if (!/^[0-9a-fA-F]{64}$/.test(sig)) throw new ApiError(401, "bad_signature", "the signature is not a hex HMAC-SHA256");
  return { ts, sig };
}

/** Checks the body read after signatureHeaders against its signature; throws 401 when forged. */
export async function verifySigned(secret: string, req: Request, headers: { ts: string; sig: string }, body: ArrayBuffer): Promise<void> {
  const url = new URL(req.url);
  const expected = await signature(secret, headers.ts, req.method, url.pathname + url.search, body);
  if (!timingSafeEqual(expected, headers.sig.toLowerCase())) throw new ApiError(401, "bad_signature", "the signature does not match");
}
