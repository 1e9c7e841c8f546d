/** The project's live channel: a WebSocket that reconnects with backoff for as long as
 * the page shows the project. Each (re)connection asks for a one-time ticket first and
 * starts with a snapshot, so nothing missed while disconnected is lost. It stops for good
 * when the session has ended (signed out here or elsewhere) or the project is gone. */
import { api, ApiFailure, liveUrl } from "./api";

export type LiveMessage =
  | { type: "snapshot"; project: unknown; events: { seq: number; event: string; data: unknown }[]; seq: number; artifacts?: { name: string; size: number }[] }
  | { type: "event"; seq: number; event: string; data: unknown }
  | { type: "status"; project: unknown }
  | { type: "artifact"; name: string; size: number };

const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000];
const PING_MS = 25000;
/** The edge's close code for a socket whose user signed out (edge/src/live.ts). */
const SIGNED_OUT = 4001;

export class LiveChannel {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private closed = false;
  private retryTimer = 0;
  private pingTimer = 0;

  constructor(
    private readonly project: string,
    private readonly onMessage: (msg: LiveMessage) => void,
    private readonly onState: (connected: boolean) => void,
  ) {
    void this.open();
  }

  private async open(): Promise<void> {
    let ticket: string;
    try {
      ticket = (await api.liveTicket(this.project)).ticket;
    } catch (e) {
      if (e instanceof ApiFailure && [401, 404].includes(e.status)) this.closed = true;
      else this.retry();
      return;
    }
    if (this.closed) return;
    const ws = new WebSocket(liveUrl(this.project, ticket));
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.onState(true);
      this.pingTimer = window.setInterval(() => ws.readyState === WebSocket.OPEN && ws.send("ping"), PING_MS);
    };
    ws.onmessage = (e) => {
      if (typeof e.data !== "string" || e.data === "pong") return;
      try {
        this.onMessage(JSON.parse(e.data) as LiveMessage);
      } catch {
        // Not a message of ours; ignored.
      }
    };
    ws.onclose = (e) => {
      window.clearInterval(this.pingTimer);
      this.onState(false);
      if (e.code === SIGNED_OUT) this.closed = true;
      this.retry();
    };
  }

  private retry(): void {
    if (this.closed) return;
    const delay = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)]!;
    this.retryTimer = window.setTimeout(() => void this.open(), delay);
  }

  close(): void {
    this.closed = true;
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.pingTimer);
    this.ws?.close(1000, "page closed");
  }
}
