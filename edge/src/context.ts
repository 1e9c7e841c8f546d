import type { Env } from "./env";
import type { Router } from "./http";

/** What every route handler gets. */
export interface Ctx {
  req: Request;
  env: Env;
  exec: ExecutionContext;
  url: URL;
}

export type AppRouter = Router<Ctx>;
