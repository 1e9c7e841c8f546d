import type { Env } from "./env";

export async function sweep(_env: Env): Promise<void> {}
