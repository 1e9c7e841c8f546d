/** What every view shares: the signed-in user and their credits, navigation, and the
 * status line. Views get this instead of reaching for globals. */
import type { Balance, User } from "./api";

export interface App {
  user: User | null;
  credits: Balance | null;
  /** Goes to a path of the app (pushes history unless `replace`). */
  go(path: string, replace?: boolean): void;
  /** Reloads the user and balance and redraws the header. */
  refreshMe(): Promise<void>;
  /** Forgets the session locally and goes to the sign-in page. */
  signedOut(): void;
  /** Announces a short message (also to screen readers). */
  notify(text: string, kind?: "info" | "error"): void;
}

/** A view draws into `root` and may return a function that stops its timers and sockets. */
export type View = (app: App, root: HTMLElement, params: Record<string, string>) => void | (() => void) | Promise<void | (() => void)>;
