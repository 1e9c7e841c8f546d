import type { AppRouter } from "../context";

export function registerInternal(_r: AppRouter): void {}
