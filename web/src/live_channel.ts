/** The project's live channel: a WebSocket that reconnects with backoff for as long as
 * the page shows the project. Each (re)connection starts with a snapshot, so nothing
 * missed while disconnected is lost. */
import { liveUrl } from "./api";

export type LiveMessage =
  | { type: "snapshot"; project: unknown; events: { seq: number; event: string; data: unknown }[]; seq: number; artifacts?: { name: string; size: number }[] }
  | { type: "event"; seq: number; event: string; data: unknown }
  | { type: "status"; project: unknown }
  | { type: "artifact"; name: string; size: number };

const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000];
const PING_MS = 25000;

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
    this.open();
  }

  private open(): void {
    const ws = new WebSocket(liveUrl(this.project));
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
    ws.onclose = () => {
      window.clearInterval(this.pingTimer);
      this.onState(false);
      if (this.closed) return;
      const delay = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)]!;
      this.retryTimer = window.setTimeout(() => this.open(), delay);
    };
  }

  close(): void {
    this.closed = true;
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.pingTimer);
    this.ws?.close(1000, "page closed");
  }
}
