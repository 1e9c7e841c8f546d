/** Cloudflare Turnstile's server-side check: the token the widget put in the form
 * (`cf-turnstile-response`) is sent with the secret to siteverify, which answers
 * `{success, "error-codes"}`. A token is good for one check within 300 s. */
import type { Env } from "./env";
import { ApiError } from "./http";

export const TURNSTILE_VERIFY_DEFAULT = "https://challenges.cloudflare.com/turnstile/v0/siteverify";
export const TURNSTILE_TOKEN_MAX = 2048; // siteverify's documented maximum
const VERIFY_TIMEOUT_MS = 10_000;

export const turnstileConfigured = (env: Env): boolean => !!env.TURNSTILE_SECRET_KEY;

const failed = (why: string) => new ApiError(403, "turnstile_failed", why, "turnstile_token");

/** Resolves when siteverify accepts `token`; 403 turnstile_failed when it does not (or no
 * token was sent), 503 turnstile_unavailable when siteverify gives no usable answer. */
export async function verifyTurnstile(env: Env, token: string | undefined, remoteIp: string | null): Promise<void> {
  if (!token) throw failed("complete the human check (turnstile_token) and try again");
  let answer: { success?: unknown; "error-codes"?: unknown };
  try {
    const res = await fetch(env.TURNSTILE_VERIFY_URL || TURNSTILE_VERIFY_DEFAULT, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ secret: env.TURNSTILE_SECRET_KEY, response: token, ...(remoteIp ? { remoteip: remoteIp } : {}) }),
      signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`siteverify answered ${res.status}`);
    answer = await res.json();
  } catch (e) {
    console.warn(`turnstile: ${String(e)}`);
    throw new ApiError(503, "turnstile_unavailable", "the human check cannot be verified right now; try again in a minute");
  }
  if (answer.success === true) return;
  const codes = Array.isArray(answer["error-codes"]) ? answer["error-codes"].map(String).join(", ") : "";
  throw failed(`the human check did not pass${codes ? ` (${codes})` : ""}; do it again and resubmit`);
}
