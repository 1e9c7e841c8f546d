/** Fixed-window counters in D1 (table rate_counters). A counter is raised and read back
 * in one statement (INSERT ... ON CONFLICT DO UPDATE ... RETURNING), so requests racing
 * each other each see their own count: of 500 parallel attempts with a limit of 5, five
 * see 1..5 and the rest see more. */
import { ApiError } from "./http";

export interface Counter {
  count: number; // this attempt included
  window_start: number;
  last_at: number; // the latest counted attempt
}

/** Raises `bucket` by one; a window older than `windowMs` starts again at 1. */
export function bump(db: D1Database, bucket: string, windowMs: number, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO rate_counters (bucket, window_start, count, last_at) VALUES (?1, ?2, 1, ?2)
       ON CONFLICT(bucket) DO UPDATE SET
         count = CASE WHEN window_start <= ?2 - ?3 THEN 1 ELSE count + 1 END,
         window_start = CASE WHEN window_start <= ?2 - ?3 THEN ?2 ELSE window_start END,
         last_at = ?2
       RETURNING count, window_start, last_at`,
    )
    .bind(bucket, now, windowMs);
}

/** The counter as it stands, with a window older than `windowMs` read as empty. */
export function peek(db: D1Database, bucket: string, windowMs: number, now: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT CASE WHEN window_start <= ?2 - ?3 THEN 0 ELSE count END AS count, window_start, last_at
       FROM rate_counters WHERE bucket = ?1`,
    )
    .bind(bucket, now, windowMs);
}

/** Gives back one attempt (one that turned out to be legitimate). */
export function giveBack(db: D1Database, bucket: string): D1PreparedStatement {
  return db.prepare("UPDATE rate_counters SET count = MAX(count - 1, 0) WHERE bucket = ?").bind(bucket);
}

export function reset(db: D1Database, bucket: string): D1PreparedStatement {
  return db.prepare("DELETE FROM rate_counters WHERE bucket = ?").bind(bucket);
}

/** Deletes counters whose window ended long ago; run now and then, not on every request. */
export function pruneCounters(db: D1Database, olderThanMs: number, now: number): D1PreparedStatement {
  return db.prepare("DELETE FROM rate_counters WHERE window_start <= ?").bind(now - olderThanMs);
}

/** 429 with Retry-After (whole seconds, at least 1) and the time in words. */
export function tooMany(what: string, waitMs: number, now: number): ApiError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const when = seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new ApiError(
    429,
    "too_many_attempts",
    `${what}; try again in ${when} (at ${new Date(now + seconds * 1000).toISOString()})`,
    undefined,
    { "retry-after": String(seconds) },
  );
}
