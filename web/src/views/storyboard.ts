/** The storyboard: one card per scene, filling in as the engine finishes each picture
 * and narration; on a finished video each card can be edited and regenerated. */
import { api, assetBlob, type Pricing, type Project } from "../api";
import type { App } from "../app";
import { append, fill, h } from "../dom";
import { Form } from "../form";
import { t } from "../i18n";
import { EDIT_TEXT_MAX, regenerateCost } from "../../../edge/src/rules";
import { editedSeconds } from "../../../edge/src/speech_estimate";

/** What /api/pricing and a project carry for pricing an edit (edge/src/edit_billing.ts). */
type EditPricing = Pricing & { regenerate: number };
type Billed = Project & { billed_duration?: number };

export interface StoryScene {
  n?: number;
  narration?: string;
  visual?: string;
}

/** A failed or canceled project: its "waiting" marks would mean nothing. */
const ended = (p: Project) => p.status === "failed" || p.status === "canceled";

interface Card {
  el: HTMLElement;
  picture: HTMLElement;
  narration: HTMLElement;
  visual: HTMLElement;
  marks: HTMLElement;
  editSlot: HTMLElement;
  editButton: HTMLButtonElement;
  url: string | null;
  hasPicture: boolean;
  hasVoice: boolean;
  scene: StoryScene;
}

export function storyboard(app: App, id: string, project: () => Project, onProject: (p: Project) => void) {
  const list = h("ol", { class: "storyboard" });
  const el = h("section", { class: "storyboard-box", "aria-labelledby": "storyboard-title" }, h("h2", { id: "storyboard-title" }, t("board.title")), list);
  const cards: Card[] = [];
  el.hidden = true;
  let prices: Promise<EditPricing> | null = null;

  /** The price the API will hold for regenerating scene n with `narration`: the same
   * figures as the edge (new narration that lengthens the video adds its time). */
  async function showEditCost(line: HTMLElement, n: number, narration: string): Promise<void> {
    prices ??= api.pricing() as Promise<EditPricing>;
    try {
      const p = await prices;
      const billed = (project() as Billed).billed_duration ?? project().spec.duration;
      const after = editedSeconds(billed, cards.map((c) => c.scene.narration ?? ""), n, narration, project().spec.pace);
      line.textContent = t(after > billed ? "board.cost_longer" : "board.cost", { cost: regenerateCost(p, billed, after), seconds: after });
    } catch {
      prices = null;
      line.textContent = "";
    }
  }

  function card(n: number): Card {
    while (cards.length < n) {
      const k = cards.length + 1;
      const picture = h("div", { class: `thumb ${project().spec.format} pending`, role: "img", "aria-label": t("board.picture_pending", { n: k }) });
      const editButton = h("button", { type: "button", class: "small", hidden: true, "aria-label": t("board.edit_named", { n: k }) }, t("board.edit"));
      const c: Card = {
        el: h("li", { class: "scene-card", "data-scene": k }),
        picture,
        narration: h("p", { class: "narration" }),
        visual: h("p", { class: "visual" }),
        marks: h("p", { class: "marks" }),
        editSlot: h("div", {}),
        editButton,
        url: null,
        hasPicture: false,
        hasVoice: false,
        scene: {},
      };
      editButton.addEventListener("click", () => openEditor(k, c));
      append(c.el, picture, h("h3", {}, t("board.scene", { n: k })), c.narration, c.visual, c.marks, editButton, c.editSlot);
      cards.push(c);
      list.append(c.el);
      drawMarks(c);
      c.marks.hidden = ended(project());
    }
    el.hidden = false;
    return cards[n - 1]!;
  }

  function drawMarks(c: Card): void {
    fill(
      c.marks,
      h("span", { class: c.hasPicture ? "mark ok" : "mark" }, c.hasPicture ? t("board.picture_done") : t("board.picture_wait")),
      " ",
      h("span", { class: c.hasVoice ? "mark ok" : "mark" }, c.hasVoice ? t("board.voice_done") : t("board.voice_wait")),
    );
  }

  async function showPicture(n: number, fresh: boolean): Promise<void> {
    const c = card(n);
    try {
      const url = URL.createObjectURL(await assetBlob(id, `scene-${String(n).padStart(2, "0")}.png`, fresh));
      if (c.url) URL.revokeObjectURL(c.url);
      c.url = url;
      c.picture.classList.remove("pending");
      c.picture.removeAttribute("role");
      c.picture.removeAttribute("aria-label");
      fill(c.picture, h("img", { src: url, alt: c.scene.visual ?? t("board.picture_alt", { n }) }));
      c.hasPicture = true;
      drawMarks(c);
    } catch {
      // Not stored yet (its upload follows the event): the artifact message will come.
    }
  }

  function openEditor(n: number, c: Card): void {
    c.editButton.hidden = true;
    const narration = h("textarea", { rows: 4, maxlength: EDIT_TEXT_MAX });
    narration.value = c.scene.narration ?? "";
    const cost = h("p", { class: "cost", "aria-live": "polite" });
    narration.addEventListener("input", () => void showEditCost(cost, n, narration.value));
    void showEditCost(cost, n, narration.value);
    const visual = h("textarea", { rows: 3, maxlength: EDIT_TEXT_MAX });
    visual.value = c.scene.visual ?? "";
    const close = () => {
      c.editSlot.replaceChildren();
      c.editButton.hidden = project().status !== "completed";
      c.editButton.focus();
    };
    const form = new Form(async (f) => {
      f.clear();
      const edit: { narration?: string; visual?: string } = {};
      if (narration.value.trim() && narration.value !== (c.scene.narration ?? "")) edit.narration = narration.value;
      if (visual.value.trim() && visual.value !== (c.scene.visual ?? "")) edit.visual = visual.value;
      if (!edit.narration && !edit.visual) {
        f.setError("narration", t("board.nothing_changed"));
        return;
      }
      f.busy(true);
      try {
        const r = await api.regenerate(id, n, edit);
        c.scene = { ...c.scene, ...edit };
        drawText(c);
        close();
        app.notify(t("board.regenerating", { n }));
        onProject(r.project);
      } catch (e) {
        f.fail(e);
      } finally {
        f.busy(false);
      }
    }, t("board.edit_named", { n }));
    append(
      form.el,
      form.field("narration", t("board.narration"), narration),
      form.field("visual", t("board.visual"), visual),
      cost,
      form.summary,
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, t("board.regenerate")), h("button", { type: "button", onclick: close }, t("dialog.cancel"))),
    );
    fill(c.editSlot, form.el);
    narration.focus();
  }

  function drawText(c: Card): void {
    c.narration.textContent = c.scene.narration ?? "";
    c.visual.textContent = c.scene.visual ? t("board.visual_line", { text: c.scene.visual }) : "";
  }

  return {
    el,
    setCount(n: number): void {
      if (n > 0) card(n);
    },
    setStory(scenes: StoryScene[]): void {
      scenes.forEach((s, i) => {
        const c = card(i + 1);
        c.scene = s;
        drawText(c);
        const img = c.picture.querySelector("img");
        if (img && s.visual) img.alt = s.visual;
      });
    },
    sceneEvent(n: number, stage: string, file: string): void {
      const c = card(n);
      if (stage === "narration" || file.endsWith(".wav")) c.hasVoice = true;
      drawMarks(c);
    },
    pictureReady(n: number): void {
      void showPicture(n, true);
    },
    voiceReady(n: number): void {
      const c = card(n);
      c.hasVoice = true;
      drawMarks(c);
    },
    setStatus(p: Project): void {
      for (const c of cards) {
        if (!c.editSlot.childElementCount) c.editButton.hidden = p.status !== "completed";
        c.marks.hidden = ended(p);
      }
    },
    refreshPictures(): void {
      cards.forEach((c, i) => c.hasPicture && void showPicture(i + 1, true));
    },
    release(): void {
      for (const c of cards) if (c.url) URL.revokeObjectURL(c.url);
    },
  };
}
