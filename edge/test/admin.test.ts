/** Who is an admin: never an email address (emails are not verified), only a user id in
 * ADMIN_USER_IDS or a role set in D1; both are read on every request. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { makeUser, newIp, type TestUser } from "./helpers";
import { fetchWith } from "./siteverify";

const grantAs = (overrides: Partial<typeof env>, admin: TestUser, target: TestUser) =>
  fetchWith(overrides, "/api/admin/credits/grant", {
    method: "POST",
    headers: { ...admin.auth, "content-type": "application/json" },
    body: JSON.stringify({ user_id: target.id, amount: 5, request_id: crypto.randomUUID() }),
  });

const roleAs = async (overrides: Partial<typeof env>, user: { authorization: string }) =>
  (await (await fetchWith(overrides, "/api/me", { headers: user })).json<{ user: { role: string } }>()).user.role;

describe("admins", () => {
  it("are not made by an email address, even one the old ADMIN_EMAILS var names", async () => {
    const email = `boss-${crypto.randomUUID()}@example.test`;
    const old = { ADMIN_EMAILS: email } as Partial<typeof env>;
    const reg = await fetchWith(old, "/api/auth/register", {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": newIp() },
      body: JSON.stringify({ email, password: "correct horse battery" }),
    });
    const { token, user } = await reg.json<{ token: string; user: { id: string; role: string } }>();
    expect(user.role).toBe("user");
    const login = await fetchWith(old, "/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": newIp() },
      body: JSON.stringify({ email, password: "correct horse battery" }),
    });
    expect((await login.json<{ user: { role: string } }>()).user.role).toBe("user");
    const self: TestUser = { id: user.id, email, token, auth: { authorization: `Bearer ${token}` } };
    const res = await grantAs(old, self, self);
    expect(res.status).toBe(403);
    expect(await env.DB.prepare("SELECT role FROM users WHERE id = ?").bind(user.id).first<string>("role")).toBe("user");
  });

  it("are named by id in ADMIN_USER_IDS, and taking the id out demotes at the next request", async () => {
    const admin = await makeUser(0);
    const target = await makeUser(0);
    const listed = { ADMIN_USER_IDS: ` someone-else , ${admin.id}` };
    expect(await roleAs(listed, admin.auth)).toBe("admin");
    expect((await grantAs(listed, admin, target)).status).toBe(201);
    // The same token, the id no longer listed.
    const removed = { ADMIN_USER_IDS: "someone-else" };
    expect(await roleAs(removed, admin.auth)).toBe("user");
    const res = await grantAs(removed, admin, target);
    expect(res.status).toBe(403);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe("forbidden");
    // A listed id is never written to D1, so nothing lingers there.
    expect(await env.DB.prepare("SELECT role FROM users WHERE id = ?").bind(admin.id).first<string>("role")).toBe("user");
  });

  it("can be granted in D1 (wrangler d1 execute … UPDATE users SET role = 'admin'), and ungranted there", async () => {
    const admin = await makeUser(0);
    const target = await makeUser(0);
    const setRole = (role: string) => env.DB.prepare("UPDATE users SET role = ? WHERE id = ?").bind(role, admin.id).run();
    await setRole("admin");
    expect((await grantAs({ ADMIN_USER_IDS: "" }, admin, target)).status).toBe(201);
    await setRole("user");
    expect((await grantAs({ ADMIN_USER_IDS: "" }, admin, target)).status).toBe(403);
  });
});

describe("upgrading to migration 0006", () => {
  it("takes back every admin role granted before it (when an email could make one), so each must be re-granted by id", async () => {
    const old = await makeUser(0, "admin");
    const target = await makeUser(0);
    expect((await grantAs({}, old, target)).status).toBe(201);
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0006_"))!;
    const demote = migration.queries.filter((q) => /^UPDATE users\b/i.test(q.trim()));
    expect(demote).toHaveLength(1);
    await env.DB.prepare(demote[0]!).run();
    expect(await roleAs({}, old.auth)).toBe("user");
    expect((await grantAs({}, old, target)).status).toBe(403);
    expect(await roleAs({ ADMIN_USER_IDS: old.id }, old.auth)).toBe("admin");
  });
});
