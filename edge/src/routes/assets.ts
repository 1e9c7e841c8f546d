/** A project's files for its owner (Range requests included), share links for anyone
 * holding one (made only when the owner asks, revocable), and the live-progress
 * WebSocket (opened with a one-time ticket). Another user's project or file is a 404,
 * exactly like a missing one. */
import { z } from "zod";
import { type ArtifactRow, findArtifact, isArtifactName } from "../artifacts";
import type { AppRouter, Ctx } from "../context";
import { parseWith } from "../validate";
import { ApiError, json, notFound, readBody, readJson } from "../http";
import { issueLiveTicket, redeemLiveTicket } from "../live_ticket";
import { liveStub, ownProject } from "../project_state";
import { checkShare, SHARE_TTL_DEFAULT_S, SHARE_TTL_MAX_S, SHARE_TTL_MIN_S, shareLink } from "../share";

const OWNER_CACHE = "private, max-age=3600";

/** The byte range a Range header asks for: null to send the whole file (no header, another
 * unit, several ranges or a malformed one), "unsatisfiable" when it starts past the end. */
export function parseRange(header: string | null, size: number): { offset: number; length: number } | "unsatisfiable" | null {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const n = Number(m[2]);
    if (n === 0 || size === 0) return "unsatisfiable";
    const length = Math.min(n, size);
    return { offset: size - length, length };
  }
  const start = Number(m[1]);
  if (m[2] !== "" && Number(m[2]) < start) return null; // invalid: ignored, as RFC 9110 says
  if (start >= size) return "unsatisfiable";
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  return { offset: start, length: end - start + 1 };
}

/** Sends an artifact the way a file server would: HEAD, Range, ETag, disposition. */
async function serve(ctx: Ctx, art: ArtifactRow, cacheControl: string): Promise<Response> {
  const { req, env, url } = ctx;
  const range = parseRange(req.headers.get("range"), art.size);
  if (range === "unsatisfiable")
    throw new ApiError(416, "range_not_satisfiable", `the file is ${art.size} bytes long`, undefined, { "content-range": `bytes */${art.size}` });
  const head = req.method === "HEAD";
  const obj = head ? await env.MEDIA.head(art.r2_key) : await env.MEDIA.get(art.r2_key, range ? { range } : {});
  if (!obj) throw notFound("no such file");
  const disposition = url.searchParams.get("download") === "1" ? "attachment" : "inline";
  const headers: Record<string, string> = {
    "content-type": art.content_type,
    "content-length": String(range ? range.length : obj.size),
    "accept-ranges": "bytes",
    etag: obj.httpEtag,
    "last-modified": obj.uploaded.toUTCString(),
    "cache-control": cacheControl,
    "content-disposition": `${disposition}; filename="${art.name}"`,
    "x-content-type-options": "nosniff",
  };
  if (range) headers["content-range"] = `bytes ${range.offset}-${range.offset + range.length - 1}/${obj.size}`;
  const body = head ? null : (obj as R2ObjectBody).body;
  return new Response(body, { status: range ? 206 : 200, headers });
}

async function ownArtifact(ctx: Ctx, id: string, name: string): Promise<ArtifactRow> {
  const art = isArtifactName(name) ? await findArtifact(ctx.env, id, name) : null;
  if (!art) throw notFound("no such file");
  return art;
}

const ShareBody = z.object({
  name: z.string().refine(isArtifactName, "not an artifact name").default("video.mp4"),
  ttl_s: z.number().int().min(SHARE_TTL_MIN_S).max(SHARE_TTL_MAX_S).default(SHARE_TTL_DEFAULT_S),
});

/** A POST without a content type must be empty, and then takes every default. */
async function emptyBody(req: Request): Promise<Record<string, unknown>> {
  if ((await readBody(req, 1024)).byteLength !== 0) throw new ApiError(415, "unsupported_media_type", "send the body as application/json");
  return {};
}

async function createShare(ctx: Ctx, id: string): Promise<Response> {
  const project = await ownProject(ctx.env, ctx.req, id);
  const body = parseWith(ShareBody, ctx.req.headers.has("content-type") ? await readJson(ctx.req) : await emptyBody(ctx.req));
  if (project.status !== "completed") throw new ApiError(409, "not_completed", "only a completed project can be shared");
  await ownArtifact(ctx, id, body.name);
  const gen = await ctx.env.DB.prepare("SELECT share_generation FROM projects WHERE id = ?").bind(id).first<number>("share_generation");
  return json(await shareLink(ctx.env, id, body.name, body.ttl_s, gen ?? 0));
}

/** Ends every share link of the project made so far. */
async function revokeShares(ctx: Ctx, id: string): Promise<Response> {
  await ownProject(ctx.env, ctx.req, id);
  await ctx.env.DB.prepare("UPDATE projects SET share_generation = share_generation + 1 WHERE id = ?").bind(id).run();
  return new Response(null, { status: 204 });
}

async function openShare(ctx: Ctx, id: string, name: string): Promise<Response> {
  const art = await ctx.env.DB.prepare(
    `SELECT a.*, p.share_generation FROM artifacts a JOIN projects p ON p.id = a.project_id
       WHERE a.project_id = ? AND a.name = ? AND p.status = 'completed'`,
  )
    .bind(id, name)
    .first<ArtifactRow & { share_generation: number }>();
  if (!art) throw notFound("this file is no longer shared");
  const left = await checkShare(ctx.env, id, name, art.share_generation, ctx.url);
  return serve(ctx, art, `private, max-age=${Math.min(3600, left)}`);
}

async function createLiveTicket(ctx: Ctx, id: string): Promise<Response> {
  const project = await ownProject(ctx.env, ctx.req, id);
  return json(await issueLiveTicket(ctx.env, project.user_id, id));
}

/** Hands a WebSocket opened with a live ticket to the project's Durable Object. */
async function openLive(ctx: Ctx, id: string): Promise<Response> {
  // Checked first, so a plain GET does not use the ticket up.
  if (ctx.req.headers.get("upgrade")?.toLowerCase() !== "websocket")
    throw new ApiError(426, "upgrade_required", "open this URL as a WebSocket", undefined, { upgrade: "websocket" });
  const user = await redeemLiveTicket(ctx.env, ctx.url.searchParams.get("ticket"), id);
  const headers = new Headers(ctx.req.headers);
  headers.set("x-project-id", id);
  headers.set("x-user-id", user);
  return liveStub(ctx.env, id).fetch(new Request(ctx.req, { headers }));
}

export function registerAssets(r: AppRouter): void {
  r.on("GET", "/api/projects/:id/assets/:name", async (ctx, p) => {
    await ownProject(ctx.env, ctx.req, p.id!);
    return serve(ctx, await ownArtifact(ctx, p.id!, p.name!), OWNER_CACHE);
  });
  r.on("POST", "/api/projects/:id/share", (ctx, p) => createShare(ctx, p.id!));
  r.on("DELETE", "/api/projects/:id/share", (ctx, p) => revokeShares(ctx, p.id!));
  r.on("GET", "/share/:id/:name", (ctx, p) => openShare(ctx, p.id!, p.name!));
  r.on("POST", "/api/projects/:id/live-ticket", (ctx, p) => createLiveTicket(ctx, p.id!));
  r.on("GET", "/api/projects/:id/live", (ctx, p) => openLive(ctx, p.id!));
}
