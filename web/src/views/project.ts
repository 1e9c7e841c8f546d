/** One project: live progress with a storyboard that fills in scene by scene, then the
 * finished video with its publishing kit, downloads and scene edits. Everything comes
 * over the project's WebSocket (a snapshot, then events), so a reload loses nothing. */
import { api, ApiFailure, assetBlob, type Project } from "../api";
import type { View } from "../app";
import { append, fill, h } from "../dom";
import { errorText } from "../errors";
import { stageName, t } from "../i18n";
import { LiveChannel, type LiveMessage } from "../live_channel";
import { storyboard, type StoryScene } from "./storyboard";
import { resultSection } from "./result";
import { confirmDelete, projectTitle, statusBadge } from "./parts";
import type { Status } from "../../../edge/src/vocab.gen";

const ACTIVE: readonly Status[] = ["queued", "running"];

interface StageState {
  name: string;
  index: number;
  count: number;
  done: boolean;
  skipped: boolean;
}

export const projectView: View = async (app, root, params) => {
  const id = params.id!;
  let project: Project;
  try {
    project = (await api.project(id)).project;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 404) {
      append(root, h("h1", {}, t("project.not_found")), h("p", {}, h("a", { href: "/library", "data-nav": "" }, t("project.back"))));
      return;
    }
    throw e;
  }

  const stages = new Map<string, StageState>();
  const artifacts = new Set<string>(project.result?.artifacts ?? []);
  let lastSeq = 0;
  let sceneCount = 0;
  let eta: number | null = null;
  let storyLoadedAt = -1;

  const title = h("h1", {}, projectTitle(project));
  const badge = h("span", {});
  const alert = h("div", { class: "alert", role: "status", "aria-live": "polite" });
  const bar = h("progress", { max: 1, value: 0, "aria-labelledby": "progress-label" });
  const barLabel = h("p", { id: "progress-label", class: "progress-label" });
  const stageList = h("ol", { class: "stages", "aria-label": t("project.stages") });
  const progress = h("section", { class: "progress card", "aria-labelledby": "progress-label" }, barLabel, bar, stageList);
  const board = storyboard(app, id, () => project, (p) => update(p));
  const resultBox = h("div", {});
  const del = h("button", { type: "button", class: "danger" }, t("project.delete"));

  del.addEventListener("click", async () => {
    if (!(await confirmDelete(projectTitle(project)))) return;
    try {
      await api.remove(id);
      await app.refreshMe();
      app.notify(t("project.deleted"));
      app.go("/library");
    } catch (e) {
      app.notify(errorText(e), "error");
    }
  });

  function drawProgress(): void {
    const active = ACTIVE.includes(project.status);
    progress.hidden = !active;
    if (!active) return;
    bar.value = project.progress;
    const pct = Math.round(project.progress * 100);
    const stage = project.stage ? stageName(project.stage) : t("stage.queued");
    barLabel.textContent = eta !== null && eta > 0 ? t("project.progress_eta", { pct, stage, s: Math.ceil(eta) }) : t("project.progress", { pct, stage });
    fill(
      stageList,
      ...[...stages.values()]
        .sort((a, b) => a.index - b.index)
        .map((s) =>
          h(
            "li",
            { class: s.done ? "done" : s.skipped ? "skipped" : "running", "aria-current": !s.done && !s.skipped ? "step" : null },
            stageName(s.name),
            " — ",
            s.done ? t("stage.state_done") : s.skipped ? t("stage.state_skipped") : t("stage.state_running"),
          ),
        ),
    );
  }

  function drawAlert(): void {
    alert.className = "alert";
    alert.replaceChildren();
    if (project.status === "queued" && project.stage === "waiting_for_engine") {
      alert.classList.add("warn");
      alert.textContent = t("project.waiting_engine");
    } else if (project.status === "queued") alert.textContent = t("project.queued");
    else if (project.status === "failed" || project.status === "canceled") {
      alert.classList.add("error");
      const reason = project.error ?? t(project.status === "failed" ? "project.failed" : "project.canceled");
      fill(
        alert,
        h("p", {}, reason),
        project.error_code === "refused" ? h("p", {}, t("project.refused_hint")) : null,
        h("p", {}, t("project.refunded", { n: project.cost })),
      );
    } else if (project.status === "completed" && project.error) {
      alert.classList.add("warn");
      alert.textContent = project.error; // an edit that could not be applied; the video is unchanged
    } else alert.textContent = "";
  }

  let shownResultAt = 0;
  async function drawResult(): Promise<void> {
    if (project.status !== "completed") {
      resultBox.replaceChildren();
      shownResultAt = 0;
      return;
    }
    if (shownResultAt === project.updated_at) return;
    shownResultAt = project.updated_at;
    try {
      fill(resultBox, await resultSection(app, project, update));
    } catch (e) {
      fill(resultBox, h("p", { class: "alert error" }, errorText(e)));
    }
  }

  /** manifest.json carries the story: each scene's narration and picture description. */
  async function loadStory(): Promise<void> {
    if (!artifacts.has("manifest.json") || storyLoadedAt === project.updated_at) return;
    storyLoadedAt = project.updated_at;
    try {
      const m = JSON.parse(await (await assetBlob(id, "manifest.json", true)).text()) as { story?: { scenes?: StoryScene[] } };
      const scenes = m.story?.scenes ?? [];
      sceneCount = Math.max(sceneCount, scenes.length);
      board.setStory(scenes);
    } catch {
      storyLoadedAt = -1; // try again with the next artifact or status
    }
  }

  function update(p: Project): void {
    const wasActive = ACTIVE.includes(project.status);
    project = p;
    for (const a of p.result?.artifacts ?? []) artifacts.add(a);
    title.textContent = projectTitle(p);
    fill(badge, statusBadge(p));
    drawProgress();
    drawAlert();
    board.setStatus(p);
    void drawResult();
    if (wasActive && !ACTIVE.includes(p.status)) {
      // Finished (or an edit finished): the balance moved, and pictures and story may be new.
      void app.refreshMe();
      storyLoadedAt = -1;
      board.refreshPictures();
      void loadStory();
    }
  }

  function onEvent(seq: number, event: string, data: unknown): void {
    if (seq <= lastSeq) return;
    lastSeq = seq;
    const d = (data ?? {}) as { stage?: string; stage_index?: number; stage_count?: number; scene?: number; scenes?: number; message?: string; eta?: number };
    if (typeof d.eta === "number") eta = d.eta;
    if (d.stage && (event === "stage_start" || event === "stage_done" || event === "stage_skip")) {
      stages.set(d.stage, {
        name: d.stage,
        index: d.stage_index ?? stages.size,
        count: d.stage_count ?? 0,
        done: event === "stage_done",
        skipped: event === "stage_skip",
      });
    }
    if (typeof d.scenes === "number") sceneCount = Math.max(sceneCount, d.scenes);
    if (sceneCount) board.setCount(sceneCount);
    if ((event === "scene_done" || event === "scene_skip") && d.scene) board.sceneEvent(d.scene, d.stage ?? "", event === "scene_done" ? d.message ?? "" : "");
  }

  function onArtifact(name: string): void {
    artifacts.add(name);
    const m = /^scene-(\d+)\.png$/.exec(name);
    if (m) board.pictureReady(Number(m[1]));
    const w = /^scene-(\d+)\.wav$/.exec(name);
    if (w) board.voiceReady(Number(w[1]));
    if (name === "manifest.json") {
      storyLoadedAt = -1;
      void loadStory();
    }
  }

  function onMessage(msg: LiveMessage): void {
    switch (msg.type) {
      case "snapshot":
        for (const a of msg.artifacts ?? []) onArtifact(a.name);
        for (const e of msg.events) onEvent(e.seq, e.event, e.data);
        update(msg.project as Project);
        break;
      case "event": {
        onEvent(msg.seq, msg.event, msg.data);
        const d = msg.data as { progress?: number; stage?: string };
        if (typeof d.progress === "number" && ACTIVE.includes(project.status))
          update({ ...project, status: "running", progress: Math.max(project.progress, Math.min(1, d.progress)), stage: d.stage ?? project.stage });
        break;
      }
      case "status":
        update(msg.project as Project);
        break;
      case "artifact":
        onArtifact(msg.name);
        break;
    }
  }

  const liveState = h("p", { class: "live-state", "aria-live": "polite" });
  append(
    root,
    h("div", { class: "page-head" }, h("div", {}, title, badge), del),
    alert,
    progress,
    liveState,
    resultBox,
    board.el,
  );
  for (const a of artifacts) onArtifact(a);
  update(project);
  // The header's balance may have been read before this project finished (and captured or
  // returned its credits); read it again now that the project is known to be done.
  if (!ACTIVE.includes(project.status)) void app.refreshMe();

  // The socket stays open on a finished project too: an edit sends its progress there.
  const channel = new LiveChannel(
    id,
    onMessage,
    (connected) => (liveState.textContent = connected || !ACTIVE.includes(project.status) ? "" : t("project.reconnecting")),
  );
  return () => {
    channel.close();
    board.release();
  };
};
