/** Sign in and sign up. After either, the user goes where they were headed (?next=).
 * Sign-up shows Cloudflare Turnstile's widget when the edge names a site key
 * (GET /api/auth/config): the free credits are given only when that check passes. Sign-in
 * shows it once the edge answers turnstile_required (an account under a guessing run). */
import { api, ApiFailure, session } from "../api";
import type { View } from "../app";
import { append, h } from "../dom";
import { Form } from "../form";
import { t } from "../i18n";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../../edge/src/rules";

// Cloudflare's documented always-pass test site key: its widget always yields the dummy
// token, so the app sends that token without loading the widget (the offline stack runs
// so). A real secret refuses the dummy token, so this opens nothing in production.
const TEST_SITE_KEY = "1x00000000000000000000AA";
const DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";
const TURNSTILE_JS = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";
const LOAD_TIMEOUT_MS = 10_000;

interface TurnstileApi {
  render(el: HTMLElement, opts: { sitekey: string; callback: (token: string) => void; "expired-callback": () => void; "error-callback": () => void }): string;
  reset(id: string): void;
}
declare global {
  interface Window {
    turnstile?: TurnstileApi;
  }
}

/** The sign-up form's human check: `el` to show (null when none), the token to send. */
interface HumanCheck {
  el: HTMLElement | null;
  token(): string | undefined;
  failed(message: string): void;
}

function humanCheck(siteKey: string | null): HumanCheck {
  if (!siteKey) return { el: null, token: () => undefined, failed: () => undefined };
  if (siteKey === TEST_SITE_KEY) return { el: null, token: () => DUMMY_TOKEN, failed: () => undefined };
  let token: string | undefined;
  let widget: string | null = null;
  const box = h("div", { class: "turnstile" });
  const state = h("p", { class: "hint", "aria-live": "polite" }, t("auth.turnstile_loading"));
  const error = h("p", { class: "field-error", role: "alert" });
  const unavailable = () => {
    if (widget === null) state.textContent = t("auth.turnstile_unavailable");
  };
  const script = h("script", { src: TURNSTILE_JS, async: true });
  script.addEventListener("error", unavailable);
  script.addEventListener("load", () => {
    if (!window.turnstile) return unavailable();
    state.textContent = "";
    widget = window.turnstile.render(box, {
      sitekey: siteKey,
      callback: (v) => ((token = v), (error.textContent = "")),
      "expired-callback": () => (token = undefined),
      "error-callback": () => ((token = undefined), (state.textContent = t("auth.turnstile_unavailable"))),
    });
  });
  window.setTimeout(unavailable, LOAD_TIMEOUT_MS);
  document.head.append(script);
  return {
    el: h("div", { class: "field", "data-field": "turnstile_token", role: "group", "aria-label": t("auth.turnstile") }, box, state, error),
    token: () => token,
    failed(message) {
      error.textContent = message;
      token = undefined;
      if (widget !== null) window.turnstile?.reset(widget);
    },
  };
}

async function siteKey(): Promise<string | null> {
  try {
    return (await api.authConfig()).turnstile_site_key;
  } catch {
    return null; // the sign-up then says what the edge answers
  }
}

export function authView(mode: "login" | "signup"): View {
  return async (app, root) => {
    const next = safeNext(new URLSearchParams(location.search).get("next"));
    if (app.user) {
      app.go(next, true);
      return;
    }
    const email = h("input", { type: "email", autocomplete: "email", required: true, maxlength: 254 });
    const password = h("input", {
      type: "password",
      autocomplete: mode === "login" ? "current-password" : "new-password",
      required: true,
      minlength: mode === "signup" ? PASSWORD_MIN : null,
      maxlength: PASSWORD_MAX,
    });
    let check = mode === "signup" ? humanCheck(await siteKey()) : null;
    const form = new Form(async (f) => {
      f.clear();
      let ok = true;
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.value.trim())) ok = !f.setError("email", t("auth.email_invalid"));
      if (mode === "signup" && password.value.length < PASSWORD_MIN) ok = !f.setError("password", t("auth.password_short", { n: PASSWORD_MIN }));
      if (mode === "login" && !password.value) ok = !f.setError("password", t("auth.password_missing"));
      if (!ok) return;
      f.busy(true);
      try {
        if (mode === "login") session.save((await api.login(email.value.trim(), password.value, check?.token())).token);
        else {
          const r = await api.register(email.value.trim(), password.value, check?.token());
          session.save(r.token);
          if (!r.grant.given) app.notify(t(`auth.no_grant_${r.grant.reason}`));
        }
        await app.refreshMe();
        app.go(mode === "signup" && next === "/library" ? "/new" : next, true);
      } catch (e) {
        if (e instanceof ApiFailure && e.code === "turnstile_required") check = await showCheck(check, f.summary);
        else if (e instanceof ApiFailure && e.code === "turnstile_failed") check?.failed(t(mode === "login" ? "auth.turnstile_failed_login" : "auth.turnstile_failed"));
        else if (e instanceof ApiFailure && mode === "signup" && e.status === 429) f.summary.textContent = t("auth.signup_limited", { wait: e.retryAfter ?? 60 });
        else f.fail(e);
      } finally {
        f.busy(false);
      }
    }, mode === "login" ? t("auth.login") : t("auth.signup"));
    append(
      form.el,
      form.field("email", t("auth.email"), email),
      form.field("password", t("auth.password"), password, mode === "signup" ? t("auth.password_hint", { n: PASSWORD_MIN }) : undefined),
      check?.el,
      form.summary,
      h("button", { type: "submit", class: "primary" }, mode === "login" ? t("auth.login") : t("auth.create_account")),
    );
    append(
      root,
      h(
        "section",
        { class: "card narrow" },
        h("h1", {}, mode === "login" ? t("auth.login") : t("auth.signup")),
        mode === "signup" ? h("p", {}, t("auth.signup_lead")) : null,
        form.el,
        h(
          "p",
          { class: "switch" },
          mode === "login"
            ? h("a", { href: "/signup", "data-nav": "" }, t("auth.need_account"))
            : h("a", { href: "/login", "data-nav": "" }, t("auth.have_account")),
        ),
      ),
    );
    email.focus();
  };
}

/** Sign-in's human check, shown (before `summary`) the first time the edge asks for one. */
async function showCheck(check: HumanCheck | null, summary: HTMLElement): Promise<HumanCheck> {
  const shown = check ?? humanCheck(await siteKey());
  if (!check && shown.el) summary.before(shown.el);
  if (check) check.failed(t("auth.turnstile_required"));
  else summary.textContent = t("auth.turnstile_required");
  return shown;
}

/** Only paths of this app, never another site. */
function safeNext(next: string | null): string {
  return next && /^\/[\w/-]*$/.test(next) && !next.startsWith("//") ? next : "/library";
}
