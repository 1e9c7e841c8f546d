/** The credit ledger: append-only rows in D1, each with a unique op_key so a retried
 * booking is a no-op. available = grants - holds + releases (a capture turns a hold
 * into a charge and leaves the balance where the hold put it). */

export type LedgerKind = "grant" | "hold" | "capture" | "release";

export interface Balance {
  available: number; // what the user can spend now
  held: number; // holds not yet captured or released
  spent: number; // captures
  granted: number;
}

/** SQL for the available balance of the user `user` names (a parameter or a column). */
export const availableOf = (user: string) => `SELECT COALESCE(SUM(CASE kind WHEN 'grant' THEN amount WHEN 'hold' THEN -amount
  WHEN 'release' THEN amount ELSE 0 END), 0) FROM credit_ledger WHERE user_id = ${user}`;

/** SQL for a user's available balance; binds one parameter, the user id. */
export const AVAILABLE_SQL = availableOf("?");

export function grant(db: D1Database, user: string, amount: number, opKey: string, note: string, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(`INSERT OR IGNORE INTO credit_ledger (user_id, kind, amount, op_key, note, created_at) VALUES (?, 'grant', ?, ?, ?, ?)`)
    .bind(user, amount, opKey, note, now);
}

/** The project's hold, placed only if the project row exists (the batch that creates the
 * project inserts it only when the balance covers the cost). */
export function holdForProject(db: D1Database, project: string): D1PreparedStatement {
  return db
    .prepare(`INSERT OR IGNORE INTO credit_ledger (user_id, kind, amount, project_id, op_key, note, created_at)
      SELECT user_id, 'hold', cost, id, id || ':hold', 'video', created_at FROM projects WHERE id = ?`)
    .bind(project);
}

/** Settles an operation's hold (op: the project id for its render, projects.edit_op for
 * an edit) as a capture or a release. Exactly one of the two can ever exist: each insert
 * is guarded by the absence of the other, and op_key is unique. */
export function settle(db: D1Database, op: string, kind: "capture" | "release", now = Date.now()): D1PreparedStatement {
  const other = kind === "capture" ? "release" : "capture";
  return db
    .prepare(`INSERT OR IGNORE INTO credit_ledger (user_id, kind, amount, project_id, op_key, note, created_at)
      SELECT user_id, ?1, amount, project_id, ?3 || ':' || ?1, note, ?2 FROM credit_ledger
      WHERE op_key = ?3 || ':hold' AND NOT EXISTS (SELECT 1 FROM credit_ledger WHERE op_key = ?3 || ':' || ?4)`)
    .bind(kind, now, op, other);
}

/** Settles the hold of the edit a queued or running project is making, if any: run before
 * the statement that ends the project (and clears edit_op). With `of` "completed" it
 * releases instead the hold of an edit claimed before `claimedBefore` that never got
 * going (a claim left behind). */
export function settleEdit(
  db: D1Database, project: string, kind: "capture" | "release", now = Date.now(), of: "active" | "completed" = "active", claimedBefore = 0,
): D1PreparedStatement {
  const other = kind === "capture" ? "release" : "capture";
  const which = of === "active" ? "p.status IN ('queued', 'running')" : "p.status = 'completed' AND COALESCE(p.edit_claimed_at, 0) < ?5";
  return db
    .prepare(`INSERT OR IGNORE INTO credit_ledger (user_id, kind, amount, project_id, op_key, note, created_at)
      SELECT h.user_id, ?1, h.amount, h.project_id, p.edit_op || ':' || ?1, h.note, ?2
      FROM projects p JOIN credit_ledger h ON h.op_key = p.edit_op || ':hold'
      WHERE p.id = ?3 AND ${which}
        AND NOT EXISTS (SELECT 1 FROM credit_ledger o WHERE o.op_key = p.edit_op || ':' || ?4)`)
    .bind(kind, now, project, other, ...(of === "completed" ? [claimedBefore] : []));
}

/** An edit's hold, placed only if the batch's claim of the edit (projects.edit_op = op) took. */
export function holdForEdit(db: D1Database, project: string, op: string, amount: number, note: string, now = Date.now()): D1PreparedStatement {
  return db
    .prepare(`INSERT OR IGNORE INTO credit_ledger (user_id, kind, amount, project_id, op_key, note, created_at)
      SELECT user_id, 'hold', ?1, id, ?2 || ':hold', ?3, ?4 FROM projects WHERE id = ?5 AND edit_op = ?2`)
    .bind(amount, op, note, now, project);
}

/** A charge past an operation's hold (op: the project id for its render): a hold and its
 * capture under op + ":overage", of `amount` or what the user has left when that is less,
 * never below zero, and only once the project is completed. Once per operation: a retry
 * finds the op keys taken. */
export function chargeOverage(db: D1Database, project: string, op: string, amount: number, note: string, now = Date.now()): D1PreparedStatement[] {
  return [
    db
      .prepare(`INSERT OR IGNORE INTO credit_ledger (user_id, kind, amount, project_id, op_key, note, created_at)
        SELECT user_id, 'hold', MIN(?1, (${availableOf("projects.user_id")})), id, ?2 || ':overage:hold', ?3, ?4
        FROM projects WHERE id = ?5 AND status = 'completed' AND MIN(?1, (${availableOf("projects.user_id")})) > 0`)
      .bind(amount, op, note, now, project),
    db
      .prepare(`INSERT OR IGNORE INTO credit_ledger (user_id, kind, amount, project_id, op_key, note, created_at)
        SELECT user_id, 'capture', amount, project_id, ?1 || ':overage:capture', note, ?2 FROM credit_ledger WHERE op_key = ?1 || ':overage:hold'`)
      .bind(op, now),
  ];
}

export async function balance(db: D1Database, user: string): Promise<Balance> {
  const row = await db
    .prepare(`SELECT
        COALESCE(SUM(CASE WHEN kind = 'grant' THEN amount END), 0) AS granted,
        COALESCE(SUM(CASE WHEN kind = 'hold' THEN amount END), 0) AS holds,
        COALESCE(SUM(CASE WHEN kind = 'capture' THEN amount END), 0) AS captures,
        COALESCE(SUM(CASE WHEN kind = 'release' THEN amount END), 0) AS releases
      FROM credit_ledger WHERE user_id = ?`)
    .bind(user)
    .first<{ granted: number; holds: number; captures: number; releases: number }>();
  const r = row ?? { granted: 0, holds: 0, captures: 0, releases: 0 };
  return {
    available: r.granted - r.holds + r.releases,
    held: r.holds - r.captures - r.releases,
    spent: r.captures,
    granted: r.granted,
  };
}

export interface LedgerEntry {
  id: number;
  kind: LedgerKind;
  amount: number;
  project_id: string | null;
  note: string | null;
  created_at: number;
}

/** Newest first; `before` is the id to continue below (a cursor). */
export async function history(db: D1Database, user: string, limit: number, before?: number): Promise<LedgerEntry[]> {
  const { results } = await db
    .prepare(`SELECT id, kind, amount, project_id, note, created_at FROM credit_ledger
      WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?`)
    .bind(user, before ?? Number.MAX_SAFE_INTEGER, limit)
    .all<LedgerEntry>();
  return results;
}
