/** Live progress: one Durable Object per project. The browser's WebSocket (already
 * authorised by the Worker, which names the user in x-user-id) is accepted with the
 * hibernation API and tagged with its user, so signing out can close that user's sockets; a joiner first gets a
 * snapshot (the project row, its recent events and the files stored so far), then every
 * new message. Engine events carry the engine's seq: one that is not newer than the last
 * one sent is dropped, so every socket sees a strictly increasing sequence even when
 * callbacks arrive twice or out of order. Artifact messages (a file stored, such as a
 * scene's picture while the render goes on) have no seq and go to every socket; a file
 * stored again (a regenerated scene) is announced again. The object also remembers the
 * last messages it published: a joiner's snapshot comes from D1, whose read may not yet
 * show a write that was already published (a lagging replica, or a read that began just
 * before the commit), so those events are replayed after the snapshot, and those files
 * are added to its list. */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "./env";
import { projectView, type ProjectRow } from "./project_state";

type EventMessage = { type: "event"; seq: number; event: string; data: unknown };
type StatusMessage = { type: "status"; project: unknown };
/** A project file is stored whole (GET /api/projects/:id/assets/:name serves it). */
type ArtifactMessage = { type: "artifact"; name: string; size: number };
export type LiveMessage = EventMessage | StatusMessage | ArtifactMessage;
type ArtifactEntry = { name: string; size: number };

const RECENT_EVENTS = 200;
/** Published events kept in memory for joiners (lost on eviction, when no join is in flight). */
const REPLAY_EVENTS = 50;
/** Published files kept the same way: a picture and a voice for each of up to 40 scenes, and the rest. */
const REPLAY_ARTIFACTS = 128;
/** A project has at most ~90 files; the snapshot lists no more than this. */
const SNAPSHOT_ARTIFACTS = 500;

/** The close code for "the session ended": an application code (4000-4999, RFC 6455). */
export const SIGNED_OUT = 4001;
const userTag = (user: string) => `user:${user}`;

interface SocketState {
  seq: number; // highest event seq this socket has been sent
}

export class ProjectLive extends DurableObject<Env> {
  private published: EventMessage[] = []; // ascending seq, at most REPLAY_EVENTS
  private lastStatus: StatusMessage | null = null;
  private files = new Map<string, number>(); // name -> size of files published, oldest first, at most REPLAY_ARTIFACTS

  override async fetch(req: Request): Promise<Response> {
    if (req.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return new Response("expected a WebSocket upgrade", { status: 426 });
    const project = req.headers.get("x-project-id") ?? "";
    const user = req.headers.get("x-user-id") ?? "";
    const row = await this.env.DB.prepare("SELECT * FROM projects WHERE id = ?").bind(project).first<ProjectRow>();
    if (!row) return new Response("no such project", { status: 404 });
    const { results: events } = await this.env.DB.prepare(
      `SELECT seq, type, data FROM (SELECT seq, type, data FROM project_events WHERE project_id = ?
         ORDER BY seq DESC LIMIT ?) ORDER BY seq`,
    )
      .bind(project, RECENT_EVENTS)
      .all<{ seq: number; type: string; data: string }>();
    const { results: stored } = await this.env.DB.prepare("SELECT name, size FROM artifacts WHERE project_id = ? ORDER BY name LIMIT ?")
      .bind(project, SNAPSHOT_ARTIFACTS)
      .all<ArtifactEntry>();
    const last = Math.max(row.last_seq, ...events.map((e) => e.seq), 0);
    // Everything from here on is synchronous, so no publish can slip in between the
    // replay below and the socket joining the broadcast.
    const replay = this.published.filter((e) => e.seq > last);
    const status = this.lastStatus && newerThan(this.lastStatus, row) ? this.lastStatus : null;
    const artifacts = withPublished(stored, this.files);
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [userTag(user)]);
    server.serializeAttachment({ seq: replay.at(-1)?.seq ?? last } satisfies SocketState);
    server.send(
      JSON.stringify({
        type: "snapshot",
        project: projectView(row),
        events: events.map((e) => ({ seq: e.seq, event: e.type, data: safeParse(e.data) })),
        seq: last,
        artifacts,
      }),
    );
    for (const msg of replay) server.send(JSON.stringify(msg));
    if (status) server.send(JSON.stringify(status));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Called by the Worker (RPC) for each engine event, each status change and each file stored. */
  async publish(msg: LiveMessage): Promise<void> {
    this.remember(msg);
    const text = JSON.stringify(msg);
    for (const ws of this.ctx.getWebSockets()) {
      const st = (ws.deserializeAttachment() as SocketState | null) ?? { seq: 0 };
      if (msg.type === "event") {
        if (msg.seq <= st.seq) continue;
        ws.serializeAttachment({ seq: msg.seq } satisfies SocketState);
      }
      try {
        ws.send(text);
      } catch {
        // The socket is closing; webSocketClose tidies up.
      }
    }
  }

  private remember(msg: LiveMessage): void {
    if (msg.type === "status") {
      this.lastStatus = msg;
      return;
    }
    if (msg.type === "artifact") {
      this.files.delete(msg.name); // re-inserted as the newest
      this.files.set(msg.name, msg.size);
      if (this.files.size > REPLAY_ARTIFACTS) this.files.delete(this.files.keys().next().value!);
      return;
    }
    if (this.published.some((e) => e.seq === msg.seq)) return;
    this.published.push(msg);
    this.published.sort((a, b) => a.seq - b.seq);
    if (this.published.length > REPLAY_EVENTS) this.published.shift();
  }

  /** Closes every socket (the project was deleted). */
  async closeAll(reason: string): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) ws.close(1000, reason.slice(0, 120));
  }

  /** Closes the sockets of one user (who signed out); 4001 tells the app not to reconnect. */
  async closeUser(user: string): Promise<void> {
    for (const ws of this.ctx.getWebSockets(userTag(user))) ws.close(SIGNED_OUT, "signed out");
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === "ping") ws.send("pong");
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // 1005, 1006 and 1015 only describe a close; they cannot be sent back.
    ws.close([1005, 1006, 1015].includes(code) ? 1000 : code, reason);
  }
}

/** Whether a remembered status is later than the row the snapshot read. */
function newerThan(msg: StatusMessage, row: ProjectRow): boolean {
  const p = msg.project as { status?: string; updated_at?: number } | null;
  return !!p && p.status !== row.status && (p.updated_at ?? 0) >= row.updated_at;
}

/** The snapshot's files: those D1 showed, plus any published that its read did not see yet. */
function withPublished(stored: ArtifactEntry[], published: Map<string, number>): ArtifactEntry[] {
  const names = new Set(stored.map((a) => a.name));
  const missed = [...published].filter(([name]) => !names.has(name)).map(([name, size]) => ({ name, size }));
  if (missed.length === 0) return stored;
  return [...stored, ...missed].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
