/** What a sign-up must pass before an account is made, and whether it earns the free
 * credits: a per-address limit (counted atomically before any work), then Turnstile.
 * Without a Turnstile secret accounts are still made, but with no grant, and the answer
 * says so: free credits handed to scripts are free money. */
import { pricing } from "./config";
import type { Env } from "./env";
import { bump, type Counter, tooMany } from "./rate_counter";
import { turnstileConfigured, verifyTurnstile } from "./turnstile";

export const REGISTER_WINDOW_MS = 60 * 60 * 1000;
export const REGISTER_LIMIT_DEFAULT = 5;

export type SignupGrant =
  | { given: true; amount: number }
  | { given: false; amount: 0; reason: "turnstile_not_configured" | "no_signup_grant" };

function registerLimit(env: Env): number {
  const n = Number(env.REGISTER_LIMIT);
  return Number.isInteger(n) && n >= 1 ? n : REGISTER_LIMIT_DEFAULT;
}

/** Counts this sign-up for the client's address; 429 when the address is over its limit. */
export async function countSignup(env: Env, address: string, now = Date.now()): Promise<void> {
  const row = await bump(env.DB, `register:${address}`, REGISTER_WINDOW_MS, now).first<Counter>();
  if (row!.count > registerLimit(env)) throw tooMany("too many new accounts from your network", row!.window_start + REGISTER_WINDOW_MS - now, now);
}

/** Checks Turnstile when it is configured (throwing 403/503 as verifyTurnstile does) and
 * decides the grant. */
export async function signupGrant(env: Env, token: string | undefined, remoteIp: string | null): Promise<SignupGrant> {
  if (!turnstileConfigured(env)) return { given: false, amount: 0, reason: "turnstile_not_configured" };
  await verifyTurnstile(env, token, remoteIp);
  const amount = pricing(env).signup_grant;
  return amount > 0 ? { given: true, amount } : { given: false, amount: 0, reason: "no_signup_grant" };
}
