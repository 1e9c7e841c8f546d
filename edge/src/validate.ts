/** zod at the boundary: a value that fails its schema becomes a 422 naming the field
 * (an unknown key is named itself; `fallback` names an issue with no path). */
import type { z } from "zod";
import { ApiError } from "./http";

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, fallback?: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!.slice(0, 40);
    throw new ApiError(422, "invalid", `${key}: is not a known field`, key);
  }
  const field = issue.path.map(String).join(".") || fallback;
  throw new ApiError(422, "invalid", field ? `${field}: ${issue.message}` : issue.message, field);
}
