/** A new video: a topic or the user's own script, format, duration, language, style,
 * voice, caption style, pace, and the user's own music and logo, with its credit cost
 * shown before anything is spent. */
import { api, type ApiFailure, type CreateRequest, type ProjectSpec, type Upload } from "../api";
import type { View } from "../app";
import { append, fill, h } from "../dom";
import { detail, errorText } from "../errors";
import { Form } from "../form";
import { currentLang, LANG_NAMES, t, wordLabel } from "../i18n";
import { encodeBase64 } from "../../../edge/src/base64";
import { defaultCaptions, LOGO_MAX_BYTES, LOGO_MAX_PX, MUSIC_MAX_BYTES, PACES, SCRIPT_MAX_BYTES, TOPIC_MAX_CHARS, videoCost } from "../../../edge/src/rules";
import { billedSeconds } from "../../../edge/src/speech_estimate";
import { BUILTIN_VOICES, CAPTIONS, type Captions, FORMATS, LANGS, type Lang, STYLES, type Style } from "../../../edge/src/vocab.gen";

const MiB = 1024 * 1024;
const FILES = { music: MUSIC_MAX_BYTES, logo: LOGO_MAX_BYTES } as const;
type FileField = keyof typeof FILES;
const PACE_WORDS = Object.keys(PACES) as (keyof typeof PACES)[];
const mib = (bytes: number) => (bytes / MiB).toFixed(1);

export const createView: View = async (app, root) => {
  const pricing = await api.pricing();
  const limits = (format: string) => pricing.formats[format] ?? { min_duration: 15, max_duration: 600, default_duration: 45, default_cost: 0 };

  const modeTopic = h("input", { type: "radio", name: "mode", value: "topic", checked: true, id: "mode-topic" });
  const modeScript = h("input", { type: "radio", name: "mode", value: "script", id: "mode-script" });
  const topic = h("textarea", { rows: 3, maxlength: TOPIC_MAX_CHARS, placeholder: t("create.topic_placeholder") });
  const script = h("textarea", { rows: 10, placeholder: t("create.script_placeholder") });
  const format = h("select", {}, ...FORMATS.map((f) => h("option", { value: f }, wordLabel(`create.format_${f}`))));
  const first = limits(FORMATS[0]);
  const duration = h("input", { type: "number", inputmode: "numeric", step: 1, min: first.min_duration, max: first.max_duration, value: first.default_duration });
  const lang = h("select", {}, ...LANGS.map((l) => h("option", { value: l, selected: currentLang() === l }, LANG_NAMES[l])));
  const style = h("select", {}, ...STYLES.map((s) => h("option", { value: s }, wordLabel(`style.${s}`))));
  const voice = h("select", {});
  const captions = h("select", {}, ...CAPTIONS.map((c) => h("option", { value: c }, wordLabel(`captions.${c}`))));
  captions.value = defaultCaptions(FORMATS[0]);
  // The format's default until the user picks a style themselves.
  let captionsPicked = false;
  const pace = h("select", {}, ...PACE_WORDS.map((p) => h("option", { value: p, selected: p === "normal" }, t(`create.pace_${p}`))));
  const files: Record<FileField, HTMLInputElement> = {
    music: h("input", { type: "file", accept: "audio/*" }),
    logo: h("input", { type: "file", accept: "image/png" }),
  };
  const costLine = h("p", { class: "cost", id: "cost", "aria-live": "polite" });

  const form = new Form(submit, t("create.title"));
  const topicField = form.field("topic", t("create.topic"), topic, t("create.topic_hint", { n: TOPIC_MAX_CHARS }));
  const scriptField = form.field("script", t("create.script"), script, t("create.script_hint"));

  const picked = (field: FileField): File | undefined => files[field].files?.[0];

  /** Why the chosen file cannot be sent (only its size is known before reading it). */
  function fileProblem(field: FileField): string | null {
    const file = picked(field);
    if (!file || file.size <= FILES[field]) return null;
    return t(`create.${field}_too_large`, { size: mib(file.size), mb: FILES[field] / MiB });
  }

  /** The server's refusal of a file in the user's words. */
  function fieldText(e: ApiFailure): string {
    if (e.field === "music" || e.field === "logo") {
      if (e.code === "unsupported_media_type") return t(`create.${e.field}_type`);
      if (e.code === "too_large") return fileProblem(e.field) ?? (e.field === "logo" ? t("create.logo_pixels", { px: LOGO_MAX_PX }) : detail(e));
    }
    return e.status === 422 ? detail(e) : errorText(e);
  }

  async function upload(field: FileField): Promise<Upload | undefined> {
    const file = picked(field);
    if (!file) return undefined;
    return { filename: file.name, data: encodeBase64(new Uint8Array(await file.arrayBuffer())) };
  }

  function fillVoices(): void {
    const l = lang.value as Lang;
    fill(voice, h("option", { value: "" }, t("create.voice_default")), ...BUILTIN_VOICES[l].map((v) => h("option", { value: v }, v)));
  }

  function showMode(): void {
    const scriptMode = modeScript.checked;
    topicField.hidden = scriptMode;
    scriptField.hidden = !scriptMode;
  }

  function seconds(): number | null {
    const n = Number(duration.value);
    const l = limits(format.value);
    return Number.isInteger(n) && n >= l.min_duration && n <= l.max_duration ? n : null;
  }

  /** The price the API will charge: a topic's video for the duration asked, a script's for
   * the video its narration needs (edge/src/speech_estimate.ts). */
  function showCost(): void {
    const s = seconds();
    const have = app.credits?.available ?? 0;
    if (s === null) {
      costLine.className = "cost";
      costLine.textContent = t("create.cost_unknown");
      return;
    }
    const byScript = modeScript.checked;
    const billed = billedSeconds(s, limits(format.value).min_duration, byScript ? script.value : undefined, PACES[pace.value as keyof typeof PACES]);
    const max = limits(format.value).max_duration;
    if (billed > max) {
      costLine.className = "cost short";
      costLine.textContent = t("create.script_too_long", { seconds: billed, max });
      return;
    }
    const c = videoCost(pricing, billed);
    costLine.className = c > have ? "cost short" : "cost";
    if (c > have) costLine.textContent = t(byScript ? "create.cost_script_short" : "create.cost_short", { cost: c, have, seconds: billed });
    else costLine.textContent = t(byScript ? "create.cost_script" : "create.cost", { cost: c, have, seconds: billed });
  }

  async function submit(f: Form): Promise<void> {
    f.clear();
    const scriptMode = modeScript.checked;
    const s = seconds();
    const l = limits(format.value);
    let ok = true;
    if (scriptMode && !script.value.trim()) ok = !f.setError("script", t("create.script_missing"));
    if (scriptMode && new TextEncoder().encode(script.value).length > SCRIPT_MAX_BYTES) ok = !f.setError("script", t("create.script_long"));
    if (!scriptMode && !topic.value.trim()) ok = !f.setError("topic", t("create.topic_missing"));
    if (s === null) ok = !f.setError("duration", t("create.duration_range", { min: l.min_duration, max: l.max_duration }));
    for (const field of Object.keys(FILES) as FileField[]) {
      const problem = fileProblem(field);
      if (problem) ok = !f.setError(field, problem);
    }
    if (!ok) {
      (f.el.querySelector("[aria-invalid=true]") as HTMLElement | null)?.focus();
      return;
    }
    f.busy(true);
    const uploads: Partial<Record<FileField, Upload>> = {};
    for (const field of Object.keys(FILES) as FileField[]) {
      try {
        const u = await upload(field);
        if (u) uploads[field] = u;
      } catch {
        f.setError(field, t("create.file_unreadable"));
        f.busy(false);
        return;
      }
    }
    const spec: CreateRequest = {
      ...(scriptMode ? { script: script.value } : { topic: topic.value.trim() }),
      format: format.value as ProjectSpec["format"],
      duration: s!,
      lang: lang.value as Lang,
      style: style.value as Style,
      ...(voice.value ? { voice: voice.value } : {}),
      captions: captions.value as Captions,
      ...(pace.value !== "normal" ? { pace: pace.value } : {}),
      ...uploads,
    };
    try {
      const { project } = await api.create(spec);
      await app.refreshMe();
      app.go(`/projects/${project.id}`);
    } catch (e) {
      f.fail(e, fieldText);
      await app.refreshMe();
      showCost();
    } finally {
      f.busy(false);
    }
  }

  for (const mode of [modeTopic, modeScript])
    mode.addEventListener("change", () => {
      showMode();
      showCost();
    });
  script.addEventListener("input", showCost);
  pace.addEventListener("change", showCost); // a slower reading of a script is a longer video
  format.addEventListener("change", () => {
    const l = limits(format.value);
    duration.min = String(l.min_duration);
    duration.max = String(l.max_duration);
    duration.value = String(l.default_duration);
    if (!captionsPicked) captions.value = defaultCaptions(format.value);
    showCost();
  });
  captions.addEventListener("change", () => {
    captionsPicked = true;
  });
  for (const field of Object.keys(FILES) as FileField[])
    files[field].addEventListener("change", () => {
      const problem = fileProblem(field);
      if (problem) form.setError(field, problem);
    });
  duration.addEventListener("input", showCost);
  lang.addEventListener("change", fillVoices);
  fillVoices();
  showMode();
  showCost();

  append(
    form.el,
    h(
      "fieldset",
      { class: "mode" },
      h("legend", {}, t("create.mode")),
      h("label", { for: "mode-topic" }, modeTopic, " ", t("create.mode_topic")),
      h("label", { for: "mode-script" }, modeScript, " ", t("create.mode_script")),
    ),
    topicField,
    scriptField,
    h(
      "div",
      { class: "row" },
      form.field("format", t("create.format"), format),
      form.field("duration", t("create.duration"), duration, t("create.duration_hint")),
    ),
    h("div", { class: "row" }, form.field("lang", t("create.lang"), lang), form.field("style", t("create.style"), style), form.field("voice", t("create.voice"), voice)),
    h("div", { class: "row" }, form.field("captions", t("create.captions"), captions, t("create.captions_hint")), form.field("pace", t("create.pace"), pace)),
    h(
      "div",
      { class: "row" },
      form.field("music", t("create.music"), files.music, t("create.music_hint", { mb: MUSIC_MAX_BYTES / MiB })),
      form.field("logo", t("create.logo"), files.logo, t("create.logo_hint", { mb: LOGO_MAX_BYTES / MiB, px: LOGO_MAX_PX })),
    ),
    costLine,
    form.summary,
    h("button", { type: "submit", class: "primary" }, t("create.submit")),
  );
  append(root, h("section", { class: "card" }, h("h1", {}, t("create.title")), form.el));
  topic.focus();
};
