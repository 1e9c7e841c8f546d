/** A new video: a topic or the user's own script, format, duration, language, style and
 * voice, with its credit cost shown before anything is spent. */
import { api, type ProjectSpec } from "../api";
import type { View } from "../app";
import { append, fill, h } from "../dom";
import { Form } from "../form";
import { currentLang, LANG_NAMES, t, wordLabel } from "../i18n";
import { SCRIPT_MAX_BYTES, TOPIC_MAX_CHARS, videoCost } from "../../../edge/src/rules";
import { billedSeconds } from "../../../edge/src/speech_estimate";
import { BUILTIN_VOICES, FORMATS, LANGS, type Lang, STYLES, type Style } from "../../../edge/src/vocab.gen";

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
  const costLine = h("p", { class: "cost", id: "cost", "aria-live": "polite" });

  const form = new Form(submit, t("create.title"));
  const topicField = form.field("topic", t("create.topic"), topic, t("create.topic_hint", { n: TOPIC_MAX_CHARS }));
  const scriptField = form.field("script", t("create.script"), script, t("create.script_hint"));

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
    const billed = billedSeconds(s, limits(format.value).min_duration, byScript ? script.value : undefined);
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
    if (!ok) {
      (f.el.querySelector("[aria-invalid=true]") as HTMLElement | null)?.focus();
      return;
    }
    const spec: Partial<ProjectSpec> = {
      ...(scriptMode ? { script: script.value } : { topic: topic.value.trim() }),
      format: format.value as ProjectSpec["format"],
      duration: s!,
      lang: lang.value as Lang,
      style: style.value as Style,
      ...(voice.value ? { voice: voice.value } : {}),
    };
    f.busy(true);
    try {
      const { project } = await api.create(spec);
      await app.refreshMe();
      app.go(`/projects/${project.id}`);
    } catch (e) {
      f.fail(e);
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
  format.addEventListener("change", () => {
    const l = limits(format.value);
    duration.min = String(l.min_duration);
    duration.max = String(l.max_duration);
    duration.value = String(l.default_duration);
    showCost();
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
    costLine,
    form.summary,
    h("button", { type: "submit", class: "primary" }, t("create.submit")),
  );
  append(root, h("section", { class: "card" }, h("h1", {}, t("create.title")), form.el));
  topic.focus();
};
