/** Accounts: register, sign in, sign out, who am I, and the public sign-up settings. */
import { z } from "zod";
import { clientAddress } from "../client_address";
import type { AppRouter, Ctx } from "../context";
import { ApiError, json, readJson } from "../http";
import { balance, grant } from "../ledger";
import { endLiveSessions } from "../live_ticket";
import { countLoginAttempt, giveBackLoginAttempt, recordLoginFailure, recordLoginSuccess, type LoginSubject } from "../login_limit";
import { hashPassword, verifyNobody, verifyPassword } from "../password";
import { PASSWORD_MAX, PASSWORD_MIN } from "../rules";
import { effectiveRole, issueToken, requireSessionKey, requireUser, type SessionUser } from "../session";
import { countSignup, signupGrant } from "../signup";
import { TURNSTILE_TOKEN_MAX, turnstileConfigured, verifyTurnstile } from "../turnstile";
import { parseWith } from "../validate";

// The widget's cf-turnstile-response value.
const turnstileToken = z.string("must be a string").max(TURNSTILE_TOKEN_MAX, `at most ${TURNSTILE_TOKEN_MAX} characters`).optional();

const email = z.string({ error: "give an email address" }).trim().toLowerCase().max(254, "at most 254 characters");

const registerBody = z.object({
  email: email.pipe(z.email("this is not a valid email address")),
  password: z
    .string({ error: "give a password" })
    .min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`),
  turnstile_token: turnstileToken,
});
// Sign-in does not judge the address's format: anything unknown is just a failed sign-in.
const loginBody = z.object({
  email: email.min(1, "give an email address"),
  password: z.string({ error: "give a password" }).min(1, "give a password").max(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`),
  turnstile_token: turnstileToken,
});

// One answer for a wrong password and an unknown address, so neither reveals an account.
const badLogin = () => new ApiError(401, "bad_credentials", "the email or password is wrong");

interface UserRow extends SessionUser {
  password_hash: string;
  password_salt: string;
  password_iter: number;
  token_version: number;
}

/** What a response may say about a user: never the password hash or salt. */
const publicUser = (u: SessionUser): SessionUser => ({ id: u.id, email: u.email, role: u.role, created_at: u.created_at });

/** Limit, Turnstile, then the work: a refused sign-up costs no password hash, and a
 * failed check makes no account (403 turnstile_failed), so the user can simply retry. */
async function register({ req, env }: Ctx): Promise<Response> {
  requireSessionKey(env);
  const body = parseWith(registerBody, await readJson(req));
  await countSignup(env, clientAddress(req));
  const signup = await signupGrant(env, body.turnstile_token, req.headers.get("cf-connecting-ip"));
  const pw = await hashPassword(body.password);
  const user: SessionUser = { id: crypto.randomUUID(), email: body.email, role: "user", created_at: Date.now() };
  const stmts = [
    env.DB.prepare(
      `INSERT INTO users (id, email, password_hash, password_salt, password_iter, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).bind(user.id, user.email, pw.hash, pw.salt, pw.iterations, user.role, user.created_at),
  ];
  if (signup.given) stmts.push(grant(env.DB, user.id, signup.amount, `signup:${user.id}`, "sign-up grant", user.created_at));
  try {
    await env.DB.batch(stmts); // one batch: a user never exists without the grant it was promised
  } catch (e) {
    if (/UNIQUE constraint failed: users\.email/.test(String(e)))
      throw new ApiError(409, "email_taken", "an account with this email already exists; sign in instead", "email");
    throw e;
  }
  const token = await issueToken(env, { id: user.id, token_version: 0 });
  return json({ token, user: publicUser(user), grant: signup }, 201);
}

async function login({ req, env }: Ctx): Promise<Response> {
  requireSessionKey(env);
  const body = parseWith(loginBody, await readJson(req));
  const who: LoginSubject = { email: body.email, address: clientAddress(req) };
  const { challenge } = await countLoginAttempt(env.DB, who);
  if (challenge)
    await requireHuman(env, body.turnstile_token, req).catch(async (e: unknown) => {
      await giveBackLoginAttempt(env.DB, who);
      throw e;
    });
  const row = await env.DB.prepare(
    `SELECT id, email, role, created_at, password_hash, password_salt, password_iter, token_version FROM users WHERE email = ?`,
  )
    .bind(body.email)
    .first<UserRow>();
  const ok = row
    ? await verifyPassword(body.password, { hash: row.password_hash, salt: row.password_salt, iterations: row.password_iter })
    : await verifyNobody(body.password);
  if (!row || !ok) {
    await recordLoginFailure(env.DB, who);
    throw badLogin();
  }
  await recordLoginSuccess(env.DB, who);
  const token = await issueToken(env, row);
  return json({ token, user: publicUser({ ...row, role: effectiveRole(env, row) }) });
}

/** An account under a guessing run signs in only past Turnstile (when it is configured):
 * 403 turnstile_required until the form sends a token, then verifyTurnstile's answer. */
async function requireHuman(env: Ctx["env"], token: string | undefined, req: Request): Promise<void> {
  if (!turnstileConfigured(env)) return;
  if (!token)
    throw new ApiError(403, "turnstile_required", "this account has had many failed sign-ins; complete the human check and sign in again", "turnstile_token");
  await verifyTurnstile(env, token, req.headers.get("cf-connecting-ip"));
}

async function logout({ req, env }: Ctx): Promise<Response> {
  const user = await requireUser(env, req);
  await env.DB.prepare("UPDATE users SET token_version = token_version + 1 WHERE id = ?").bind(user.id).run();
  await endLiveSessions(env, user.id);
  return new Response(null, { status: 204 });
}

async function me({ req, env }: Ctx): Promise<Response> {
  const user = await requireUser(env, req);
  return json({ user: publicUser(user), credits: await balance(env.DB, user.id) });
}

/** What the sign-up form needs: the Turnstile site key (public), or null when the
 * widget is not configured. */
async function authConfig({ env }: Ctx): Promise<Response> {
  return json({ turnstile_site_key: env.TURNSTILE_SITE_KEY || null }, 200, { "cache-control": "public, max-age=60" });
}

export function registerAuth(r: AppRouter): void {
  r.on("GET", "/api/auth/config", authConfig);
  r.on("POST", "/api/auth/register", register);
  r.on("POST", "/api/auth/login", login);
  r.on("POST", "/api/auth/logout", logout);
  r.on("GET", "/api/me", me);
}
