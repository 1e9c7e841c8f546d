/** zod at the boundary: a value that fails its schema becomes a 422 naming the field. */
import type { z } from "zod";
import { ApiError } from "./http";

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join(".") || undefined;
  throw new ApiError(422, "invalid", field ? `${field}: ${issue.message}` : issue.message, field);
}
