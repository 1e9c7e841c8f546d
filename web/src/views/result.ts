/** The finished video: a player, the publishing kit with copy buttons, downloads, a
 * share link made only on request (and revocable), and recompose.
 *
 * The player and the downloads fetch the file from the owner's asset route with the
 * session header and hand the browser a blob: URL. A <video> cannot send that header, and
 * every alternative puts a credential in a URL (a public share link, a ticket) that lives
 * on in history and logs. A video is at most 10 minutes, so loading it whole before it
 * plays is a short wait, and seeking within a blob needs no Range requests. */
import { api, assetBlob, downloadAsset, type Project } from "../api";
import type { App } from "../app";
import { append, fill, h } from "../dom";
import { errorText } from "../errors";
import { t } from "../i18n";
import { copyButton } from "./parts";

const DOWNLOADS: { name: string; label: "result.download_mp4" | "result.download_srt" | "result.download_vtt" | "result.download_thumbnail" }[] = [
  { name: "video.mp4", label: "result.download_mp4" },
  { name: "subtitles.srt", label: "result.download_srt" },
  { name: "subtitles.vtt", label: "result.download_vtt" },
  { name: "thumbnail.png", label: "result.download_thumbnail" },
];
const SHARE_TTL_S = 3600;
let playing: string | null = null; // the player's blob: URL, released when the next one is made

function clock(s: number): string {
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
}

export async function resultSection(app: App, p: Project, onProject: (p: Project) => void): Promise<HTMLElement> {
  const meta = p.result?.metadata ?? {};
  const have = new Set(p.result?.artifacts ?? []);
  if (playing) URL.revokeObjectURL(playing);
  playing = URL.createObjectURL(await assetBlob(p.id, "video.mp4", true)); // fresh: it changes with each edit
  const video = h("video", {
    controls: true,
    playsinline: true,
    preload: "metadata",
    src: playing,
    class: `player ${p.spec.format}`,
    "aria-label": t("result.player", { title: meta.title ?? "" }),
  });
  const thumbnail = h("figure", { class: "thumbnail", hidden: true }, h("figcaption", {}, t("result.thumbnail")));
  if (have.has("thumbnail.png"))
    assetBlob(p.id, "thumbnail.png", true)
      .then((b) => {
        const url = URL.createObjectURL(b);
        video.poster = url;
        thumbnail.prepend(h("img", { src: url, alt: t("result.thumbnail") }));
        thumbnail.hidden = false;
      })
      .catch(() => undefined);
  const links = DOWNLOADS.filter((d) => have.has(d.name)).map((d) =>
    h(
      "button",
      {
        type: "button",
        class: "button small",
        "data-download": d.name,
        onclick: () => downloadAsset(p.id, d.name).catch((e: unknown) => app.notify(errorText(e), "error")),
      },
      t(d.label),
    ),
  );
  const hashtags = (meta.hashtags ?? []).join(" ");
  const recompose = h("button", { type: "button" }, t("result.recompose"));
  recompose.addEventListener("click", async () => {
    recompose.disabled = true;
    try {
      onProject((await api.recompose(p.id)).project);
      app.notify(t("result.recomposing"));
    } catch (e) {
      app.notify(errorText(e), "error");
      recompose.disabled = false;
    }
  });
  const kit = h("dl", { class: "kit" });
  const row = (label: string, value: string, copyLabel: string) =>
    append(kit, h("dt", {}, label), h("dd", {}, h("span", { class: "kit-value" }, value), " ", copyButton(copyLabel, () => value, app.notify)));
  if (meta.title) row(t("result.title"), meta.title, t("result.copy_title"));
  if (meta.description) row(t("result.description"), meta.description, t("result.copy_description"));
  if (hashtags) row(t("result.hashtags"), hashtags, t("result.copy_hashtags"));
  const chapters = meta.chapters?.length
    ? h("ol", { class: "chapters", "aria-label": t("result.chapters") }, ...meta.chapters.map((c) => h("li", {}, h("time", {}, clock(c.start)), " ", c.title)))
    : null;
  return h(
    "section",
    { class: "result card", "aria-labelledby": "result-title" },
    h("h2", { id: "result-title" }, t("result.heading")),
    h(
      "div",
      { class: "result-grid" },
      video,
      h(
        "div",
        {},
        kit,
        chapters,
        thumbnail,
        h("h3", {}, t("result.downloads")),
        h("p", { class: "downloads" }, ...links),
        shareBox(app, p),
        h("p", {}, recompose, " ", t("result.recompose_hint")),
      ),
    ),
  );
}

/** "Share": a link to the video that anyone may open for an hour; "Stop sharing" ends
 * every link made for this project. */
function shareBox(app: App, p: Project): HTMLElement {
  const box = h("div", { class: "share" });
  const make = h("button", { type: "button" }, t("result.share"));
  const draw = (link: { url: string; expires_at: number } | null) => {
    if (!link) {
      fill(box, h("h3", {}, t("result.share_heading")), h("p", {}, make, " ", t("result.share_hint")));
      return;
    }
    const field = h("input", { type: "url", readonly: true, value: link.url, "aria-label": t("result.share_link"), class: "share-link" });
    const stop = h("button", { type: "button", class: "danger" }, t("result.share_stop"));
    stop.addEventListener("click", async () => {
      stop.disabled = true;
      try {
        await api.revokeShares(p.id);
        app.notify(t("result.share_stopped"));
        draw(null);
      } catch (e) {
        app.notify(errorText(e), "error");
        stop.disabled = false;
      }
    });
    const until = new Date(link.expires_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    fill(
      box,
      h("h3", {}, t("result.share_heading")),
      field,
      h("p", {}, copyButton(t("result.share_copy"), () => link.url, app.notify), " ", stop),
      h("p", { class: "hint" }, t("result.share_until", { time: until })),
    );
  };
  make.addEventListener("click", async () => {
    make.disabled = true;
    try {
      draw(await api.share(p.id, "video.mp4", SHARE_TTL_S));
    } catch (e) {
      app.notify(errorText(e), "error");
      make.disabled = false;
    }
  });
  draw(null);
  return box;
}
