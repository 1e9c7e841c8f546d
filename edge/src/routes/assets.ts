import type { AppRouter } from "../context";

export function registerAssets(_r: AppRouter): void {}
