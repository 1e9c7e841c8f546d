/** One-time tickets for the live WebSocket. A browser cannot set headers on a WebSocket,
 * and a session token in a URL ends up in logs and history for its whole week; so the
 * app asks for a ticket with its token (POST /api/projects/:id/live-ticket) and opens
 * /api/projects/:id/live?ticket=. A ticket works once, within 60 s, for that project and
 * user only. D1 remembers where each user opened sockets, so signing out can close them. */
import { hex, sha256Hex } from "./crypto";
import type { Env } from "./env";
import { ApiError, notFound } from "./http";
import { liveStub } from "./project_state";

export const LIVE_TICKET_TTL_MS = 60_000;

export async function issueLiveTicket(env: Env, userId: string, projectId: string, now = Date.now()): Promise<{ ticket: string; expires_at: number }> {
  const ticket = hex(crypto.getRandomValues(new Uint8Array(32)));
  const expires_at = now + LIVE_TICKET_TTL_MS;
  await env.DB.batch([
    env.DB.prepare("DELETE FROM live_tickets WHERE user_id = ? AND expires_at <= ?").bind(userId, now),
    env.DB.prepare("INSERT INTO live_tickets (ticket_hash, project_id, user_id, expires_at) VALUES (?, ?, ?, ?)").bind(
      await sha256Hex(ticket),
      projectId,
      userId,
      expires_at,
    ),
  ]);
  return { ticket, expires_at };
}

/** The user a ticket was issued to. The ticket is used up by this call, whatever the
 * outcome; 401 when it is missing, unknown, used, expired or for another project; 404
 * when the project is no longer the user's. */
export async function redeemLiveTicket(env: Env, ticket: string | null, projectId: string, now = Date.now()): Promise<string> {
  const bad = new ApiError(401, "bad_ticket", "the live ticket is missing, used, expired or for another project; ask for a new one", "ticket");
  if (!ticket || !/^[0-9a-f]{64}$/.test(ticket)) throw bad;
  const row = await env.DB.prepare("DELETE FROM live_tickets WHERE ticket_hash = ? RETURNING project_id, user_id, expires_at")
    .bind(await sha256Hex(ticket))
    .first<{ project_id: string; user_id: string; expires_at: number }>();
  if (!row || row.project_id !== projectId || row.expires_at <= now) throw bad;
  const opened = await env.DB.prepare(
    `INSERT INTO live_sockets (user_id, project_id, opened_at)
       SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM projects WHERE id = ?2 AND user_id = ?1)
     ON CONFLICT(user_id, project_id) DO UPDATE SET opened_at = ?3`,
  )
    .bind(row.user_id, projectId, now)
    .run();
  if (opened.meta.changes === 0) throw notFound("no such project");
  return row.user_id;
}

/** Sign-out: unused tickets are dropped and every socket the user opened is closed. */
export async function endLiveSessions(env: Env, userId: string): Promise<void> {
  const [, opened] = await env.DB.batch<{ project_id: string }>([
    env.DB.prepare("DELETE FROM live_tickets WHERE user_id = ?").bind(userId),
    env.DB.prepare("DELETE FROM live_sockets WHERE user_id = ? RETURNING project_id").bind(userId),
  ]);
  await Promise.all(
    opened!.results.map(async ({ project_id }) => {
      try {
        await liveStub(env, project_id).closeUser(userId);
      } catch (e) {
        console.warn(`live: cannot close ${userId}'s sockets on ${project_id}: ${String(e)}`);
      }
    }),
  );
}
