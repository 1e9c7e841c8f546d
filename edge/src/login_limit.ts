/** Sign-in throttling on rate_counters. Each attempt is counted before its password is
 * hashed, in one D1 batch whose counters are raised and read back atomically, so 500
 * parallel guesses from one address are 5 guesses and 495 answers of 429:
 * - per account and client address (IPv6 by /64): PAIR_LIMIT attempts per window; a
 *   successful sign-in starts that pair afresh;
 * - per address: ADDRESS_LIMIT attempts per window, across accounts (a successful one is
 *   given back, so an office behind one address can keep signing in);
 * - per account, from everywhere: after ACCOUNT_SLOW_AFTER failures an address that has
 *   itself failed on this account waits 1 s, 2 s, 4 s … (at most 15 min) after the latest
 *   failure before it may try again. An address that has not failed on the account is
 *   never slowed by this, so a guessing run cannot lock the owner out;
 * - per account, from everywhere: after ACCOUNT_CHALLENGE_AFTER failures every sign-in to
 *   it must pass Turnstile, so guesses spread over many addresses have a ceiling too, and
 *   the owner, a human, still gets in. */
import { bump, type Counter, giveBack, peek, pruneCounters, reset, tooMany } from "./rate_counter";

export const PAIR_LIMIT = 5;
// Several people can share one address (offices, carrier NAT), hence more room.
export const ADDRESS_LIMIT = 20;
export const WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_SLOW_AFTER = 10;
export const ACCOUNT_WINDOW_MS = 60 * 60 * 1000;
export const ACCOUNT_DELAY_MAX_MS = 15 * 60 * 1000;
export const ACCOUNT_CHALLENGE_AFTER = 50;
// Old counters are deleted by one failing sign-in in this many, not by every one.
const PRUNE_ONE_IN = 20;
const PRUNE_AFTER_MS = 24 * 3600 * 1000;

export interface LoginSubject {
  email: string; // lower-cased
  address: string; // clientAddress()
}

export const pairBucket = (s: LoginSubject) => `login:${s.email}|${s.address}`;
export const addressBucket = (s: LoginSubject) => `login:${s.address}`;
export const accountBucket = (s: LoginSubject) => `account:${s.email}`;

/** How long after the latest failure an already failing address waits, given the account's failures. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_SLOW_AFTER) return 0;
  return Math.min(1000 * 2 ** (failures - ACCOUNT_SLOW_AFTER), ACCOUNT_DELAY_MAX_MS);
}

/** Counts this attempt; throws 429 with Retry-After when it is over a limit. Returns
 * whether the account has failed so often that this sign-in must pass Turnstile. */
export async function countLoginAttempt(db: D1Database, s: LoginSubject, now = Date.now()): Promise<{ challenge: boolean }> {
  const [pair, address, account] = await db.batch<Counter>([
    bump(db, pairBucket(s), WINDOW_MS, now),
    bump(db, addressBucket(s), WINDOW_MS, now),
    peek(db, accountBucket(s), ACCOUNT_WINDOW_MS, now),
  ]);
  const p = pair!.results[0]!;
  const a = address!.results[0]!;
  if (p.count > PAIR_LIMIT) throw tooMany("too many sign-ins to this account from your network", p.window_start + WINDOW_MS - now, now);
  if (a.count > ADDRESS_LIMIT) throw tooMany("too many sign-ins from your network", a.window_start + WINDOW_MS - now, now);
  // Earlier attempts on this pair in the window all failed (or are still running): a success resets it.
  const failingHere = p.count > 1;
  const acc = account!.results[0];
  const wait = failingHere && acc ? accountDelayMs(acc.count) - (now - acc.last_at) : 0;
  if (wait > 0) throw tooMany("this account has had many failed sign-ins, and some came from your network", wait, now);
  return { challenge: (acc?.count ?? 0) >= ACCOUNT_CHALLENGE_AFTER };
}

export async function recordLoginFailure(db: D1Database, s: LoginSubject, now = Date.now()): Promise<void> {
  const stmts = [bump(db, accountBucket(s), ACCOUNT_WINDOW_MS, now)];
  if (Math.floor(Math.random() * PRUNE_ONE_IN) === 0) stmts.push(pruneCounters(db, PRUNE_AFTER_MS, now));
  await db.batch(stmts);
}

/** The right password: this pair starts afresh and the address gets its attempt back.
 * The account's failures stay, so the owner signing in gives a guessing run no fresh start. */
export async function recordLoginSuccess(db: D1Database, s: LoginSubject): Promise<void> {
  await db.batch([reset(db, pairBucket(s)), giveBack(db, addressBucket(s))]);
}

/** An attempt refused before its password was checked (the human check was missing or
 * failed): it is given back, so it does not count as this address failing on the account. */
export async function giveBackLoginAttempt(db: D1Database, s: LoginSubject): Promise<void> {
  await db.batch([giveBack(db, pairBucket(s)), giveBack(db, addressBucket(s))]);
}
