/** The Storycut edge Worker: routes, the queue consumers and the cron sweep. */
import type { Ctx } from "./context";
import type { Env, JobMessage } from "./env";
import { ApiError, errorResponse, json, Router } from "./http";
import { registerAssets } from "./routes/assets";
import { registerAuth } from "./routes/auth";
import { registerCredits } from "./routes/credits";
import { registerInternal } from "./routes/internal";
import { registerProjects } from "./routes/projects";
import { consumeDeadLetters, consumeJobs, DEAD_LETTER_QUEUE } from "./queue";
import { sweep } from "./sweep";

export { ProjectLive } from "./live";

const router = new Router<Ctx>();
router.on("GET", "/api/health", async () => json({ ok: true }));
registerAuth(router);
registerCredits(router);
registerProjects(router);
registerAssets(router);
registerInternal(router);

function corsHeaders(env: Env, req: Request): Record<string, string> {
  const origin = req.headers.get("origin");
  if (!origin || origin !== env.CORS_ORIGIN) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-allow-headers": "authorization, content-type, range",
    "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
    "access-control-expose-headers": "content-range, accept-ranges, content-length, retry-after",
    "access-control-max-age": "600",
    vary: "Origin",
  };
}

async function handle(req: Request, env: Env, exec: ExecutionContext): Promise<Response> {
  const url = new URL(req.url);
  const cors = corsHeaders(env, req);
  if (req.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });
  let res: Response;
  try {
    const found = router.find(req.method, url.pathname);
    if (found instanceof ApiError) {
      // Paths outside the API belong to the web app (single-page fallback included).
      if (found.status === 404 && !/^\/(api|internal)\//.test(url.pathname)) return env.ASSETS.fetch(req);
      throw found;
    }
    res = await found.handler({ req, env, exec, url }, found.params);
  } catch (e) {
    if (e instanceof ApiError) res = errorResponse(e);
    else {
      // Never a stack trace, SQL or secret in a response: the details go to the log.
      console.error(`${req.method} ${url.pathname}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      res = errorResponse(new ApiError(500, "internal", "something went wrong on our side; please try again"));
    }
  }
  if (res.status === 101 || Object.keys(cors).length === 0) return res;
  const out = new Response(res.body, res);
  for (const [k, v] of Object.entries(cors)) out.headers.set(k, v);
  return out;
}

export default {
  fetch: handle,
  async queue(batch: MessageBatch<JobMessage>, env: Env): Promise<void> {
    if (batch.queue === DEAD_LETTER_QUEUE) await consumeDeadLetters(batch, env);
    else await consumeJobs(batch, env);
  },
  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    await sweep(env);
  },
} satisfies ExportedHandler<Env, JobMessage>;
