/** A stand-in for Turnstile's siteverify (POST JSON {secret, response, remoteip} →
 * {success, "error-codes"}) that answers as Cloudflare documents its test secrets:
 * 1x…AA always passes, 2x…AA always fails, 3x…AA says the token was already spent;
 * any other secret is refused as invalid. Outbound fetches are captured (engine_stub). */
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import worker from "../src/index";
import { type EngineCall, stubEngine } from "./engine_stub";
import { ORIGIN } from "./helpers";

export const PASS_SECRET = "1x0000000000000000000000000000000AA";
export const FAIL_SECRET = "2x0000000000000000000000000000000AA";
export const SPENT_SECRET = "3x0000000000000000000000000000000AA";
export const PASS_SITE_KEY = "1x00000000000000000000AA";
export const DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";
export const VERIFY_URL = "https://turnstile.test/turnstile/v0/siteverify";

function answer(secret: unknown): Response {
  if (secret === PASS_SECRET) return Response.json({ success: true, "error-codes": [] });
  if (secret === FAIL_SECRET) return Response.json({ success: false, "error-codes": ["invalid-input-response"] });
  if (secret === SPENT_SECRET) return Response.json({ success: false, "error-codes": ["timeout-or-duplicate"] });
  return Response.json({ success: false, "error-codes": ["invalid-input-secret"] });
}

/** Every outbound fetch answered as siteverify; the calls are returned for inspection. */
export function stubSiteverify(): EngineCall[] {
  return stubEngine((c) => (c.origin + c.path.split("?")[0] === VERIFY_URL ? answer((JSON.parse(c.body) as { secret?: unknown }).secret) : new Response("unexpected", { status: 599 })));
}

/** Turnstile configured with `secret`, verifying against the stand-in. */
export const turnstileEnv = (secret = PASS_SECRET) => ({ TURNSTILE_SECRET_KEY: secret, TURNSTILE_VERIFY_URL: VERIFY_URL, TURNSTILE_SITE_KEY: PASS_SITE_KEY });

/** The worker's fetch with some vars or secrets changed. */
export async function fetchWith(overrides: Partial<typeof env>, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`, init), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
