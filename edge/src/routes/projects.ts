import type { AppRouter } from "../context";

export function registerProjects(_r: AppRouter): void {}
