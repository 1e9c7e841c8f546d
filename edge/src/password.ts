/** Password hashing: PBKDF2-SHA256 on WebCrypto with a random 16-byte salt per user.
 * 100,000 iterations is the most Workers' WebCrypto allows. The iteration count is
 * stored with each hash so it can change without breaking old accounts. */
import { fromBase64, timingSafeEqual, toBase64 } from "./crypto";

export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export interface PasswordHash {
  hash: string; // base64
  salt: string; // base64
  iterations: number;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, HASH_BITS);
  return toBase64(new Uint8Array(bits));
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return { hash: await derive(password, salt, PBKDF2_ITERATIONS), salt: toBase64(salt), iterations: PBKDF2_ITERATIONS };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  let salt: Uint8Array;
  try {
    salt = fromBase64(stored.salt);
  } catch {
    return verifyNobody(password); // a row without a usable salt matches no password
  }
  return timingSafeEqual(await derive(password, salt, stored.iterations), stored.hash);
}

/** The same work as verifying a real password, for a sign-in to an unknown account, so
 * the response time does not tell whether the address is registered. Always false. */
export async function verifyNobody(password: string): Promise<false> {
  await derive(password, new Uint8Array(SALT_BYTES), PBKDF2_ITERATIONS);
  return false;
}
