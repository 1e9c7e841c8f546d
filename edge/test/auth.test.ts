import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { SignJWT } from "jose";
import { describe, expect, it, vi } from "vitest";
import worker from "../src/index";
import { ACCOUNT_FAILURE_LIMIT, FAILURE_WINDOW_MS, IP_FAILURE_LIMIT, pruneStatement } from "../src/login_limit";
import { PBKDF2_ITERATIONS } from "../src/password";
import { call, makeUser, ORIGIN } from "./helpers";

interface AuthBody {
  token: string;
  user: { id: string; email: string; role: string; created_at: number };
}
interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const newEmail = () => `${crypto.randomUUID()}@example.test`;
// Each test signs in from its own address so the per-IP count is its own.
const newIp = () => `10.${[...crypto.getRandomValues(new Uint8Array(3))].join(".")}`;
const PASSWORD = "correct horse battery";

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

const register = (email: string, password = PASSWORD) => post("/api/auth/register", { email, password });
const login = (email: string, password: string, ip: string) => post("/api/auth/login", { email, password }, { "cf-connecting-ip": ip });

async function registered(email = newEmail()): Promise<AuthBody> {
  const res = await register(email);
  expect(res.status).toBe(201);
  return res.json<AuthBody>();
}

/** The worker's fetch with some vars or secrets changed. */
async function fetchWith(overrides: Partial<typeof env>, path: string, init: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${ORIGIN}${path}`, init), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const failures = async (bucket: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM login_failures WHERE bucket = ?").bind(bucket).first<{ n: number }>())!.n;

describe("register, login, me", () => {
  it("registers, signs in and shows the user with the sign-up grant", async () => {
    const email = newEmail();
    const reg = await register(`  ${email.toUpperCase()} `);
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

  it("gives the admin role to addresses in ADMIN_EMAILS, at sign-up and at a later sign-in", async () => {
    const admin = newEmail();
    const later = newEmail();
    const init = (email: string): RequestInit => ({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const reg = await fetchWith({ ADMIN_EMAILS: `someone@example.test, ${admin.toUpperCase()}` }, "/api/auth/register", init(admin));
    expect((await reg.json<AuthBody>()).user.role).toBe("admin");

    expect((await registered(later)).user.role).toBe("user");
    const res = await fetchWith({ ADMIN_EMAILS: later }, "/api/auth/login", init(later));
    expect((await res.json<AuthBody>()).user.role).toBe("admin");
    const row = await env.DB.prepare("SELECT role FROM users WHERE email = ?").bind(later).first<{ role: string }>();
    expect(row!.role).toBe("admin");
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

  it("locks an account after its failures, with Retry-After, while others sign in", async () => {
    const { user } = await registered();
    const ip = newIp();
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) expect((await login(user.email, `wrong ${i}`, ip)).status).toBe(401);
    expect(await failures(`email:${user.email}`)).toBe(ACCOUNT_FAILURE_LIMIT);

    // Even the right password from another address is refused until the window passes.
    const locked = await login(user.email, PASSWORD, newIp());
    expect(locked.status).toBe(429);
    const retry = Number(locked.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(FAILURE_WINDOW_MS / 1000 - 60);
    expect(retry).toBeLessThanOrEqual(FAILURE_WINDOW_MS / 1000);
    const err = (await locked.json<ErrorBody>()).error;
    expect(err.code).toBe("too_many_attempts");
    expect(err.message).toMatch(/try again in 15 minutes/);
    // A refused attempt is not counted as another failure.
    expect(await failures(`email:${user.email}`)).toBe(ACCOUNT_FAILURE_LIMIT);

    const other = await registered();
    expect((await login(other.user.email, PASSWORD, newIp())).status).toBe(200);
  });

  it("counts Retry-After from the oldest failure in the window, and forgets older ones", async () => {
    const { user } = await registered();
    const now = Date.now();
    const bucket = `email:${user.email}`;
    const insert = (at: number) => env.DB.prepare("INSERT INTO login_failures (bucket, at) VALUES (?, ?)").bind(bucket, at);
    // Two failures fell out of the window already; five are 10 to 6 minutes old.
    await env.DB.batch([
      insert(now - FAILURE_WINDOW_MS - 60_000),
      insert(now - FAILURE_WINDOW_MS - 1),
      ...[10, 9, 8, 7, 6].map((m) => insert(now - m * 60_000)),
    ]);
    const res = await login(user.email, PASSWORD, newIp());
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(295);
    expect(retry).toBeLessThanOrEqual(300);
    expect((await res.json<ErrorBody>()).error.message).toMatch(/try again in 5 minutes/);

    // With only four in the window the password is checked again.
    await env.DB.prepare("DELETE FROM login_failures WHERE bucket = ? AND at = ?").bind(bucket, now - 6 * 60_000).run();
    expect((await login(user.email, PASSWORD, newIp())).status).toBe(200);
  });

  it("clears the account's failures on a successful sign-in", async () => {
    const { user } = await registered();
    const ip = newIp();
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) expect((await login(user.email, "wrong", ip)).status).toBe(401);
    expect((await login(user.email, PASSWORD, ip)).status).toBe(200);
    expect(await failures(`email:${user.email}`)).toBe(0);
    expect(await failures(`ip:${ip}`)).toBe(ACCOUNT_FAILURE_LIMIT - 1);
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) expect((await login(user.email, "wrong", ip)).status).toBe(401);
    expect((await login(user.email, PASSWORD, ip)).status).toBe(200);
  });

  it("limits failures per IP across accounts", async () => {
    const ip = newIp();
    const { user } = await registered();
    const now = Date.now();
    // The IP's earlier failures, as if spread over many addresses (each under its own limit).
    await env.DB.batch(
      Array.from({ length: IP_FAILURE_LIMIT - 1 }, (_, i) =>
        env.DB.prepare("INSERT INTO login_failures (bucket, at) VALUES (?, ?)").bind(`ip:${ip}`, now - 60_000 + i),
      ),
    );
    expect((await login(newEmail(), "guess", ip)).status).toBe(401);
    const res = await login(user.email, PASSWORD, ip);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(FAILURE_WINDOW_MS / 1000 - 120);
    expect((await res.json<ErrorBody>()).error.message).toMatch(/from your network/);
    // The same account from another address is fine.
    expect((await login(user.email, PASSWORD, newIp())).status).toBe(200);
  });

  it("reaches the per-IP limit through the API alone", async () => {
    const ip = newIp();
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) expect((await login(newEmail(), "guess", ip)).status).toBe(401);
    expect((await login(newEmail(), "guess", ip)).status).toBe(429);
  });

  it("prunes failures older than the window", async () => {
    const bucket = `email:${newEmail()}`;
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO login_failures (bucket, at) VALUES (?, ?)").bind(bucket, now - FAILURE_WINDOW_MS - 5),
      env.DB.prepare("INSERT INTO login_failures (bucket, at) VALUES (?, ?)").bind(bucket, now - 1000),
    ]);
    await pruneStatement(env.DB, now).run();
    const left = await env.DB.prepare("SELECT at FROM login_failures WHERE bucket = ?").bind(bucket).all<{ at: number }>();
    expect(left.results).toEqual([{ at: now - 1000 }]);
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
    expect(await failures(`email:${email}`)).toBe(0);
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
