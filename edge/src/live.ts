/** Live progress: one Durable Object per project. The browser's WebSocket (already
 * authorised by the Worker) is accepted with the hibernation API; a joiner first gets a
 * snapshot (the project row and its recent events), then every new message. Engine events
 * carry the engine's seq: one that is not newer than the last one sent is dropped, so
 * every socket sees a strictly increasing sequence even when callbacks arrive twice or
 * out of order. */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "./env";
import { projectView, type ProjectRow } from "./project_state";

export type LiveMessage =
  | { type: "event"; seq: number; event: string; data: unknown }
  | { type: "status"; project: unknown };

const RECENT_EVENTS = 200;

interface SocketState {
  seq: number; // highest event seq this socket has been sent
}

export class ProjectLive extends DurableObject<Env> {
  override async fetch(req: Request): Promise<Response> {
    if (req.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return new Response("expected a WebSocket upgrade", { status: 426 });
    const project = req.headers.get("x-project-id") ?? "";
    const row = await this.env.DB.prepare("SELECT * FROM projects WHERE id = ?").bind(project).first<ProjectRow>();
    if (!row) return new Response("no such project", { status: 404 });
    const { results: events } = await this.env.DB.prepare(
      `SELECT seq, type, data FROM (SELECT seq, type, data FROM project_events WHERE project_id = ?
         ORDER BY seq DESC LIMIT ?) ORDER BY seq`,
    )
      .bind(project, RECENT_EVENTS)
      .all<{ seq: number; type: string; data: string }>();
    const last = Math.max(row.last_seq, ...events.map((e) => e.seq), 0);
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ seq: last } satisfies SocketState);
    server.send(
      JSON.stringify({
        type: "snapshot",
        project: projectView(row),
        events: events.map((e) => ({ seq: e.seq, event: e.type, data: safeParse(e.data) })),
        seq: last,
      }),
    );
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Called by the Worker (RPC) for each engine event and each status change. */
  async publish(msg: LiveMessage): Promise<void> {
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

  /** Closes every socket (the project was deleted). */
  async closeAll(reason: string): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) ws.close(1000, reason.slice(0, 120));
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === "ping") ws.send("pong");
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    ws.close(code === 1005 ? 1000 : code, reason);
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
