/** The live-progress WebSocket: authorisation, the snapshot, events in seq order without
 * duplicates, status changes, files announced as they are stored, late joiners. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { issueLiveTicket } from "../src/live_ticket";
import { SIGNED_OUT } from "../src/live";
import { liveStub } from "../src/project_state";
import { call, engineCall, liveTicket, makeProject, makeUser, type TestUser, upload } from "./helpers";

interface Msg {
  type: string;
  seq?: number;
  event?: string;
  data?: { progress: number; stage?: string };
  project?: { id: string; status: string; stage: string | null; progress: number };
  events?: { seq: number; event: string }[];
  name?: string;
  size?: number;
  artifacts?: { name: string; size: number }[];
}

interface Live {
  ws: WebSocket;
  messages: Msg[];
  waitFor(what: string, pred: (m: Msg[]) => boolean): Promise<void>;
}

const ws = { upgrade: "websocket" };
const openWith = (id: string, query: string) => call(`/api/projects/${id}/live?${query}`, { headers: ws });

async function openLive(user: TestUser, id: string): Promise<Live> {
  const res = await openWith(id, `ticket=${await liveTicket(user, id)}`);
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const messages: Msg[] = [];
  ws.addEventListener("message", (e) => {
    messages.push(JSON.parse(e.data as string) as Msg);
  });
  ws.accept();
  const waitFor = async (what: string, pred: (m: Msg[]) => boolean) => {
    const until = Date.now() + 3000;
    while (!pred(messages)) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { ws, messages, waitFor };
}

const sendEvent = (id: string, seq: number, progress: number, type = "progress") =>
  engineCall("POST", `/internal/jobs/${id}/events`, JSON.stringify({ job: "job-1", seq, type, data: { event: type, progress, elapsed: seq, stage: `stage-${seq}` } }));

const eventSeqs = (m: Msg[]) => m.filter((x) => x.type === "event").map((x) => x.seq!);

const putFile = upload;

/** Events and files in the order a socket got them, after its snapshot. */
const timeline = (m: Msg[]) =>
  m.slice(1).map((x) => (x.type === "artifact" ? `${x.name}:${x.size}` : x.type === "event" ? `event ${x.seq}` : x.type));

describe("live progress", () => {
  it("sends a snapshot, then progress events in seq order, never a duplicate or an older one", async () => {
    const user = await makeUser();
    const id = await makeProject(user);
    const live = await openLive(user, id);
    await live.waitFor("the snapshot", (m) => m.length >= 1);
    expect(live.messages[0]).toMatchObject({ type: "snapshot", seq: 0, events: [], project: { id, status: "queued", progress: 0 } });

    for (const [seq, p] of [[1, 0.1], [3, 0.3], [2, 0.2], [3, 0.3], [1, 0.1], [4, 0.4]] as const)
      expect((await sendEvent(id, seq, p)).status).toBe(200);
    await live.waitFor("event 4", (m) => eventSeqs(m).includes(4));
    expect(eventSeqs(live.messages)).toEqual([1, 3, 4]);
    const last = live.messages.at(-1)!;
    expect(last).toMatchObject({ type: "event", seq: 4, event: "progress", data: { progress: 0.4, stage: "stage-4" } });
    live.ws.close();
  });

  it("gives a late joiner the current state in its snapshot, then what follows", async () => {
    const user = await makeUser();
    const id = await makeProject(user);
    const first = await openLive(user, id);
    for (let seq = 1; seq <= 3; seq++) await sendEvent(id, seq, seq / 10);
    await first.waitFor("event 3", (m) => eventSeqs(m).includes(3));

    const late = await openLive(user, id);
    await late.waitFor("the snapshot", (m) => m.length >= 1);
    const snap = late.messages[0]!;
    expect(snap).toMatchObject({ type: "snapshot", seq: 3, project: { status: "running", stage: "stage-3", progress: 0.3 } });
    expect(snap.events!.map((e) => e.seq)).toEqual([1, 2, 3]);

    await sendEvent(id, 4, 0.4);
    await late.waitFor("event 4", (m) => eventSeqs(m).includes(4));
    await first.waitFor("event 4", (m) => eventSeqs(m).includes(4));
    expect(eventSeqs(late.messages)).toEqual([4]);
    expect(eventSeqs(first.messages)).toEqual([1, 2, 3, 4]);
    first.ws.close();
    late.ws.close();
  });

  it("tells a socket when the project ends", async () => {
    const user = await makeUser();
    const id = await makeProject(user, { status: "running" });
    const live = await openLive(user, id);
    const res = await engineCall("POST", `/internal/jobs/${id}/fail`, JSON.stringify({ job: "job-1", status: "failed", error: "no voice" }));
    expect(res.status).toBe(200);
    await live.waitFor("the status", (m) => m.some((x) => x.type === "status"));
    expect(live.messages.find((x) => x.type === "status")).toMatchObject({ project: { id, status: "failed" } });
    live.ws.close();
  });

  it("misses nothing that happens while a socket is joining", async () => {
    const user = await makeUser();
    const id = await makeProject(user);
    const N = 12;
    const sending = (async () => {
      for (let seq = 1; seq <= N; seq++) expect((await sendEvent(id, seq, seq / 100)).status).toBe(200);
    })();
    const joins = await Promise.all([openLive(user, id), openLive(user, id), openLive(user, id)]);
    await sending;
    for (const live of joins) {
      await live.waitFor(`event ${N}`, (m) => m[0]?.type === "snapshot" && Math.max(m[0].seq!, ...eventSeqs(m)) === N);
      const seen = [...live.messages[0]!.events!.map((e) => e.seq), ...eventSeqs(live.messages)];
      expect(seen).toEqual(Array.from({ length: N }, (_, i) => i + 1));
      live.ws.close();
    }
  });

  it("replays what was published but not yet visible to the snapshot's read", async () => {
    // D1 reads may lag the write that preceded a publish (a read replica, or a read that
    // began just before the commit); the joiner must still get those messages.
    const user = await makeUser();
    const id = await makeProject(user, { status: "running" });
    await sendEvent(id, 1, 0.1);
    const stub = liveStub(env, id);
    await stub.publish({ type: "event", seq: 2, event: "progress", data: { progress: 0.2 } });
    await stub.publish({ type: "event", seq: 1, event: "progress", data: { progress: 0.1 } });
    const row = await env.DB.prepare("SELECT * FROM projects WHERE id = ?").bind(id).first<Record<string, unknown>>();
    await stub.publish({ type: "status", project: { id, status: "completed", progress: 1, updated_at: (row!.updated_at as number) + 1 } });
    const live = await openLive(user, id);
    await live.waitFor("the replay", (m) => m.some((x) => x.type === "status"));
    expect(live.messages[0]).toMatchObject({ type: "snapshot", seq: 1, project: { status: "running" } });
    expect(eventSeqs(live.messages)).toEqual([2]);
    expect(live.messages.at(-1)).toMatchObject({ type: "status", project: { status: "completed" } });
    // The replayed seq counts: an event up to it is not sent again.
    await stub.publish({ type: "event", seq: 2, event: "progress", data: { progress: 0.2 } });
    await sendEvent(id, 3, 0.3);
    await live.waitFor("event 3", (m) => eventSeqs(m).includes(3));
    expect(eventSeqs(live.messages)).toEqual([2, 3]);
    live.ws.close();
  });

  it("announces each file to every socket once it is stored whole, between events, and lists the files in a joiner's snapshot", async () => {
    const user = await makeUser();
    const id = await makeProject(user, { status: "running" });
    const a = await openLive(user, id);
    const b = await openLive(user, id);
    for (const live of [a, b]) {
      await live.waitFor("the snapshot", (m) => m.length >= 1);
      expect(live.messages[0]).toMatchObject({ type: "snapshot", artifacts: [] });
    }
    const MiB = 1024 * 1024;
    expect((await putFile(id, "scene-01.png", new Uint8Array(7))).status).toBe(200);
    expect((await sendEvent(id, 1, 0.1)).status).toBe(200);
    // In two parts: announced once, when the last part completes it.
    expect((await putFile(id, "scene-02.wav", new Uint8Array(5 * MiB), "?part=1&parts=2")).status).toBe(200);
    expect((await putFile(id, "scene-02.wav", new Uint8Array(3), "?part=2&parts=2")).status).toBe(200);
    expect((await putFile(id, "manifest.json", '{"story":{}}')).status).toBe(200);
    expect((await sendEvent(id, 2, 0.2)).status).toBe(200);
    for (const live of [a, b]) {
      await live.waitFor("event 2", (m) => eventSeqs(m).includes(2));
      expect(timeline(live.messages)).toEqual(["scene-01.png:7", "event 1", `scene-02.wav:${5 * MiB + 3}`, "manifest.json:12", "event 2"]);
      expect(live.messages[1]).toEqual({ type: "artifact", name: "scene-01.png", size: 7 });
    }
    // The same bytes delivered again (a repeated callback, a resumed job sending its files
    // again), whole or in parts, are stored but not announced again.
    expect((await putFile(id, "scene-01.png", new Uint8Array(7))).status).toBe(200);
    expect((await putFile(id, "scene-02.wav", new Uint8Array(5 * MiB), "?part=1&parts=2")).status).toBe(200);
    expect((await putFile(id, "scene-02.wav", new Uint8Array(3), "?part=2&parts=2")).status).toBe(200);
    // A regenerated scene's new picture is announced again; events keep their order.
    expect((await putFile(id, "scene-01.png", new Uint8Array(9))).status).toBe(200);
    expect((await sendEvent(id, 3, 0.3)).status).toBe(200);
    await a.waitFor("event 3", (m) => eventSeqs(m).includes(3));
    expect(timeline(a.messages).slice(5)).toEqual(["scene-01.png:9", "event 3"]);
    expect(eventSeqs(a.messages)).toEqual([1, 2, 3]);

    const late = await openLive(user, id);
    await late.waitFor("the snapshot", (m) => m.length >= 1);
    expect(late.messages[0]).toMatchObject({
      type: "snapshot",
      seq: 3,
      artifacts: [
        { name: "manifest.json", size: 12 },
        { name: "scene-01.png", size: 9 },
        { name: "scene-02.wav", size: 5 * MiB + 3 },
      ],
    });
    for (const live of [a, b, late]) live.ws.close();
  });

  it("lists in a joiner's snapshot a file published but not yet visible to its read", async () => {
    const user = await makeUser();
    const id = await makeProject(user, { status: "running" });
    expect((await putFile(id, "scene-02.png", new Uint8Array(4))).status).toBe(200);
    await liveStub(env, id).publish({ type: "artifact", name: "scene-01.png", size: 5 });
    const live = await openLive(user, id);
    await live.waitFor("the snapshot", (m) => m.length >= 1);
    expect(live.messages[0]!.artifacts).toEqual([
      { name: "scene-01.png", size: 5 },
      { name: "scene-02.png", size: 4 },
    ]);
    live.ws.close();
  });

  it("opens only with a ticket: the session token in the URL is refused, and a ticket works once, for its project and user, within 60 s", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const id = await makeProject(owner);
    const second = await makeProject(owner);
    const refused = async (res: Response) => {
      expect(res.status).toBe(401);
      expect((await res.json<{ error: { code: string; field: string } }>()).error).toMatchObject({ code: "bad_ticket", field: "ticket" });
    };
    // The old way: a JWT in the URL.
    await refused(await openWith(id, `token=${owner.token}`));
    await refused(await call(`/api/projects/${id}/live`, { headers: { ...ws, ...owner.auth } }));
    await refused(await openWith(id, "ticket=not-a-ticket"));

    const ticket = await liveTicket(owner, id);
    expect((await call(`/api/projects/${id}/live?ticket=${ticket}`)).status).toBe(426); // not an upgrade: the ticket is kept
    const first = await openWith(id, `ticket=${ticket}`);
    expect(first.status).toBe(101);
    first.webSocket!.accept();
    first.webSocket!.close();
    await refused(await openWith(id, `ticket=${ticket}`)); // used once already

    // A ticket is for one project: used on another it is refused, and used up.
    const forFirst = await liveTicket(owner, id);
    await refused(await openWith(second, `ticket=${forFirst}`));
    await refused(await openWith(id, `ticket=${forFirst}`));

    // Not after 60 s.
    const stale = await issueLiveTicket(env, owner.id, id, Date.now() - 61_000);
    await refused(await openWith(id, `ticket=${stale.ticket}`));

    // Only the owner gets a ticket; another user's project is a 404 like a missing one.
    const cross = await call(`/api/projects/${id}/live-ticket`, { method: "POST", headers: other.auth });
    const missing = await call(`/api/projects/${crypto.randomUUID()}/live-ticket`, { method: "POST", headers: other.auth });
    expect(cross.status).toBe(404);
    expect(await cross.json()).toEqual(await missing.json());
    expect((await call(`/api/projects/${id}/live-ticket`, { method: "POST" })).status).toBe(401);
    // Another user's ticket for their own project does not open this one.
    const theirs = await liveTicket(other, await makeProject(other));
    await refused(await openWith(id, `ticket=${theirs}`));
  });

  it("answers a ticket with its expiry, 60 s ahead", async () => {
    const owner = await makeUser();
    const id = await makeProject(owner);
    const before = Date.now();
    const res = await call(`/api/projects/${id}/live-ticket`, { method: "POST", headers: owner.auth });
    const body = await res.json<{ ticket: string; expires_at: number }>();
    expect(body.ticket).toMatch(/^[0-9a-f]{64}$/);
    expect(body.expires_at).toBeGreaterThanOrEqual(before + 60_000);
    expect(body.expires_at).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it("closes a user's open sockets when they sign out, and only theirs; their unused tickets stop working", async () => {
    const alice = await makeUser();
    const bob = await makeUser();
    const [a1, a2, b1] = [await makeProject(alice), await makeProject(alice), await makeProject(bob)];
    const sockets = [await openLive(alice, a1), await openLive(alice, a2), await openLive(bob, b1)];
    const closed = sockets.map((s) => new Promise<number>((resolve) => s.ws.addEventListener("close", (e) => resolve(e.code))));
    const unused = await liveTicket(alice, a1);
    const out = await call("/api/auth/logout", { method: "POST", headers: alice.auth });
    expect(out.status).toBe(204);
    expect(await closed[0]).toBe(SIGNED_OUT);
    expect(await closed[1]).toBe(SIGNED_OUT);
    expect((await openWith(a1, `ticket=${unused}`)).status).toBe(401);
    // Bob's socket still gets his project's events.
    expect((await sendEvent(b1, 1, 0.5)).status).toBe(200);
    await sockets[2]!.waitFor("bob's event", (m) => eventSeqs(m).includes(1));
    sockets[2]!.ws.close();
  });
});
