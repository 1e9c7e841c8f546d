/** Credits: a user's balance and history, the public price list, and admin grants. */
import { z } from "zod";
import { FORMATS, pricing } from "../config";
import { MUSIC_TAIL_S, OVERAGE_SHARE, videoCost } from "../rules";
import { SPEECH } from "../vocab.gen";
import type { AppRouter, Ctx } from "../context";
import { ApiError, json, readJson } from "../http";
import { balance, grant, history } from "../ledger";
import { requireAdmin, requireUser } from "../session";
import { parseWith } from "../validate";

const MAX_PAGE = 100;
// Durations the price list shows a cost for: the limits, the defaults, and either side
// of a minute boundary (a started minute is charged in full).
const EXAMPLE_DURATIONS = [15, 45, 60, 61, 180, 600];

/** How the seconds a video is billed for are found (speech_estimate.ts, rules.ts). */
const BILLING = {
  rule:
    "A video is billed for its planned length: a topic's for the duration asked; a script's for ceil(speech / " +
    "speech.fill) seconds (at least its format's min_duration), where speech is the script's estimated speaking time " +
    "(speech.en_words_per_second per word, speech.ko_syllables_per_second per Hangul syllable), since a script's video " +
    "lasts as long as its narration. Each is charged base + per_minute for each started minute. A script whose video would be " +
    "longer than its format's max_duration is refused. A render that runs longer than the billed seconds x " +
    "(1 + overage.share) + overage.music_tail_s is charged the difference when it completes, never below a zero balance. " +
    "An edit of a finished video costs regenerate (a scene) or recompose, plus, when new narration makes the video " +
    "longer, the cost of the added time; it is held when sent, captured when it succeeds and returned when it fails; " +
    "a project may have edit_limit edits.",
  speech: { en_words_per_second: SPEECH.enWordsPerSecond, ko_syllables_per_second: SPEECH.koSyllablesPerSecond, fill: SPEECH.fill },
  overage: { share: OVERAGE_SHARE, music_tail_s: MUSIC_TAIL_S },
};

const historyQuery = z.object({
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, "must be the id of a history entry (a positive integer)")
    .transform(Number)
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `must be a whole number from 1 to ${MAX_PAGE}`)
    .transform(Number)
    .pipe(z.number().min(1, `must be from 1 to ${MAX_PAGE}`).max(MAX_PAGE, `must be from 1 to ${MAX_PAGE}`))
    .optional(),
});

const grantBody = z
  .object({
    user_id: z.string("must be a string").min(1, "must not be empty").max(100, "at most 100 characters").optional(),
    email: z.string("must be a string").trim().toLowerCase().min(1, "must not be empty").max(254, "at most 254 characters").optional(),
    amount: z.number("must be a number").int("must be a whole number").min(1, "at least 1").max(100_000, "at most 100000"),
    note: z.string("must be a string").max(200, "at most 200 characters").optional(),
    request_id: z.string("give a request_id (1 to 100 characters) so a retry cannot grant twice").min(1, "must not be empty").max(100, "at most 100 characters"),
  })
  .superRefine((b, ctx) => {
    if (b.user_id === undefined && b.email === undefined)
      ctx.addIssue({ code: "custom", path: ["user_id"], message: "give user_id or email" });
    else if (b.user_id !== undefined && b.email !== undefined)
      ctx.addIssue({ code: "custom", path: ["email"], message: "give user_id or email, not both" });
  });

async function credits({ req, env, url }: Ctx): Promise<Response> {
  const user = await requireUser(env, req);
  const q = parseWith(historyQuery, Object.fromEntries(url.searchParams));
  const limit = q.limit ?? 20;
  // One extra row says whether another page follows.
  const rows = await history(env.DB, user.id, limit + 1, q.cursor);
  const page = rows.slice(0, limit);
  return json({
    balance: await balance(env.DB, user.id),
    history: page,
    next_cursor: rows.length > limit ? page[page.length - 1]!.id : null,
  });
}

async function prices({ env }: Ctx): Promise<Response> {
  const p = pricing(env);
  const formats = Object.fromEntries(
    Object.entries(FORMATS).map(([name, f]) => [name, { ...f, default_cost: videoCost(p, f.default_duration) }]),
  );
  return json(
    { ...p, formats, examples: EXAMPLE_DURATIONS.map((duration) => ({ duration, cost: videoCost(p, duration) })), billing: BILLING },
    200,
    { "cache-control": "public, max-age=60" },
  );
}

/** Grants credits to a user. request_id makes it idempotent: a repeat books nothing and
 * answers 200 with the grant made the first time (201). */
async function adminGrant({ req, env }: Ctx): Promise<Response> {
  await requireAdmin(env, req, "grant credits");
  const body = parseWith(grantBody, await readJson(req));
  const target = await (body.user_id !== undefined
    ? env.DB.prepare("SELECT id, email FROM users WHERE id = ?").bind(body.user_id)
    : env.DB.prepare("SELECT id, email FROM users WHERE email = ?").bind(body.email)
  ).first<{ id: string; email: string }>();
  if (!target) {
    const field = body.user_id !== undefined ? "user_id" : "email";
    throw new ApiError(404, "not_found", `no user with this ${field}`, field);
  }
  const opKey = `admin:${body.request_id}`;
  const [inserted, booked] = await env.DB.batch<{ id: number; user_id: string; amount: number; note: string; created_at: number }>([
    grant(env.DB, target.id, body.amount, opKey, body.note ?? "admin grant"),
    env.DB.prepare("SELECT id, user_id, amount, note, created_at FROM credit_ledger WHERE op_key = ?").bind(opKey),
  ]);
  const entry = booked!.results[0]!;
  if (entry.user_id !== target.id || entry.amount !== body.amount)
    throw new ApiError(409, "request_id_used", "this request_id was already used for a different grant", "request_id");
  return json(
    {
      user: { id: target.id, email: target.email },
      grant: { id: entry.id, amount: entry.amount, note: entry.note, request_id: body.request_id, created_at: entry.created_at },
      balance: await balance(env.DB, target.id),
    },
    inserted!.meta.changes > 0 ? 201 : 200,
  );
}

export function registerCredits(r: AppRouter): void {
  r.on("GET", "/api/credits", credits);
  r.on("GET", "/api/pricing", prices);
  r.on("POST", "/api/admin/credits/grant", adminGrant);
}
