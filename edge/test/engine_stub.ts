/** Stands in for engines inside a test: every outbound fetch is recorded (method, origin,
 * path, headers, body) and answered by the test's handler, never by the network. Queue
 * sends are captured too, so no message reaches the real local queue consumer. */
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import type { JobMessage } from "../src/env";
import { signature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../src/service_auth";

export interface EngineCall {
  method: string;
  origin: string;
  path: string;
  headers: Headers;
  body: string;
}

export type EngineHandler = (call: EngineCall) => Response | Promise<Response>;

export function stubEngine(handler: EngineHandler): EngineCall[] {
  const calls: EngineCall[] = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init as RequestInit);
    const url = new URL(req.url);
    const call: EngineCall = { method: req.method, origin: url.origin, path: url.pathname + url.search, headers: req.headers, body: await req.text() };
    calls.push(call);
    return handler(call);
  });
  return calls;
}

export function captureQueue(): JobMessage[] {
  const sent: JobMessage[] = [];
  vi.spyOn(env.JOBS, "send").mockImplementation(async (body: JobMessage) => {
    sent.push(body);
    return undefined as never;
  });
  vi.spyOn(env.JOBS, "sendBatch").mockImplementation(async (msgs: Iterable<MessageSendRequest<JobMessage>>) => {
    for (const m of msgs) sent.push(m.body);
    return undefined as never;
  });
  return sent;
}

/** True when the call carries a fresh, valid signature over exactly what was sent. */
export async function signedCorrectly(call: EngineCall): Promise<boolean> {
  const ts = call.headers.get(TIMESTAMP_HEADER);
  const sig = call.headers.get(SIGNATURE_HEADER);
  if (!ts || !sig || Math.abs(Date.now() / 1000 - Number(ts)) > 5) return false;
  return sig === (await signature(env.ENGINE_SECRET!, ts, call.method, call.path, call.body));
}

export const accepted = (id: string, status = "queued") => Response.json({ id, status }, { status: 202 });
export const engineError = (status: number, message: string, field?: string, headers: Record<string, string> = {}) =>
  Response.json({ error: { code: "x", message, ...(field ? { field } : {}) } }, { status, headers });
