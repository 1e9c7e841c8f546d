/** Sign-up: the per-address limit, the Turnstile check before the free credits, and the
 * public settings the sign-up form reads. */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clientAddress } from "../src/client_address";
import { REGISTER_LIMIT_DEFAULT } from "../src/signup";
import { stubEngine } from "./engine_stub";
import { call, newIp } from "./helpers";
import { DUMMY_TOKEN, FAIL_SECRET, fetchWith, PASS_SECRET, PASS_SITE_KEY, SPENT_SECRET, stubSiteverify, turnstileEnv, VERIFY_URL } from "./siteverify";

afterEach(() => {
  vi.restoreAllMocks();
});

interface SignupBody {
  token: string;
  user: { id: string };
  grant: { given: boolean; amount: number; reason?: string };
}
interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const newEmail = () => `${crypto.randomUUID()}@example.test`;

function register(overrides: Partial<typeof env>, body: Record<string, unknown>, ip = newIp()): Promise<Response> {
  return fetchWith(overrides, "/api/auth/register", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": ip },
    body: JSON.stringify({ password: "correct horse battery", ...body }),
  });
}

const userCount = async (email: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM users WHERE email = ?").bind(email).first<number>("n"))!;
const granted = async (user: string) =>
  (await env.DB.prepare("SELECT COALESCE(SUM(amount), 0) AS n FROM credit_ledger WHERE user_id = ? AND kind = 'grant'").bind(user).first<number>("n"))!;

describe("the sign-up grant", () => {
  it("is given only after siteverify accepts the widget's token", async () => {
    const calls = stubSiteverify();
    const ip = newIp();
    const res = await register(turnstileEnv(), { email: newEmail(), turnstile_token: DUMMY_TOKEN }, ip);
    expect(res.status).toBe(201);
    const body = await res.json<SignupBody>();
    expect(body.grant).toEqual({ given: true, amount: 30 });
    expect(await granted(body.user.id)).toBe(30);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe("POST");
    expect(`${calls[0]!.origin}${calls[0]!.path}`).toBe(VERIFY_URL);
    expect(JSON.parse(calls[0]!.body)).toEqual({ secret: PASS_SECRET, response: DUMMY_TOKEN, remoteip: ip });
  });

  it("refuses a failed, spent or missing check with 403 naming turnstile_token, and makes no account, so the user can retry", async () => {
    const calls = stubSiteverify();
    const email = newEmail();
    for (const [secret, token, words] of [
      [FAIL_SECRET, DUMMY_TOKEN, /invalid-input-response/],
      [SPENT_SECRET, DUMMY_TOKEN, /timeout-or-duplicate/],
      [PASS_SECRET, undefined, /complete the human check/],
    ] as const) {
      const res = await register(turnstileEnv(secret), { email, turnstile_token: token });
      expect(res.status).toBe(403);
      const err = (await res.json<ErrorBody>()).error;
      expect(err).toMatchObject({ code: "turnstile_failed", field: "turnstile_token" });
      expect(err.message).toMatch(words);
    }
    expect(calls).toHaveLength(2); // no token: siteverify is not even asked
    expect(await userCount(email)).toBe(0);
    expect((await register(turnstileEnv(), { email, turnstile_token: DUMMY_TOKEN })).status).toBe(201);
  });

  it("is not given without a Turnstile secret: the account is made and the answer says why", async () => {
    const res = await register({ TURNSTILE_SECRET_KEY: undefined }, { email: newEmail(), turnstile_token: DUMMY_TOKEN });
    expect(res.status).toBe(201);
    const body = await res.json<SignupBody>();
    expect(body.grant).toEqual({ given: false, amount: 0, reason: "turnstile_not_configured" });
    expect(await granted(body.user.id)).toBe(0);
    const me = await call("/api/me", { headers: { authorization: `Bearer ${body.token}` } });
    expect((await me.json<{ credits: { available: number } }>()).credits.available).toBe(0);
  });

  it("answers 503 and makes no account when siteverify gives no usable answer", async () => {
    stubEngine(() => new Response("<html>bad gateway</html>", { status: 502 }));
    const email = newEmail();
    const res = await register(turnstileEnv(), { email, turnstile_token: DUMMY_TOKEN });
    expect(res.status).toBe(503);
    expect((await res.json<ErrorBody>()).error.code).toBe("turnstile_unavailable");
    expect(await userCount(email)).toBe(0);
  });

  it("refuses a token longer than siteverify takes", async () => {
    const res = await register(turnstileEnv(), { email: newEmail(), turnstile_token: "x".repeat(2049) });
    expect(res.status).toBe(422);
    expect((await res.json<ErrorBody>()).error.field).toBe("turnstile_token");
  });
});

describe("the sign-up limit", () => {
  it("holds against parallel sign-ups from one address: at most REGISTER_LIMIT accounts and grants", async () => {
    stubSiteverify();
    const ip = newIp();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => register(turnstileEnv(), { email: newEmail(), turnstile_token: DUMMY_TOKEN }, ip)),
    );
    const made = answers.filter((r) => r.status === 201);
    expect(made).toHaveLength(REGISTER_LIMIT_DEFAULT);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(30 - REGISTER_LIMIT_DEFAULT);
    expect(Number(refused[0]!.headers.get("retry-after"))).toBeGreaterThan(3500);
    expect((await refused[0]!.json<ErrorBody>()).error.code).toBe("too_many_attempts");
    const ids = await Promise.all(made.map(async (r) => (await r.json<SignupBody>()).user.id));
    expect((await Promise.all(ids.map(granted))).reduce((a, b) => a + b, 0)).toBe(30 * REGISTER_LIMIT_DEFAULT);
    await Promise.all(answers.map((r) => r.bodyUsed || r.arrayBuffer()));
    // Another address is not affected.
    expect((await register(turnstileEnv(), { email: newEmail(), turnstile_token: DUMMY_TOKEN })).status).toBe(201);
  });

  it("counts an IPv6 /64 as one address, and answers a taken email only within the limit", async () => {
    const net = `2001:db8:${crypto.getRandomValues(new Uint16Array(1))[0]!.toString(16)}:1`;
    const taken = newEmail();
    expect((await register({}, { email: taken }, `${net}::1`)).status).toBe(201);
    for (let i = 2; i <= REGISTER_LIMIT_DEFAULT; i++) expect((await register({}, { email: taken }, `${net}::${i}`)).status).toBe(409);
    const over = await register({}, { email: taken }, `${net}:abcd:ef01:2345:6789`);
    expect(over.status).toBe(429);
    expect((await register({}, { email: newEmail() }, `${net}::ffff`)).status).toBe(429);
  });

  it("follows REGISTER_LIMIT", async () => {
    const ip = newIp();
    expect((await register({ REGISTER_LIMIT: "1" }, { email: newEmail() }, ip)).status).toBe(201);
    expect((await register({ REGISTER_LIMIT: "1" }, { email: newEmail() }, ip)).status).toBe(429);
  });
});

describe("client addresses", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:DB8:0:0:1:2:3:4", "2001:db8:0:0::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["2001:0db8:0000:0000:ffff::", "2001:db8:0:0::/64"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["::1", "0:0:0:0::/64"],
    ["", "unknown"],
  ])("counts %j as %j", (header, expected) => {
    const req = new Request("https://edge.test/", { headers: header ? { "cf-connecting-ip": header } : {} });
    expect(clientAddress(req)).toBe(expected);
  });
});

describe("GET /api/auth/config", () => {
  it("serves the Turnstile site key, or null when there is none", async () => {
    const on = await fetchWith({ TURNSTILE_SITE_KEY: PASS_SITE_KEY }, "/api/auth/config");
    expect(await on.json()).toEqual({ turnstile_site_key: PASS_SITE_KEY });
    const off = await fetchWith({ TURNSTILE_SITE_KEY: "" }, "/api/auth/config");
    expect(await off.json()).toEqual({ turnstile_site_key: null });
  });
});
