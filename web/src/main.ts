/** The Storycut web app: header (brand, credits, language, sign-out), a router over the
 * history API, and the views. The edge serves index.html for every app path. */
import { api, ApiFailure, session } from "./api";
import type { App, View } from "./app";
import { fill, h } from "./dom";
import { errorText } from "./errors";
import { currentLang, LANG_NAMES, setLang, t, UI_LANGS } from "./i18n";
import { authView } from "./views/sign_in";
import { createView } from "./views/create";
import { homeView } from "./views/home";
import { libraryView } from "./views/library";
import { projectView } from "./views/project";

const routes: { pattern: RegExp; view: View; signedIn: boolean; title: () => string }[] = [
  { pattern: /^\/$/, view: homeView, signedIn: false, title: () => t("nav.home") },
  { pattern: /^\/login$/, view: authView("login"), signedIn: false, title: () => t("auth.login") },
  { pattern: /^\/signup$/, view: authView("signup"), signedIn: false, title: () => t("auth.signup") },
  { pattern: /^\/new$/, view: createView, signedIn: true, title: () => t("nav.new") },
  { pattern: /^\/library$/, view: libraryView, signedIn: true, title: () => t("nav.library") },
  { pattern: /^\/projects\/(?<id>[\w-]{1,64})$/, view: projectView, signedIn: true, title: () => t("project.title") },
];

const header = document.getElementById("site-header")!;
const main = document.getElementById("app")!;
const status = document.getElementById("status")!;
let cleanup: (() => void) | null = null;
let renders = 0;
let statusTimer = 0;

const app: App = {
  user: null,
  credits: null,
  go(path, replace = false) {
    if (replace) history.replaceState(null, "", path);
    else history.pushState(null, "", path);
    void render();
  },
  async refreshMe() {
    if (!session.token()) {
      app.user = null;
      app.credits = null;
    } else {
      try {
        const me = await api.me();
        app.user = me.user;
        app.credits = me.credits;
      } catch (e) {
        if (e instanceof ApiFailure && e.status === 401) {
          session.clear();
          app.user = null;
          app.credits = null;
        } else app.notify(errorText(e), "error");
      }
    }
    drawHeader();
  },
  signedOut() {
    session.clear();
    app.user = null;
    app.credits = null;
    app.go("/login", true);
  },
  notify(text, kind = "info") {
    window.clearTimeout(statusTimer);
    status.className = `status ${kind}`;
    status.textContent = text;
    statusTimer = window.setTimeout(() => (status.textContent = ""), 8000);
  },
};

function navLink(path: string, label: string): HTMLAnchorElement {
  const current = location.pathname === path;
  return h("a", { href: path, "data-nav": "", "aria-current": current ? "page" : null }, label);
}

function drawHeader(): void {
  const langSelect = h(
    "select",
    {
      id: "lang",
      "aria-label": t("nav.language"),
      onchange: (e: Event) => {
        setLang((e.target as HTMLSelectElement).value);
        void render();
      },
    },
    ...UI_LANGS.map((l) => h("option", { value: l, selected: l === currentLang() }, LANG_NAMES[l])),
  );
  const right = app.user
    ? [
        h("span", { class: "credits", id: "credits", "aria-live": "polite" }, t("nav.credits", { n: app.credits?.available ?? 0 })),
        h("button", { type: "button", class: "link", onclick: () => void logout() }, t("nav.logout")),
      ]
    : [navLink("/login", t("auth.login")), navLink("/signup", t("auth.signup"))];
  fill(
    header,
    h("a", { href: "/", "data-nav": "", class: "brand" }, "Storycut"),
    h(
      "nav",
      { "aria-label": t("nav.main") },
      ...(app.user ? [navLink("/new", t("nav.new")), navLink("/library", t("nav.library"))] : []),
    ),
    h("div", { class: "header-right" }, ...right, langSelect),
  );
}

async function logout(): Promise<void> {
  try {
    await api.logout();
  } catch {
    // The session ends locally either way.
  }
  app.signedOut();
}

async function render(): Promise<void> {
  cleanup?.();
  cleanup = null;
  const path = location.pathname.replace(/\/+$/, "") || "/";
  const route = routes.find((r) => r.pattern.test(path));
  if (!route) {
    document.title = `${t("notfound.title")} · Storycut`;
    fill(main, h("h1", {}, t("notfound.title")), h("p", {}, h("a", { href: "/", "data-nav": "" }, t("notfound.home"))));
    drawHeader();
    return;
  }
  if (route.signedIn && !session.token()) {
    app.go(`/login?next=${encodeURIComponent(path)}`, true);
    return;
  }
  if (session.token() && !app.user) await app.refreshMe();
  else drawHeader();
  if (route.signedIn && !app.user) {
    app.go(`/login?next=${encodeURIComponent(path)}`, true);
    return;
  }
  document.title = `${route.title()} · Storycut`;
  // Each view draws into its own box: one still loading when the user has moved on draws
  // into a box no longer on the page, and its sockets and timers are stopped at once.
  const generation = ++renders;
  const root = h("div", { class: "view" });
  main.replaceChildren(root);
  const params = (route.pattern.exec(path)?.groups ?? {}) as Record<string, string>;
  try {
    const stop = await route.view(app, root, params);
    if (typeof stop === "function") {
      if (generation === renders) cleanup = stop;
      else stop();
    }
  } catch (e) {
    fill(root, h("h1", {}, t("error.title")), h("p", { role: "alert" }, errorText(e)));
  }
  if (generation === renders) main.focus({ preventScroll: true });
}

// Links marked data-nav stay in the app; everything else (downloads, share links) is left alone.
document.addEventListener("click", (e) => {
  const a = (e.target as Element | null)?.closest?.("a[data-nav]") as HTMLAnchorElement | null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  app.go(a.pathname + a.search);
});
window.addEventListener("popstate", () => void render());
document.documentElement.lang = currentLang();
void render();
