import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT_CHALLENGE_AFTER, ACCOUNT_SLOW_AFTER, ADDRESS_LIMIT, PAIR_LIMIT, WINDOW_MS } from "../src/login_limit";
import { PBKDF2_ITERATIONS } from "../src/password";
import { pruneCounters } from "../src/rate_counter";
import { call, makeUser, newIp } from "./helpers";
import { DUMMY_TOKEN, fetchWith, stubSiteverify, turnstileEnv } from "./siteverify";

afterEach(() => {
  vi.restoreAllMocks();
});

interface AuthBody {
  token: string;
  user: { id: string; email: string; role: string; created_at: number };
}
interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const newEmail = () => `${crypto.randomUUID()}@example.test`;
const PASSWORD = "correct horse battery";

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

// Each sign-up and sign-in comes from its own address unless a test says otherwise, so
// the per-address counts are the test's own.
const register = (email: string, password = PASSWORD) => post("/api/auth/register", { email, password }, { "cf-connecting-ip": newIp() });
const login = (email: string, password: string, ip: string) => post("/api/auth/login", { email, password }, { "cf-connecting-ip": ip });

async function registered(email = newEmail()): Promise<AuthBody> {
  const res = await register(email);
  expect(res.status).toBe(201);
  return res.json<AuthBody>();
}

const counter = async (bucket: string) =>
  (await env.DB.prepare("SELECT count FROM rate_counters WHERE bucket = ?").bind(bucket).first<number>("count")) ?? 0;

describe("register, login, me", () => {
  it("registers, signs in and shows the user with the sign-up grant", async () => {
    stubSiteverify();
    const email = newEmail();
    const reg = await fetchWith(turnstileEnv(), "/api/auth/register", {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": newIp() },
      body: JSON.stringify({ email: `  ${email.toUpperCase()} `, password: PASSWORD, turnstile_token: DUMMY_TOKEN }),
    });
    expect(reg.status).toBe(201);
    const body = await reg.json<AuthBody>();
    expect(body.user).toEqual({ id: expect.any(String), email, role: "user", created_at: expect.any(Number) });
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const row = await env.DB.prepare("SELECT * FROM users WHERE id = ?").bind(body.user.id).first<Record<string, unknown>>();
    expect(row!.email).toBe(email);
    expect(row!.password_iter).toBe(PBKDF2_ITERATIONS);
    expect(atob(row!.password_salt as string)).toHaveLength(16);
    expect(atob(row!.password_hash as string)).toHaveLength(32);
    const ledger = await env.DB.prepare("SELECT kind, amount, op_key FROM credit_ledger WHERE user_id = ?").bind(body.user.id).all();
    expect(ledger.results).toEqual([{ kind: "grant", amount: 30, op_key: `signup:${body.user.id}` }]);

    const res = await login(email, PASSWORD, newIp());
    expect(res.status).toBe(200);
    const signedIn = await res.json<AuthBody>();
    expect(signedIn.user).toEqual(body.user);

    for (const token of [body.token, signedIn.token]) {
      const me = await call("/api/me", { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({ user: body.user, credits: { available: 30, held: 0, spent: 0, granted: 30 } });
    }
  });

  it("gives each user their own salt, so equal passwords hash differently", async () => {
    const a = await registered();
    const b = await registered();
    const rows = await env.DB.prepare("SELECT password_hash, password_salt FROM users WHERE id IN (?, ?)").bind(a.user.id, b.user.id).all<{ password_hash: string; password_salt: string }>();
    expect(rows.results[0]!.password_salt).not.toBe(rows.results[1]!.password_salt);
    expect(rows.results[0]!.password_hash).not.toBe(rows.results[1]!.password_hash);
  });

  it("refuses a second account for the same email, in any case", async () => {
    const email = newEmail();
    await registered(email);
    const res = await register(email.toUpperCase(), "another password");
    expect(res.status).toBe(409);
    expect((await res.json<ErrorBody>()).error).toMatchObject({ code: "email_taken", field: "email" });
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM users WHERE email = ?").bind(email).first<{ n: number }>();
    expect(n!.n).toBe(1);
  });

  it.each([
    [{ email: "not-an-email", password: PASSWORD }, "email"],
    [{ email: `${"a".repeat(250)}@example.test`, password: PASSWORD }, "email"],
    [{ password: PASSWORD }, "email"],
    [{ email: newEmail(), password: "short" }, "password"],
    [{ email: newEmail(), password: "x".repeat(129) }, "password"],
    [{ email: newEmail(), password: 12345678 }, "password"],
  ])("answers 422 naming the field for %j", async (body, field) => {
    const res = await post("/api/auth/register", body);
    expect(res.status).toBe(422);
    expect((await res.json<ErrorBody>()).error).toMatchObject({ code: "invalid", field });
  });

  it("refuses bodies that are not a JSON object", async () => {
    const form = await call("/api/auth/register", { method: "POST", headers: { "content-type": "text/plain" }, body: "email=a@b.c" });
    expect(form.status).toBe(415);
    const broken = await call("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: "{email:" });
    expect(broken.status).toBe(400);
    expect((await broken.json<ErrorBody>()).error.code).toBe("bad_json");
    const list = await post("/api/auth/register", [newEmail(), PASSWORD]);
    expect(list.status).toBe(400);
  });
});

describe("failed sign-ins", () => {
  it("answers a wrong password and an unknown email identically", async () => {
    const { user } = await registered();
    const ip = newIp();
    const wrong = await login(user.email, "wrong password", ip);
    const unknown = await login(newEmail(), PASSWORD, ip);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.text();
    expect(a).toBe(await unknown.text());
    expect(JSON.parse(a).error.code).toBe("bad_credentials");
  });

  it("spends the PBKDF2 work on an unknown email too", async () => {
    const derive = vi.spyOn(crypto.subtle, "deriveBits");
    try {
      expect((await login(newEmail(), PASSWORD, newIp())).status).toBe(401);
      expect(derive).toHaveBeenCalledTimes(1);
      expect(derive.mock.calls[0]![0]).toMatchObject({ name: "PBKDF2", hash: "SHA-256", iterations: PBKDF2_ITERATIONS });
    } finally {
      derive.mockRestore();
    }
  });

  // 200 rather than 500 keeps the test quick on a busy machine; the race is the same.
  it("counts each attempt before hashing: 200 parallel wrong guesses from one address are 5 guesses", { timeout: 60_000 }, async () => {
    const { user } = await registered();
    const ip = newIp();
    const derive = vi.spyOn(crypto.subtle, "deriveBits");
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => login(user.email, `guess ${i}`, ip)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(PAIR_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - PAIR_LIMIT);
    expect(derive).toHaveBeenCalledTimes(PAIR_LIMIT);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(WINDOW_MS / 1000 - 60);
    await Promise.all(answers.map((r) => r.arrayBuffer()));
    // The same address keeps its lock even with the right password; any other address signs in.
    expect((await login(user.email, PASSWORD, ip)).status).toBe(429);
    expect((await login(user.email, PASSWORD, newIp())).status).toBe(200);
  });

  it("refuses the sixth try on one account from one address, right password or not, until the window ends", async () => {
    const { user } = await registered();
    const ip = newIp();
    for (let i = 0; i < PAIR_LIMIT; i++) expect((await login(user.email, `wrong ${i}`, ip)).status).toBe(401);
    const locked = await login(user.email, PASSWORD, ip);
    expect(locked.status).toBe(429);
    const retry = Number(locked.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(WINDOW_MS / 1000 - 60);
    expect(retry).toBeLessThanOrEqual(WINDOW_MS / 1000);
    const err = (await locked.json<ErrorBody>()).error;
    expect(err.code).toBe("too_many_attempts");
    expect(err.message).toMatch(/try again in 15 minutes/);
    // When the window has passed the address may try again.
    await env.DB.prepare("UPDATE rate_counters SET window_start = window_start - ? WHERE bucket LIKE ?").bind(WINDOW_MS, `%${ip}`).run();
    expect((await login(user.email, PASSWORD, ip)).status).toBe(200);
  });

  it("slows failing addresses more and more when an account is guessed at from everywhere, but never refuses the owner's address", async () => {
    const { user } = await registered();
    // A guessing run from many addresses, one try each: none of them is refused outright.
    const guessers = Array.from({ length: ACCOUNT_SLOW_AFTER + 2 }, newIp);
    for (const ip of guessers) expect((await login(user.email, "guess", ip)).status).toBe(401);
    const first = await login(user.email, "guess again", guessers[0]!);
    expect(first.status).toBe(429);
    const firstWait = Number(first.headers.get("retry-after"));
    expect(firstWait).toBeGreaterThanOrEqual(1);
    expect((await first.json<ErrorBody>()).error.message).toMatch(/many failed sign-ins/);

    for (const ip of Array.from({ length: 4 }, newIp)) expect((await login(user.email, "guess", ip)).status).toBe(401);
    const later = await login(user.email, "guess again", guessers[1]!);
    expect(later.status).toBe(429);
    expect(Number(later.headers.get("retry-after"))).toBeGreaterThanOrEqual(firstWait * 8);

    // The owner, from an address that has not been failing, gets in at once.
    expect((await login(user.email, PASSWORD, newIp())).status).toBe(200);
  });

  it("limits attempts per address across accounts, counting an IPv6 /64 as one address", async () => {
    const net = `2001:db8:${crypto.getRandomValues(new Uint16Array(1))[0]!.toString(16)}:7`;
    for (let i = 1; i <= ADDRESS_LIMIT; i++) expect((await login(newEmail(), "guess", `${net}::${i.toString(16)}`)).status).toBe(401);
    const res = await login(newEmail(), "guess", `${net}:ffff:ffff:ffff:ffff`);
    expect(res.status).toBe(429);
    expect((await res.json<ErrorBody>()).error.message).toMatch(/from your network/);
    const { user } = await registered();
    expect((await login(user.email, PASSWORD, `${net}:0:0:0:1`)).status).toBe(429);
    expect((await login(user.email, PASSWORD, `${net.replace(/:7$/, ":8")}::1`)).status).toBe(200);
  });

  it("gives a successful sign-in back to its address, so one address can keep signing people in", async () => {
    const ip = newIp();
    const users = await Promise.all([registered(), registered()]);
    for (let i = 0; i < ADDRESS_LIMIT + 2; i++) expect((await login(users[i % 2]!.user.email, PASSWORD, ip)).status).toBe(200);
    expect(await counter(`login:${ip}`)).toBe(0);
    expect(await counter(`login:${users[0]!.user.email}|${ip}`)).toBe(0);
  });

  it("prunes counters whose window ended long ago", async () => {
    const now = Date.now();
    const put = (bucket: string, at: number) =>
      env.DB.prepare("INSERT INTO rate_counters (bucket, window_start, count, last_at) VALUES (?, ?, 1, ?)").bind(bucket, at, at);
    const [old, fresh] = [`login:${newIp()}`, `login:${newIp()}`];
    await env.DB.batch([put(old, now - 25 * 3600 * 1000), put(fresh, now - 1000)]);
    await pruneCounters(env.DB, 24 * 3600 * 1000, now).run();
    expect(await counter(old)).toBe(0);
    expect(await counter(fresh)).toBe(1);
  });
});

describe("a guessing run spread over many networks", () => {
  it("makes every sign-in to the account pass Turnstile once it has failed ACCOUNT_CHALLENGE_AFTER times", { timeout: 120_000 }, async () => {
    stubSiteverify();
    const { user } = await registered();
    const signIn = (password: string, ip: string, token?: string) =>
      fetchWith(turnstileEnv(), "/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": ip },
        body: JSON.stringify({ email: user.email, password, ...(token ? { turnstile_token: token } : {}) }),
      });
    const answers: number[] = [];
    for (let i = 0; i < 60; i++) answers.push((await signIn(`guess ${i}`, `2001:db8:${i.toString(16)}::1`)).status);
    expect(answers.slice(0, ACCOUNT_CHALLENGE_AFTER)).toEqual(Array(ACCOUNT_CHALLENGE_AFTER).fill(401));
    expect(new Set(answers.slice(ACCOUNT_CHALLENGE_AFTER))).toEqual(new Set([403]));

    const owner = newIp(); // the owner, from a network that never failed
    const bare = await signIn(PASSWORD, owner);
    expect(bare.status).toBe(403);
    expect((await bare.json<{ error: { code: string; field: string } }>()).error).toMatchObject({ code: "turnstile_required", field: "turnstile_token" });
    expect((await signIn(PASSWORD, owner, DUMMY_TOKEN)).status).toBe(200);
  });
});

describe("sessions", () => {
  it("ends every earlier token at logout", async () => {
    const { user, token } = await registered();
    const second = (await (await login(user.email, PASSWORD, newIp())).json<AuthBody>()).token;
    const out = await call("/api/auth/logout", { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(204);
    for (const t of [token, second]) {
      const me = await call("/api/me", { headers: { authorization: `Bearer ${t}` } });
      expect(me.status).toBe(401);
    }
    const again = await (await login(user.email, PASSWORD, newIp())).json<AuthBody>();
    expect((await call("/api/me", { headers: { authorization: `Bearer ${again.token}` } })).status).toBe(200);
  });

  it("refuses a missing, tampered or expired token", async () => {
    const u = await makeUser();
    expect((await call("/api/me")).status).toBe(401);
    const [h, p, s] = u.token.split(".");
    const flipped = `${s![0] === "A" ? "B" : "A"}${s!.slice(1)}`;
    const forged = btoa(JSON.stringify({ ...JSON.parse(atob(p!.replace(/-/g, "+").replace(/_/g, "/"))), role: "admin" })).replace(/=+$/, "");
    const expired = await new SignJWT({ role: "user", ver: 0 })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(u.id)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(env.JWT_SECRET));
    for (const token of [`${h}.${p}.${flipped}`, `${h}.${forged}.${s}`, expired, "not-a-jwt"]) {
      const res = await call("/api/me", { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      expect((await res.json<ErrorBody>()).error.code).toBe("bad_token");
    }
    expect((await call("/api/me", { headers: u.auth })).status).toBe(200);
  });

  it("answers 503 without JWT_SECRET, before creating anything", async () => {
    const email = newEmail();
    const init: RequestInit = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: PASSWORD }) };
    for (const path of ["/api/auth/register", "/api/auth/login"]) {
      const res = await fetchWith({ JWT_SECRET: undefined }, path, init);
      expect(res.status).toBe(503);
      const err = (await res.json<ErrorBody>()).error;
      expect(err.code).toBe("not_configured");
      expect(err.message).toMatch(/JWT_SECRET/);
    }
    const u = await makeUser();
    const me = await fetchWith({ JWT_SECRET: undefined }, "/api/me", { headers: u.auth });
    expect(me.status).toBe(503);
    expect(await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).first()).toBeNull();
    expect(await counter(`account:${email}`)).toBe(0);
  });
});

describe("responses", () => {
  it("never contain the password hash or salt", async () => {
    const email = newEmail();
    const texts: string[] = [];
    const reg = await register(email);
    texts.push(await reg.clone().text());
    const { token, user } = await reg.json<AuthBody>();
    const auth = { authorization: `Bearer ${token}` };
    texts.push(await (await login(email, PASSWORD, newIp())).text());
    texts.push(await (await login(email, "wrong password", newIp())).text());
    texts.push(await (await call("/api/me", { headers: auth })).text());
    texts.push(await (await call("/api/credits", { headers: auth })).text());
    const row = await env.DB.prepare("SELECT password_hash, password_salt FROM users WHERE id = ?").bind(user.id).first<{ password_hash: string; password_salt: string }>();
    for (const t of texts) {
      expect(t).not.toContain(row!.password_hash);
      expect(t).not.toContain(row!.password_salt);
      expect(t).not.toMatch(/"password\w*"\s*:/);
    }
  });
});
