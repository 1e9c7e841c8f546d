/** Sign-in throttling on the D1 table login_failures: failed attempts are counted per
 * account and per client IP in a sliding window, and an attempt over either limit is
 * refused with 429 before its password is checked (so a refused guess costs the
 * attacker a request but teaches nothing). */
import { ApiError } from "./http";

// An account takes a few typos but not a guessing run; an IP gets more room because
// several people can share one address (offices, carrier NAT).
export const ACCOUNT_FAILURE_LIMIT = 5;
export const IP_FAILURE_LIMIT = 20;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
// Failures older than the window are deleted now and then, by one failing sign-in in
// this many, rather than on every one (a full-table delete each time would be waste).
const PRUNE_ONE_IN = 20;

export interface LoginSubject {
  email: string; // lower-cased
  ip: string | null; // CF-Connecting-IP; absent only off Cloudflare (tests, some local runs)
}

function buckets(s: LoginSubject): { bucket: string; limit: number; who: string }[] {
  const out = [{ bucket: `email:${s.email}`, limit: ACCOUNT_FAILURE_LIMIT, who: "for this account" }];
  if (s.ip) out.push({ bucket: `ip:${s.ip}`, limit: IP_FAILURE_LIMIT, who: "from your network" });
  return out;
}

/** Throws 429 with Retry-After when the account or the IP has used up its failures. */
export async function checkLoginAllowed(db: D1Database, s: LoginSubject, now = Date.now()): Promise<void> {
  const bs = buckets(s);
  // The newest `limit` failures in the window; when there are that many, the attempt
  // is blocked until the oldest of them leaves the window.
  const results = await db.batch<{ at: number }>(
    bs.map((b) =>
      db.prepare("SELECT at FROM login_failures WHERE bucket = ? AND at > ? ORDER BY at DESC LIMIT ?").bind(b.bucket, now - FAILURE_WINDOW_MS, b.limit),
    ),
  );
  let wait = 0;
  let who = "";
  bs.forEach((b, i) => {
    const rows = results[i]!.results;
    if (rows.length < b.limit) return;
    const until = rows[rows.length - 1]!.at + FAILURE_WINDOW_MS - now;
    if (until > wait) [wait, who] = [until, b.who];
  });
  if (wait <= 0) return;
  const seconds = Math.max(1, Math.ceil(wait / 1000));
  const when = seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  throw new ApiError(
    429,
    "too_many_attempts",
    `too many failed sign-ins ${who}; try again in ${when} (at ${new Date(now + seconds * 1000).toISOString()})`,
    undefined,
    { "retry-after": String(seconds) },
  );
}

export async function recordLoginFailure(db: D1Database, s: LoginSubject, now = Date.now()): Promise<void> {
  const stmts = buckets(s).map((b) => db.prepare("INSERT INTO login_failures (bucket, at) VALUES (?, ?)").bind(b.bucket, now));
  if (Math.floor(Math.random() * PRUNE_ONE_IN) === 0) stmts.push(pruneStatement(db, now));
  await db.batch(stmts);
}

/** After a successful sign-in the account starts afresh; the IP's count stays. */
export async function clearAccountFailures(db: D1Database, email: string): Promise<void> {
  await db.prepare("DELETE FROM login_failures WHERE bucket = ?").bind(`email:${email}`).run();
}

export function pruneStatement(db: D1Database, now = Date.now()): D1PreparedStatement {
  return db.prepare("DELETE FROM login_failures WHERE at <= ?").bind(now - FAILURE_WINDOW_MS);
}
