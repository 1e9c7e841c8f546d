/** The edge's JSON API as the app uses it: the session token, typed answers, and one
 * error type that keeps the API's code and field so views can put a message next to the
 * right control. */

import type { Captions, Format, Lang, Status, Style } from "../../edge/src/vocab.gen";

const TOKEN_KEY = "storycut.token";

export interface User {
  id: string;
  email: string;
  role: string;
  created_at: number;
}

export interface Balance {
  available: number;
  held: number;
  spent: number;
  granted: number;
}

export interface ProjectSpec {
  topic?: string;
  script?: string;
  format: Format;
  duration: number;
  lang?: Lang;
  style?: Style;
  voice?: string;
  captions?: Captions;
  /** The narration's pace as a factor (1 = normal). */
  pace?: number;
  /** The user's own files as the edge stored them. */
  music?: { key: string; filename: string };
  logo?: { key: string; filename: string };
}

/** A file sent with a create request: its name and its bytes in base64. */
export interface Upload {
  filename: string;
  data: string;
}

/** What a create request sends: the spec's choices, a pace by name, the files themselves. */
export type CreateRequest = Partial<Omit<ProjectSpec, "pace" | "music" | "logo">> & { pace?: string; music?: Upload; logo?: Upload };

export interface Metadata {
  title?: string;
  description?: string;
  hashtags?: string[];
  chapters?: { start: number; title: string }[];
}

export interface Project {
  id: string;
  status: Status;
  stage: string | null;
  progress: number;
  spec: ProjectSpec;
  result: { artifacts: string[]; duration: number; metadata: Metadata | null } | null;
  error: string | null;
  error_code?: string | null;
  cost: number;
  created_at: number;
  updated_at: number;
}

/** Whether a new account got its free credits, and why not. */
export type SignupGrant = { given: true; amount: number } | { given: false; amount: 0; reason: "turnstile_not_configured" | "no_signup_grant" };

export interface Pricing {
  signup_grant: number;
  base: number;
  per_minute: number;
  formats: Record<string, { min_duration: number; max_duration: number; default_duration: number; default_cost: number }>;
}

/** An API answer that was not a success, or no answer at all (status 0). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export const session = {
  token: (): string | null => localStorage.getItem(TOKEN_KEY),
  save: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiFailure(0, "network", "no answer from the server");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: reported by status below.
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    const retry = Number(res.headers.get("retry-after"));
    throw new ApiFailure(res.status, e?.code ?? `http_${res.status}`, e?.message ?? res.statusText, e?.field, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
  return data as T;
}

export const api = {
  register: (email: string, password: string, turnstile_token?: string) =>
    request<{ token: string; user: User; grant: SignupGrant }>("POST", "/api/auth/register", { email, password, turnstile_token }),
  authConfig: () => request<{ turnstile_site_key: string | null }>("GET", "/api/auth/config"),
  login: (email: string, password: string, turnstile_token?: string) =>
    request<{ token: string; user: User }>("POST", "/api/auth/login", { email, password, turnstile_token }),
  logout: () => request<void>("POST", "/api/auth/logout"),
  me: () => request<{ user: User; credits: Balance }>("GET", "/api/me"),
  pricing: () => request<Pricing>("GET", "/api/pricing"),
  create: (spec: CreateRequest) => request<{ project: Project }>("POST", "/api/projects", spec),
  list: (cursor?: string | null) =>
    request<{ projects: Project[]; next_cursor: string | null }>("GET", `/api/projects${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`),
  project: (id: string) => request<{ project: Project }>("GET", `/api/projects/${encodeURIComponent(id)}`),
  remove: (id: string) => request<void>("DELETE", `/api/projects/${encodeURIComponent(id)}`),
  regenerate: (id: string, scene: number, edit: { narration?: string; visual?: string }) =>
    request<{ project: Project }>("POST", `/api/projects/${encodeURIComponent(id)}/scenes/${scene}/regenerate`, edit),
  recompose: (id: string) => request<{ project: Project }>("POST", `/api/projects/${encodeURIComponent(id)}/recompose`),
  share: (id: string, name: string, ttl_s: number) =>
    request<{ url: string; expires_at: number }>("POST", `/api/projects/${encodeURIComponent(id)}/share`, { name, ttl_s }),
  revokeShares: (id: string) => request<void>("DELETE", `/api/projects/${encodeURIComponent(id)}/share`),
  liveTicket: (id: string) => request<{ ticket: string; expires_at: number }>("POST", `/api/projects/${encodeURIComponent(id)}/live-ticket`),
};

/** A project's file for its owner, as an object URL (images, small JSON); the caller
 * revokes it. `fresh` revalidates instead of trusting the browser's cache (after an edit). */
export async function assetBlob(id: string, name: string, fresh = false): Promise<Blob> {
  const token = session.token();
  const res = await fetch(`/api/projects/${encodeURIComponent(id)}/assets/${encodeURIComponent(name)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    cache: fresh ? "no-cache" : "default",
  });
  if (!res.ok) throw new ApiFailure(res.status, `http_${res.status}`, `cannot load ${name}`);
  return res.blob();
}

/** Saves a project's file through the browser's download, fetched with the session
 * (a link could not carry the Authorization header). */
export async function downloadAsset(id: string, name: string): Promise<void> {
  const url = URL.createObjectURL(await assetBlob(id, name, true));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy by the time the click returns; a minute is generous.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The live channel's URL with a one-time ticket (browsers cannot set headers on a
 * WebSocket, and the session token never goes into a URL). */
export function liveUrl(id: string, ticket: string): string {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  return `${proto}//${location.host}/api/projects/${encodeURIComponent(id)}/live?ticket=${encodeURIComponent(ticket)}`;
}
