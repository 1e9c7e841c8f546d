/** API failures in words a user understands, in their language. The server's own
 * message is shown only where it is about what they typed (a field), never a status
 * code or a trace. */
import { ApiFailure } from "./api";
import { t, type Key } from "./i18n";

const BY_CODE: Record<string, Key> = {
  network: "error.network",
  insufficient_credits: "error.credits",
  engine_unavailable: "error.engine_busy",
  email_taken: "error.email_taken",
  bad_credentials: "error.bad_credentials",
  too_many_attempts: "error.too_many_attempts",
  bad_token: "error.session_ended",
  unauthenticated: "error.session_ended",
  not_found: "error.not_found",
  not_completed: "error.not_completed",
  changed: "error.changed",
  not_configured: "error.not_configured",
};

export function errorText(e: unknown): string {
  if (!(e instanceof ApiFailure)) return t("error.unexpected");
  const key = BY_CODE[e.code];
  if (key) return t(key, { wait: e.retryAfter ?? 30 });
  if (e.status === 422 || e.status === 400) return t("error.invalid", { detail: detail(e) });
  if (e.status >= 500) return t("error.server");
  return t("error.unexpected");
}

/** The server's sentence about one field without the "field: " prefix it starts with. */
export function detail(e: ApiFailure): string {
  return e.field && e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message;
}
