/** Bindings and variables from wrangler.jsonc; secrets from `wrangler secret` / .dev.vars. */
export interface Env {
  DB: D1Database;
  MEDIA: R2Bucket;
  JOBS: Queue<JobMessage>;
  LIVE: DurableObjectNamespace<import("./live").ProjectLive>;
  ASSETS: Fetcher;

  JWT_SECRET?: string;
  ENGINE_SECRET?: string;
  TURNSTILE_SECRET_KEY?: string;

  ENGINE_ORIGINS: string;
  PUBLIC_ORIGIN: string;
  CORS_ORIGIN: string;
  SIGNUP_GRANT: string;
  PRICE_BASE: string;
  PRICE_PER_MINUTE: string;
  PRICE_REGENERATE?: string;
  PRICE_RECOMPOSE?: string;
  EDIT_LIMIT?: string;
  HEARTBEAT_TIMEOUT_S: string;
  MAX_DISPATCHES: string;
  DISPATCH_TIMEOUT_S?: string;
  DISPATCH_RETRY_S?: string;
  DISPATCH_RETRY_MAX_S?: string;
  ADMIN_USER_IDS?: string;
  TURNSTILE_SITE_KEY?: string;
  TURNSTILE_VERIFY_URL?: string;
  REGISTER_LIMIT?: string;
}

/** What the queue carries: "dispatch this project to an engine". */
export interface JobMessage {
  project: string;
}
