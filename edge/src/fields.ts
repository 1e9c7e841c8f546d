/** Checks a parsed JSON body against a zod schema: the first problem becomes a 422 that
 * names its field ("data.progress", "ttl_s"). */
import type { z } from "zod";
import { ApiError } from "./http";

export function checkBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join(".") || undefined;
  throw new ApiError(422, "invalid_field", field ? `${field}: ${issue.message}` : issue.message, field);
}

/** A JSON object from raw bytes (a body already read for its signature); 400 otherwise. */
export function parseJsonObject(bytes: ArrayBuffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw new ApiError(400, "bad_json", "the body is not valid UTF-8 JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ApiError(400, "bad_json", "the body must be a JSON object");
  return value as Record<string, unknown>;
}
