/** Prices and limits from Worker vars, with defaults when a var is missing or bad. */
import type { Env } from "./env";
import type { Price } from "./rules";
import type { Format } from "./vocab.gen";

function intVar(v: string | undefined, fallback: number, min = 0): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= min ? n : fallback;
}

export interface Pricing extends Price {
  signup_grant: number;
  /** An edit of a finished video: a scene regenerated, or the video recomposed (plus, for
   * new narration, what the added time costs). */
  regenerate: number;
  recompose: number;
  /** Edits one project may have. */
  edit_limit: number;
}

export function pricing(env: Env): Pricing {
  return {
    signup_grant: intVar(env.SIGNUP_GRANT, 30),
    base: intVar(env.PRICE_BASE, 5),
    per_minute: intVar(env.PRICE_PER_MINUTE, 10),
    regenerate: intVar(env.PRICE_REGENERATE, 2),
    recompose: intVar(env.PRICE_RECOMPOSE, 1),
    edit_limit: intVar(env.EDIT_LIMIT, 20),
  };
}


export type VideoFormat = Format;

/** Durations in seconds a format accepts, as the engine enforces them
 * (engine/src/model/request.h, sc_format_default_duration); one entry per format of
 * vocab.gen.ts, which the type requires. */
export const FORMATS: Record<VideoFormat, { min_duration: number; max_duration: number; default_duration: number }> = {
  short: { min_duration: 15, max_duration: 600, default_duration: 45 },
  long: { min_duration: 15, max_duration: 600, default_duration: 180 },
  square: { min_duration: 15, max_duration: 600, default_duration: 45 },
};

export const heartbeatTimeoutMs = (env: Env) => intVar(env.HEARTBEAT_TIMEOUT_S, 600, 1) * 1000;
export const maxDispatches = (env: Env) => intVar(env.MAX_DISPATCHES, 3, 1);
export const dispatchTimeoutMs = (env: Env) => intVar(env.DISPATCH_TIMEOUT_S, 60, 1) * 1000;

/** The dispatch backoff: the first retry after DISPATCH_RETRY_S, doubling up to
 * DISPATCH_RETRY_MAX_S. With the queue's max_retries this bounds how long a project waits
 * for an engine before the dead-letter queue fails it. */
export function dispatchRetry(env: Env): { base: number; max: number } {
  const base = intVar(env.DISPATCH_RETRY_S, 5, 1);
  return { base, max: Math.max(base, intVar(env.DISPATCH_RETRY_MAX_S, 300, 1)) };
}

/** A misconfigured Worker var: the message names the var and what it must be. */
export class ConfigError extends Error {}

/** ENGINE_ORIGINS as a list. Each must be https, except a loopback address (127.0.0.0/8,
 * ::1, localhost): the engine secret's signatures and the users' scripts cross this link. */
export function engineOrigins(env: Env): string[] {
  const origins = (env.ENGINE_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  for (const o of origins) checkEngineOrigin(o);
  return origins;
}

function checkEngineOrigin(origin: string): void {
  let url: URL | null = null;
  try {
    url = new URL(origin);
  } catch {
    // reported below
  }
  const loopback = url !== null && /^(127(\.\d{1,3}){3}|\[::1\]|localhost)$/i.test(url.hostname);
  if (url?.protocol === "https:" || (url?.protocol === "http:" && loopback)) return;
  throw new ConfigError(`ENGINE_ORIGINS: ${origin} must be an https:// URL (http:// only for a loopback address: 127.0.0.0/8, [::1], localhost)`);
}
