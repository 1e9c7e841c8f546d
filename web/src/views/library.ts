/** The user's projects, newest first, with status and thumbnail; delete from here too. */
import { api, type Project } from "../api";
import type { View } from "../app";
import { append, h } from "../dom";
import { errorText } from "../errors";
import { currentLang, t, wordLabel } from "../i18n";
import { confirmDelete, projectTitle, statusBadge, Thumbnail } from "./parts";

export const libraryView: View = async (app, root) => {
  const list = h("ul", { class: "library", "aria-label": t("library.title") });
  const more = h("button", { type: "button", hidden: true }, t("library.more"));
  const thumbs = new Thumbnail();
  let cursor: string | null = null;

  function item(p: Project): HTMLElement {
    const link = `/projects/${p.id}`;
    const del = h("button", { type: "button", class: "danger small", "aria-label": t("library.delete_named", { name: projectTitle(p) }) }, t("project.delete"));
    const li = h(
      "li",
      { class: "library-item", "data-project": p.id },
      h("a", { href: link, "data-nav": "", class: "thumb-link", tabindex: -1, "aria-hidden": "true" }, thumbs.img(p)),
      h(
        "div",
        { class: "library-text" },
        h("a", { href: link, "data-nav": "", class: "library-title" }, projectTitle(p)),
        h(
          "p",
          { class: "meta" },
          statusBadge(p),
          " ",
          wordLabel(`create.format_${p.spec.format}`),
          " · ",
          t("library.seconds", { n: p.spec.duration }),
          " · ",
          h("time", { datetime: new Date(p.created_at).toISOString() }, new Date(p.created_at).toLocaleString(currentLang())),
        ),
      ),
      del,
    );
    del.addEventListener("click", async () => {
      if (!(await confirmDelete(projectTitle(p)))) return;
      try {
        await api.remove(p.id);
        li.remove();
        app.notify(t("project.deleted"));
        await app.refreshMe();
        if (!list.children.length && !cursor) showEmpty();
      } catch (e) {
        app.notify(errorText(e), "error");
      }
    });
    return li;
  }

  function showEmpty(): void {
    list.replaceWith(h("p", { class: "empty" }, t("library.empty"), " ", h("a", { href: "/new", "data-nav": "" }, t("library.first"))));
  }

  async function load(): Promise<void> {
    more.disabled = true;
    try {
      const page = await api.list(cursor);
      cursor = page.next_cursor;
      for (const p of page.projects) list.append(item(p));
      more.hidden = !cursor;
      if (!list.children.length) showEmpty();
    } catch (e) {
      app.notify(errorText(e), "error");
    } finally {
      more.disabled = false;
    }
  }

  more.addEventListener("click", () => void load());
  append(
    root,
    h("div", { class: "page-head" }, h("h1", {}, t("library.title")), h("a", { href: "/new", "data-nav": "", class: "button primary" }, t("nav.new"))),
    list,
    more,
  );
  await load();
  return () => thumbs.release();
};
