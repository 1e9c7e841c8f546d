import type { AppRouter } from "../context";

export function registerAuth(_r: AppRouter): void {}
