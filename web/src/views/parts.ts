/** Pieces several views share: a project's title and status badge, thumbnails loaded
 * with the session, the delete confirmation, and copy-to-clipboard buttons. */
import { assetBlob, type Project } from "../api";
import { h } from "../dom";
import { t, wordLabel } from "../i18n";

export function projectTitle(p: Project): string {
  const title = p.result?.metadata?.title;
  if (title) return title;
  if (p.spec.topic) return p.spec.topic;
  const first = (p.spec.script ?? "").trim().split(/\s+/).slice(0, 8).join(" ");
  return first ? `${first}…` : t("project.untitled");
}

export function statusBadge(p: Project): HTMLElement {
  return h("span", { class: `badge ${p.status}` }, wordLabel(`status.${p.status}`));
}

/** Object URLs of images fetched with the session token; released with the view. */
export class Thumbnail {
  private readonly urls: string[] = [];

  /** A box that shows the project's thumbnail once it loads (decorative: the title is
   * next to it); an empty box for a project without one yet. */
  img(p: Project): HTMLElement {
    const box = h("div", { class: `thumb ${p.spec.format}` });
    if (p.status === "completed") void this.load(box, p.id);
    return box;
  }

  private async load(box: HTMLElement, id: string): Promise<void> {
    try {
      const url = URL.createObjectURL(await assetBlob(id, "thumbnail.png", true));
      this.urls.push(url);
      box.replaceChildren(h("img", { src: url, alt: "" }));
    } catch {
      box.classList.add("missing");
    }
  }

  release(): void {
    for (const u of this.urls.splice(0)) URL.revokeObjectURL(u);
  }
}

/** A modal dialog (keyboard: Esc cancels, focus starts on Cancel). */
export function confirmDelete(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    const cancel = h("button", { type: "button" }, t("dialog.cancel"));
    const ok = h("button", { type: "button", class: "danger" }, t("project.delete"));
    const dialog = h(
      "dialog",
      { "aria-labelledby": "confirm-title" },
      h("h2", { id: "confirm-title" }, t("dialog.delete_title")),
      h("p", {}, t("dialog.delete_text", { name })),
      h("div", { class: "actions" }, cancel, ok),
    );
    const done = (v: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(v);
    };
    cancel.addEventListener("click", () => done(false));
    ok.addEventListener("click", () => done(true));
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      done(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

export function copyButton(label: string, text: () => string, notify: (msg: string, kind?: "info" | "error") => void): HTMLButtonElement {
  return h(
    "button",
    {
      type: "button",
      class: "small",
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(text());
          notify(t("result.copied"));
        } catch {
          notify(t("result.copy_failed"), "error");
        }
      },
    },
    label,
  );
}
