/** JSON responses, API errors and a small route table. */

export type Params = Record<string, string>;

/** An error a client can act on: status, stable code, message, and the field at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what = "not found") => new ApiError(404, "not_found", what);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function errorResponse(e: ApiError): Response {
  const error: Record<string, string> = { code: e.code, message: e.message };
  if (e.field) error.field = e.field;
  return json({ error }, e.status, e.headers);
}

/** Reads a JSON object body; anything else is a 400/413/415 naming what is wrong. */
export async function readJson(req: Request, maxBytes = 512 * 1024): Promise<Record<string, unknown>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new ApiError(415, "unsupported_media_type", "send the body as application/json");
  return parseJsonObject(await readBody(req, maxBytes));
}

const tooLarge = (maxBytes: number) => new ApiError(413, "too_large", `the body is larger than ${maxBytes} bytes`);

/** Memory a body may take before its bytes arrive: a declared length beyond this is
 * believed only as far as bytes come in, so a client that declares a large body and then
 * sends it slowly (or never) cannot make the Worker hold memory it did not fill. */
const PREALLOCATE_MAX = 1024 * 1024;

/** The body's bytes, counted as they arrive: a body past `maxBytes` is a 413 as soon as
 * the count passes it, whether or not it declared its length (a chunked body declares
 * none), so an endless body costs the Worker no more than the limit. The bytes go into one
 * buffer, sized from Content-Length when declared (up to PREALLOCATE_MAX) and grown by
 * doubling as bytes arrive. */
export async function readBody(req: Request, maxBytes: number): Promise<ArrayBuffer> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new ArrayBuffer(0);
  const reader = req.body.getReader();
  let out: Uint8Array<ArrayBuffer> = new Uint8Array(Number.isSafeInteger(declared) && declared > 0 ? Math.min(declared, PREALLOCATE_MAX) : 64 * 1024);
  let total = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    if (total + r.value.byteLength > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    if (total + r.value.byteLength > out.byteLength) out = grown(out, Math.min(maxBytes, Math.max(out.byteLength * 2, total + r.value.byteLength)));
    out.set(r.value, total);
    total += r.value.byteLength;
  }
  return total === out.byteLength ? out.buffer : out.buffer.slice(0, total);
}

function grown(buf: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(size);
  next.set(buf);
  return next;
}

/** A JSON object from raw bytes (also for a body already read for its signature). */
export function parseJsonObject(bytes: ArrayBuffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw new ApiError(400, "bad_json", "the body is not valid UTF-8 JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ApiError(400, "bad_json", "the body must be a JSON object");
  return value as Record<string, unknown>;
}

export type Handler<C> = (ctx: C, params: Params) => Promise<Response>;

interface Route<C> {
  method: string;
  parts: string[];
  handler: Handler<C>;
}

/** Routes like "/api/projects/:id/assets/:name"; a path that matches with another
 * method is a 405, no match at all a 404. */
export class Router<C> {
  private routes: Route<C>[] = [];

  on(method: string, pattern: string, handler: Handler<C>): this {
    this.routes.push({ method, parts: pattern.split("/").filter(Boolean), handler });
    return this;
  }

  find(method: string, pathname: string): { handler: Handler<C>; params: Params } | ApiError {
    const segs = pathname.split("/").filter(Boolean);
    let pathMatched = false;
    for (const r of this.routes) {
      const params = match(r.parts, segs);
      if (!params) continue;
      pathMatched = true;
      if (r.method === method || (method === "HEAD" && r.method === "GET")) return { handler: r.handler, params };
    }
    return pathMatched
      ? new ApiError(405, "method_not_allowed", `${method} is not allowed here`)
      : notFound(`no route for ${pathname}`);
  }
}

function match(parts: string[], segs: string[]): Params | null {
  if (parts.length !== segs.length) return null;
  const params: Params = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    let s: string;
    try {
      s = decodeURIComponent(segs[i]!);
    } catch {
      return null;
    }
    if (p.startsWith(":")) params[p.slice(1)] = s;
    else if (p !== s) return null;
  }
  return params;
}
