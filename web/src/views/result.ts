/** The finished video: a player (a signed link, so the browser's Range requests work),
 * the publishing kit with copy buttons, downloads, and recompose. */
import { api, assetBlob, type Project } from "../api";
import type { App } from "../app";
import { append, h } from "../dom";
import { errorText } from "../errors";
import { t } from "../i18n";
import { copyButton } from "./parts";

const DOWNLOADS: { name: string; label: "result.download_mp4" | "result.download_srt" | "result.download_vtt" | "result.download_thumbnail" }[] = [
  { name: "video.mp4", label: "result.download_mp4" },
  { name: "subtitles.srt", label: "result.download_srt" },
  { name: "subtitles.vtt", label: "result.download_vtt" },
  { name: "thumbnail.png", label: "result.download_thumbnail" },
];
const DOWNLOAD_LINK_TTL_S = 3600;

function clock(s: number): string {
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
}

export async function resultSection(app: App, p: Project, videoUrl: string, onProject: (p: Project) => void): Promise<HTMLElement> {
  const meta = p.result?.metadata ?? {};
  const have = new Set(p.result?.artifacts ?? []);
  // The version makes the browser fetch the new video after an edit instead of its cached copy.
  const video = h("video", {
    controls: true,
    playsinline: true,
    preload: "metadata",
    src: `${videoUrl}&v=${p.updated_at}`,
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
  const links = await Promise.all(
    DOWNLOADS.filter((d) => have.has(d.name)).map(async (d) => {
      const link = await api.share(p.id, d.name, DOWNLOAD_LINK_TTL_S);
      return h("a", { href: `${link.url}&download=1&v=${p.updated_at}`, download: d.name, class: "button small", "data-download": d.name }, t(d.label));
    }),
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
    h("div", { class: "result-grid" }, video, h("div", {}, kit, chapters, thumbnail, h("h3", {}, t("result.downloads")), h("p", { class: "downloads" }, ...links), h("p", {}, recompose, " ", t("result.recompose_hint")))),
  );
}
