import type { AppRouter } from "../context";

export function registerCredits(_r: AppRouter): void {}
