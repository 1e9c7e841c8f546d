/** Sign in and sign up. After either, the user goes where they were headed (?next=). */
import { api, session } from "../api";
import type { View } from "../app";
import { append, h } from "../dom";
import { Form } from "../form";
import { t } from "../i18n";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../../edge/src/rules";

export function authView(mode: "login" | "signup"): View {
  return (app, root) => {
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
    const form = new Form(async (f) => {
      f.clear();
      let ok = true;
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.value.trim())) ok = !f.setError("email", t("auth.email_invalid"));
      if (mode === "signup" && password.value.length < PASSWORD_MIN) ok = !f.setError("password", t("auth.password_short", { n: PASSWORD_MIN }));
      if (mode === "login" && !password.value) ok = !f.setError("password", t("auth.password_missing"));
      if (!ok) return;
      f.busy(true);
      try {
        const r = mode === "login" ? await api.login(email.value.trim(), password.value) : await api.register(email.value.trim(), password.value);
        session.save(r.token);
        await app.refreshMe();
        app.go(mode === "signup" && next === "/library" ? "/new" : next, true);
      } catch (e) {
        f.fail(e);
      } finally {
        f.busy(false);
      }
    }, mode === "login" ? t("auth.login") : t("auth.signup"));
    append(
      form.el,
      form.field("email", t("auth.email"), email),
      form.field("password", t("auth.password"), password, mode === "signup" ? t("auth.password_hint", { n: PASSWORD_MIN }) : undefined),
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

/** Only paths of this app, never another site. */
function safeNext(next: string | null): string {
  return next && /^\/[\w/-]*$/.test(next) && !next.startsWith("//") ? next : "/library";
}
