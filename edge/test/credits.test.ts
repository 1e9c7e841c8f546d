import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FORMATS } from "../src/config";
import worker from "../src/index";
import { grant, settle } from "../src/ledger";
import { call, makeProject, makeUser, ORIGIN, type TestUser } from "./helpers";
import { DUMMY_TOKEN, stubSiteverify, turnstileEnv } from "./siteverify";

afterEach(() => {
  vi.restoreAllMocks();
});

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
interface Entry {
  id: number;
  kind: string;
  amount: number;
  project_id: string | null;
  note: string | null;
  created_at: number;
}
interface CreditsBody {
  balance: { available: number; held: number; spent: number; granted: number };
  history: Entry[];
  next_cursor: number | null;
}
interface GrantBody {
  user: { id: string; email: string };
  grant: { id: number; amount: number; note: string; request_id: string; created_at: number };
  balance: CreditsBody["balance"];
}

const getCredits = async (u: TestUser, query = "") => call(`/api/credits${query}`, { headers: u.auth });

function grantCall(u: TestUser, body: unknown): Promise<Response> {
  return call("/api/admin/credits/grant", {
    method: "POST",
    headers: { ...u.auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const ledgerRows = async (user: string) =>
  (await env.DB.prepare("SELECT kind, amount, op_key FROM credit_ledger WHERE user_id = ? ORDER BY id").bind(user).all()).results;

describe("GET /api/credits", () => {
  it("shows the balance and the history newest first", async () => {
    const u = await makeUser(100);
    const done = await makeProject(u, { cost: 15 });
    const failed = await makeProject(u, { cost: 25 });
    await makeProject(u, { cost: 5 });
    await env.DB.batch([settle(env.DB, done, "capture"), settle(env.DB, failed, "release")]);

    const res = await getCredits(u);
    expect(res.status).toBe(200);
    const body = await res.json<CreditsBody>();
    expect(body.balance).toEqual({ available: 100 - 15 - 5, held: 5, spent: 15, granted: 100 });
    expect(body.history.map((e) => [e.kind, e.amount])).toEqual([
      ["release", 25],
      ["capture", 15],
      ["hold", 5],
      ["hold", 25],
      ["hold", 15],
      ["grant", 100],
    ]);
    expect(body.history[1]).toMatchObject({ project_id: done, note: "video" });
    expect(body.next_cursor).toBeNull();
  });

  it("pages with cursor and limit until next_cursor is null", async () => {
    const u = await makeUser(1);
    await env.DB.batch(Array.from({ length: 6 }, (_, i) => grant(env.DB, u.id, i + 2, `test:${u.id}:${i}`, `grant ${i}`)));
    const seen: number[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const res = await getCredits(u, `?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const body: CreditsBody = await res.json();
      expect(body.history.length).toBeLessThanOrEqual(3);
      seen.push(...body.history.map((e) => e.amount));
      cursor = body.next_cursor;
      if (cursor !== null) expect(cursor).toBe(body.history[body.history.length - 1]!.id);
      pages++;
    } while (cursor !== null && pages < 5);
    expect(pages).toBe(3);
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it("defaults to 20 entries, and gives no cursor when nothing follows", async () => {
    const u = await makeUser(1);
    const more = (from: number, n: number) =>
      env.DB.batch(Array.from({ length: n }, (_, i) => grant(env.DB, u.id, 1, `test:${u.id}:${from + i}`, "g")));
    await more(0, 19);
    const exact = await (await getCredits(u)).json<CreditsBody>();
    expect(exact.history).toHaveLength(20);
    expect(exact.next_cursor).toBeNull();
    await more(19, 1);
    const body = await (await getCredits(u)).json<CreditsBody>();
    expect(body.history).toHaveLength(20);
    expect(body.next_cursor).toBe(body.history[19]!.id);
    const last = await (await getCredits(u, `?cursor=${body.next_cursor}`)).json<CreditsBody>();
    expect(last.history.map((e) => e.id)).toEqual([exact.history[19]!.id]);
    expect(last.next_cursor).toBeNull();
  });

  it("shows only the caller's own entries", async () => {
    const a = await makeUser(11);
    const b = await makeUser(22);
    const body = await (await getCredits(a)).json<CreditsBody>();
    expect(body.history.map((e) => e.amount)).toEqual([11]);
    expect(body.balance.available).toBe(11);
    expect((await (await getCredits(b)).json<CreditsBody>()).balance.available).toBe(22);
  });

  it.each([
    ["?limit=0", "limit"],
    ["?limit=101", "limit"],
    ["?limit=abc", "limit"],
    ["?limit=2.5", "limit"],
    ["?cursor=-1", "cursor"],
    ["?cursor=x", "cursor"],
  ])("answers 422 for %s", async (query, field) => {
    const res = await getCredits(await makeUser(), query);
    expect(res.status).toBe(422);
    expect((await res.json<ErrorBody>()).error).toMatchObject({ code: "invalid", field });
  });

  it("needs a session", async () => {
    expect((await call("/api/credits")).status).toBe(401);
  });
});

describe("GET /api/pricing", () => {
  it("publishes the prices, the format limits and example costs", async () => {
    const res = await call("/api/pricing");
    expect(res.status).toBe(200);
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ signup_grant: 30, base: 5, per_minute: 10, regenerate: 2, recompose: 1, edit_limit: 20 });
    expect(body.formats).toEqual({
      short: { min_duration: 15, max_duration: 600, default_duration: 45, default_cost: 15 },
      long: { min_duration: 15, max_duration: 600, default_duration: 180, default_cost: 35 },
      square: { min_duration: 15, max_duration: 600, default_duration: 45, default_cost: 15 },
    });
    expect(body.examples).toEqual([
      { duration: 15, cost: 15 },
      { duration: 45, cost: 15 },
      { duration: 60, cost: 15 },
      { duration: 61, cost: 25 },
      { duration: 180, cost: 35 },
      { duration: 600, cost: 105 },
    ]);
    expect(body.billing).toMatchObject({
      speech: { en_words_per_second: 2.5, ko_syllables_per_second: 6.5, fill: 0.75 },
      overage: { share: 0.1, music_tail_s: 1.5 },
    });
    expect((body.billing as { rule: string }).rule).toContain("a script's for ceil(speech / speech.fill) seconds");
  });

  it("follows the Worker vars", async () => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(`${ORIGIN}/api/pricing`),
      { ...env, SIGNUP_GRANT: "50", PRICE_BASE: "2", PRICE_PER_MINUTE: "7", PRICE_REGENERATE: "4", PRICE_RECOMPOSE: "0", EDIT_LIMIT: "3" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const body = await res.json<{ signup_grant: number; base: number; per_minute: number; regenerate: number; recompose: number; edit_limit: number; formats: Record<keyof typeof FORMATS, { default_cost: number }>; examples: { duration: number; cost: number }[] }>();
    expect([body.signup_grant, body.base, body.per_minute]).toEqual([50, 2, 7]);
    expect([body.regenerate, body.recompose, body.edit_limit]).toEqual([4, 0, 3]);
    expect(body.formats.long.default_cost).toBe(2 + 7 * 3);
    expect(body.examples.find((e) => e.duration === 600)!.cost).toBe(2 + 7 * 10);
  });

  it("makes the sign-up grant follow SIGNUP_GRANT", async () => {
    stubSiteverify();
    const ctx = createExecutionContext();
    const email = `${crypto.randomUUID()}@example.test`;
    const res = await worker.fetch(
      new Request(`${ORIGIN}/api/auth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "long enough", turnstile_token: DUMMY_TOKEN }),
      }),
      { ...env, ...turnstileEnv(), SIGNUP_GRANT: "12" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(201);
    const { user } = await res.json<{ user: { id: string } }>();
    expect(await ledgerRows(user.id)).toEqual([{ kind: "grant", amount: 12, op_key: `signup:${user.id}` }]);
  });
});

describe("POST /api/admin/credits/grant", () => {
  it("is for admins only", async () => {
    const user = await makeUser(10);
    const res = await grantCall(user, { user_id: user.id, amount: 1000, request_id: crypto.randomUUID() });
    expect(res.status).toBe(403);
    expect((await res.json<ErrorBody>()).error.code).toBe("forbidden");
    expect(await ledgerRows(user.id)).toHaveLength(1);
    expect((await call("/api/admin/credits/grant", { method: "POST" })).status).toBe(401);
  });

  it("grants once per request_id, by user id or by email", async () => {
    const admin = await makeUser(0, "admin");
    const user = await makeUser(10);
    const request_id = crypto.randomUUID();
    const first = await grantCall(admin, { user_id: user.id, amount: 40, note: "support ticket 7", request_id });
    expect(first.status).toBe(201);
    const body = await first.json<GrantBody>();
    expect(body).toMatchObject({
      user: { id: user.id, email: user.email },
      grant: { amount: 40, note: "support ticket 7", request_id },
      balance: { available: 50, granted: 50 },
    });

    const repeat = await grantCall(admin, { user_id: user.id, amount: 40, note: "support ticket 7", request_id });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual(body);
    expect(await ledgerRows(user.id)).toEqual([
      { kind: "grant", amount: 10, op_key: `test-grant:${user.id}` },
      { kind: "grant", amount: 40, op_key: `admin:${request_id}` },
    ]);

    const byEmail = await grantCall(admin, { email: user.email.toUpperCase(), amount: 5, request_id: crypto.randomUUID() });
    expect(byEmail.status).toBe(201);
    expect((await byEmail.json<GrantBody>()).balance.available).toBe(55);
    expect((await (await getCredits(user)).json<CreditsBody>()).history[1]).toMatchObject({ kind: "grant", amount: 40, note: "support ticket 7" });
  });

  it("refuses a request_id reused for a different grant", async () => {
    const admin = await makeUser(0, "admin");
    const a = await makeUser(0);
    const b = await makeUser(0);
    const request_id = crypto.randomUUID();
    expect((await grantCall(admin, { user_id: a.id, amount: 3, request_id })).status).toBe(201);
    for (const body of [{ user_id: b.id, amount: 3, request_id }, { user_id: a.id, amount: 4, request_id }]) {
      const res = await grantCall(admin, body);
      expect(res.status).toBe(409);
      expect((await res.json<ErrorBody>()).error.field).toBe("request_id");
    }
    expect(await ledgerRows(b.id)).toHaveLength(1);
  });

  it("answers 404 naming the field for an unknown user", async () => {
    const admin = await makeUser(0, "admin");
    for (const [field, value] of [["user_id", crypto.randomUUID()], ["email", "nobody@example.test"]] as const) {
      const res = await grantCall(admin, { [field]: value, amount: 5, request_id: crypto.randomUUID() });
      expect(res.status).toBe(404);
      expect((await res.json<ErrorBody>()).error).toMatchObject({ code: "not_found", field });
    }
  });

  it.each([
    [{ amount: 5, request_id: "r" }, "user_id"],
    [{ user_id: "u", email: "e@example.test", amount: 5, request_id: "r" }, "email"],
    [{ user_id: "u", amount: 0, request_id: "r" }, "amount"],
    [{ user_id: "u", amount: 100_001, request_id: "r" }, "amount"],
    [{ user_id: "u", amount: 1.5, request_id: "r" }, "amount"],
    [{ user_id: "u", amount: "5", request_id: "r" }, "amount"],
    [{ user_id: "u", amount: 5 }, "request_id"],
    [{ user_id: "u", amount: 5, request_id: "" }, "request_id"],
    [{ user_id: "u", amount: 5, request_id: "r".repeat(101) }, "request_id"],
    [{ user_id: "u", amount: 5, request_id: "r", note: 7 }, "note"],
  ])("answers 422 for %j", async (body, field) => {
    const res = await grantCall(await makeUser(0, "admin"), body);
    expect(res.status).toBe(422);
    expect((await res.json<ErrorBody>()).error).toMatchObject({ code: "invalid", field });
  });
});
