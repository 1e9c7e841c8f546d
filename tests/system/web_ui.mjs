// The web app in headless Chromium against the local platform (tests/system/test_web_ui.py
// starts it and passes EDGE_URL): sign up, the create form's caption, pace, music and
// logo choices (what a project created with them carries), create a 15 s short, watch the storyboard fill
// in, play and seek the video, download and probe the MP4, edit a scene and recompose,
// the library, another user locked out, errors in words, Korean, and screenshots of each
// page at 360 and 1280 px in SHOTS_DIR.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const EDGE = process.env.EDGE_URL;
const SHOTS = process.env.SHOTS_DIR;
const RENDER_MS = Number(process.env.RENDER_TIMEOUT_MS ?? 600_000);
assert.ok(EDGE && SHOTS, "EDGE_URL and SHOTS_DIR must be set");
mkdirSync(SHOTS, { recursive: true });

const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 360, height: 780 };
let failures = 0;

function ok(what) {
  console.log(`ok - ${what}`);
}

async function step(what, fn) {
  try {
    await fn();
    ok(what);
  } catch (e) {
    failures++;
    console.log(`FAIL - ${what}\n${e.stack ?? e}`);
    throw e;
  }
}

/** Screenshots at both widths, and at 360 px nothing may stick out sideways. */
async function shots(page, name) {
  for (const [label, size] of [["1280", WIDE], ["360", NARROW]]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, `${name}-${label}.png`), fullPage: true });
    if (label === "360") {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name}: the page is ${overflow} px wider than a 360 px screen`);
    }
  }
  await page.setViewportSize(WIDE);
}

/** Every visible control has a label a screen reader announces. */
async function allLabelled(page, where) {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button")]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => !((el.labels && el.labels.length) || el.getAttribute("aria-label") || el.textContent.trim()))
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, [], `${where}: controls without a label`);
}

async function signUp(page, email) {
  await page.goto(`${EDGE}/signup`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${EDGE}/new`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
    "--autoplay-policy=no-user-gesture-required"],
});
const ctxA = await browser.newContext({ viewport: WIDE, locale: "en-US", acceptDownloads: true });
await ctxA.grantPermissions(["clipboard-read", "clipboard-write"], { origin: EDGE });
const page = await ctxA.newPage();
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(String(e)));
// The app runs under a strict Content-Security-Policy (web/public/_headers): nothing it does may be blocked.
page.on("console", (m) => m.type() === "error" && /Content Security Policy/i.test(m.text()) && pageErrors.push(m.text()));
// Share links are made only when the user asks; watching a project makes none.
const shareRequests = [];
page.on("request", (r) => /\/share(\/|$)/.test(new URL(r.url()).pathname) && shareRequests.push(`${r.method()} ${r.url()}`));
// The session token never travels in a URL (the live socket uses one-time tickets).
const tokenInUrl = [];
page.on("request", (r) => /[?&]token=/.test(r.url()) && tokenInUrl.push(r.url()));
page.on("websocket", (ws) => /[?&]token=/.test(ws.url()) && tokenInUrl.push(ws.url()));
const email = `ui-${Date.now()}@example.com`;
let projectUrl = "";
let projectId = "";

try {
  await step("the start page explains the product and links to sign-up", async () => {
    const res = await page.goto(EDGE);
    assert.match(res.headers()["content-security-policy"] ?? "", /script-src 'self'/, "the app is served with its CSP");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByRole("link", { name: "Start free" }).waitFor();
    await shots(page, "home");
  });

  await step("sign-up shows a field error next to the field, then creates the account", async () => {
    await page.goto(`${EDGE}/signup`);
    await allLabelled(page, "sign-up");
    await shots(page, "signup");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    assert.equal(await page.getByLabel("Email").getAttribute("aria-invalid"), "true");
    await page.getByText("Enter an email address such as name@example.com.").waitFor();
    await page.getByText("Use at least 8 characters.").waitFor();
    await signUp(page, email);
    await page.locator("#credits").getByText("Credits: 30").waitFor();
  });

  await step("the create form offers caption styles (following the format until picked), pace, music and logo", async () => {
    await page.getByLabel("Captions").waitFor(); // allTextContents does not wait for the form
    const captionTexts = await page.getByLabel("Captions").locator("option").allTextContents();
    assert.deepEqual(captionTexts, ["Karaoke (a few words, the spoken one highlighted)", "Lines (subtitle lines)", "None (subtitle files only)"]);
    assert.deepEqual(await page.getByLabel("Narration pace").locator("option").allTextContents(), ["Slow", "Normal", "Fast"]);
    assert.equal(await page.getByLabel("Narration pace").inputValue(), "normal");
    assert.equal(await page.getByLabel("Your own music (optional)").getAttribute("accept"), "audio/*");
    assert.equal(await page.getByLabel("Your logo (optional)").getAttribute("accept"), "image/png");
    const captions = page.getByLabel("Captions");
    assert.equal(await captions.inputValue(), "karaoke", "a short gets karaoke captions");
    await page.getByLabel("Format").selectOption("long");
    assert.equal(await captions.inputValue(), "lines", "a long video gets subtitle lines");
    await page.getByLabel("Format").selectOption("square");
    assert.equal(await captions.inputValue(), "karaoke", "a square video gets karaoke captions");
    await captions.selectOption("none");
    await page.getByLabel("Format").selectOption("long");
    assert.equal(await captions.inputValue(), "none", "a style the user picked stays when the format changes");
    await page.reload(); // back to the defaults for the journey below
    await page.getByLabel("Captions").waitFor();
  });

  await step("a music file over 20 MiB is refused in words before anything is sent", async () => {
    const creates = [];
    const watch = (r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/projects" && creates.push(r.url());
    page.on("request", watch);
    await page.getByLabel("Topic", { exact: true }).fill("A lighthouse keeper");
    await page.getByLabel("Your own music (optional)").setInputFiles({ name: "huge.mp3", mimeType: "audio/mpeg", buffer: Buffer.alloc(21 * 1024 * 1024) });
    await page.getByText("This file is 21.0 MiB; music can be at most 20 MiB. Choose a smaller file.").waitFor();
    await page.getByRole("button", { name: "Make my video" }).click();
    await page.getByText("This file is 21.0 MiB; music can be at most 20 MiB. Choose a smaller file.").waitFor();
    assert.equal(await page.getByLabel("Your own music (optional)").getAttribute("aria-invalid"), "true");
    page.off("request", watch);
    assert.deepEqual(creates, [], "the form sent a too-large file");
    await page.reload();
    await page.getByLabel("Captions").waitFor();
  });

  await step("a logo that is not a PNG (whatever its name) is refused by the edge, in words next to the field", async () => {
    await page.getByLabel("Topic", { exact: true }).fill("A lighthouse keeper");
    await page.getByLabel("Your logo (optional)").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("GIF89a not a png at all") });
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/projects"),
      page.getByRole("button", { name: "Make my video" }).click(),
    ]);
    assert.equal(res.status(), 415);
    await page.getByText("This file is not a PNG picture. Choose a PNG file.").waitFor();
    assert.equal(await page.getByLabel("Your logo (optional)").getAttribute("aria-invalid"), "true");
    await page.locator("#credits").getByText("Credits: 30").waitFor();
    await page.reload();
    await page.getByLabel("Captions").waitFor();
  });

  await step("the chosen captions, pace, music and logo reach the project (read back through the API), in English and Korean", async () => {
    // Another account, so the journey below keeps its credits; its project is deleted at once.
    const ctxC = await browser.newContext({ viewport: WIDE, locale: "en-US" });
    const pageC = await ctxC.newPage();
    pageC.on("pageerror", (e) => pageErrors.push(String(e)));
    await signUp(pageC, `touch-${Date.now()}@example.com`);
    const wav = join(SHOTS, "own-music.wav");
    const png = join(SHOTS, "own-logo.png");
    execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", wav]);
    execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=red:s=120x60", "-frames:v", "1", png]);
    await pageC.getByLabel("Topic", { exact: true }).fill("A lighthouse keeper who finds a message in a bottle");
    await pageC.getByLabel("Length in seconds").fill("15");
    await pageC.getByLabel("Captions").selectOption("lines");
    await pageC.getByLabel("Narration pace").selectOption("fast");
    await pageC.getByLabel("Your own music (optional)").setInputFiles(wav);
    await pageC.getByLabel("Your logo (optional)").setInputFiles(png);
    await shots(pageC, "new-own-touch");
    const [createReq] = await Promise.all([
      pageC.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/projects"),
      pageC.getByRole("button", { name: "Make my video" }).click(),
    ]);
    const sent = JSON.parse(createReq.postData());
    assert.deepEqual(
      { captions: sent.captions, pace: sent.pace, music: sent.music.filename, logo: sent.logo.filename },
      { captions: "lines", pace: "fast", music: "own-music.wav", logo: "own-logo.png" },
    );
    assert.equal(Buffer.from(sent.music.data, "base64").compare(readFileSync(wav)), 0, "the music's bytes are sent as base64");
    assert.equal(Buffer.from(sent.logo.data, "base64").compare(readFileSync(png)), 0, "the logo's bytes are sent as base64");
    await pageC.waitForURL(/\/projects\/[\w-]+$/);
    const id = pageC.url().split("/").pop();
    const auth = { authorization: `Bearer ${await pageC.evaluate(() => localStorage.getItem("storycut.token"))}` };
    const { project } = await (await pageC.request.get(`${EDGE}/api/projects/${id}`, { headers: auth })).json();
    assert.deepEqual(
      { captions: project.spec.captions, pace: project.spec.pace, music: project.spec.music, logo: project.spec.logo },
      {
        captions: "lines",
        pace: 1.15,
        music: { key: `projects/${id}/inputs/music`, filename: "own-music.wav" },
        logo: { key: `projects/${id}/inputs/logo`, filename: "own-logo.png" },
      },
    );
    assert.equal((await pageC.request.delete(`${EDGE}/api/projects/${id}`, { headers: auth })).status(), 204);
    // The same controls in Korean.
    await pageC.getByLabel("Language").selectOption("ko");
    await pageC.goto(`${EDGE}/new`);
    await pageC.getByLabel("자막").waitFor();
    assert.deepEqual(await pageC.getByLabel("자막").locator("option").allTextContents(), ["가라오케 (몇 단어씩, 읽는 단어 강조)", "줄 자막", "없음 (자막 파일만)"]);
    assert.deepEqual(await pageC.getByLabel("내레이션 속도").locator("option").allTextContents(), ["느리게", "보통", "빠르게"]);
    await pageC.getByLabel("내 음악 (선택)").waitFor();
    await pageC.getByLabel("내 로고 (선택)").waitFor();
    await allLabelled(pageC, "create (Korean)");
    await shots(pageC, "new-ko");
    await ctxC.close();
  });

  await step("the create form shows the cost before submitting and checks the duration", async () => {
    await allLabelled(page, "create");
    await page.getByLabel("Topic", { exact: true }).fill("A lighthouse keeper who finds a message in a bottle");
    await page.getByLabel("Length in seconds").fill("5");
    await page.getByText("Choose a length to see the cost.").waitFor();
    await page.getByRole("button", { name: "Make my video" }).click();
    await page.getByText("Choose 15 to 600 seconds.").waitFor();
    await page.getByLabel("Length in seconds").fill("15");
    await page.getByText("This video costs 15 credits. You have 30.").waitFor();
    const formats = await page.getByLabel("Format").locator("option").allTextContents();
    assert.deepEqual(formats, ["Short (9:16)", "Long (16:9)", "Square (1:1)"]);
    await page.getByLabel("Format").selectOption("square");
    await page.getByText("This video costs 15 credits. You have 30.").waitFor();
    await page.getByLabel("Format").selectOption("short");
    await page.getByLabel("Length in seconds").fill("15"); // a format change resets the length to its default
    await page.getByText("This video costs 15 credits. You have 30.").waitFor();
    // A script is priced by the video its narration makes, not the length asked: 600 s
    // asked for a few words is the shortest video's price.
    await page.getByLabel("My own script").check();
    await page.getByLabel("Script", { exact: true }).fill("The lighthouse keeper found a bottle on the rocks.");
    await page.getByLabel("Length in seconds").fill("600");
    await page.getByText("Read aloud, this script needs a video of about 15 seconds: it costs 15 credits. You have 30.").waitFor();
    await page.getByLabel("A topic").check();
    await page.getByLabel("Length in seconds").fill("15");
    await page.getByText("This video costs 15 credits. You have 30.").waitFor();
    await shots(page, "new");
  });

  await step("submitting starts the render and the storyboard fills in scene by scene", async () => {
    await page.getByRole("button", { name: "Make my video" }).click();
    await page.waitForURL(/\/projects\/[\w-]+$/);
    projectUrl = page.url();
    projectId = projectUrl.split("/").pop();
    await page.locator("#credits").getByText("Credits: 15").waitFor();
    // A picture shown while the video is still being made is the storyboard filling in.
    let seen = null;
    const deadline = Date.now() + RENDER_MS;
    while (!seen && Date.now() < deadline) {
      const state = await page.evaluate(() => ({
        pictures: document.querySelectorAll(".scene-card img").length,
        cards: document.querySelectorAll(".scene-card").length,
        badge: document.querySelector(".badge")?.textContent ?? "",
      }));
      if (state.badge === "Ready") throw new Error("the video finished before any scene picture was shown");
      if (state.pictures > 0) seen = state;
      else await page.waitForTimeout(200);
    }
    assert.ok(seen, "no scene picture appeared during the render");
    assert.ok(seen.cards >= 2, `the storyboard has ${seen.cards} scene cards`);
    await page.locator("progress").waitFor();
    await shots(page, "project-progress");
  });

  await step("a reload during the render brings the storyboard back", async () => {
    const before = await page.locator(".scene-card img").count();
    await page.reload();
    await page.waitForFunction((n) => document.querySelectorAll(".scene-card img").length >= n || document.querySelector("video"), before);
  });

  await step("the finished video plays and seeks, fetched with the session (no share link made)", async () => {
    await page.locator("video").waitFor({ timeout: RENDER_MS });
    await page.locator(".badge", { hasText: "Ready" }).waitFor();
    const cards = await page.locator(".scene-card").count();
    assert.equal(await page.locator(".scene-card img").count(), cards, "every scene card shows its picture");
    assert.ok((await page.locator(".scene-card .narration").first().textContent()).length > 10, "scene 1 shows its narration");
    const played = await page.evaluate(async () => {
      const v = document.querySelector("video");
      v.muted = true;
      await v.play();
      const start = performance.now();
      while (v.currentTime < 1 && performance.now() - start < 20000) await new Promise((r) => setTimeout(r, 100));
      const playedTo = v.currentTime;
      v.pause();
      await new Promise((resolve) => {
        v.addEventListener("seeked", resolve, { once: true });
        v.currentTime = 12;
      });
      return { playedTo, seekedTo: v.currentTime, duration: v.duration };
    });
    assert.ok(played.playedTo >= 1, `currentTime advanced only to ${played.playedTo}`);
    assert.ok(Math.abs(played.seekedTo - 12) < 0.5, `seeked to ${played.seekedTo}`);
    assert.ok(Math.abs(played.duration - 15) <= 1.5, `the player says ${played.duration} s (15 s ±10%)`);
    assert.match(await page.locator("video").getAttribute("src"), /^blob:/, "the player plays the file fetched with the session");
    assert.deepEqual(shareRequests, [], "viewing the project made share links");
    await page.getByText("Copy title").waitFor();
    await page.locator(".thumbnail img").waitFor();
    assert.ok(await page.locator(".thumbnail img").evaluate((img) => img.complete && img.naturalWidth > 0), "the thumbnail is a picture");
    await shots(page, "project-completed");
  });

  await step("the MP4 download is a real ~15 s (a topic: ±10%, STANDARDS.md Pacing) 1080x1920 H.264/AAC video", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-download="video.mp4"]').click()]);
    const file = join(SHOTS, "download.mp4");
    await download.saveAs(file);
    const probe = JSON.parse(execFileSync("ffprobe", ["-v", "error", "-show_streams", "-show_format", "-of", "json", file]).toString());
    const v = probe.streams.find((s) => s.codec_type === "video");
    const a = probe.streams.find((s) => s.codec_type === "audio");
    assert.equal(v.codec_name, "h264");
    assert.equal(`${v.width}x${v.height}`, "1080x1920");
    assert.equal(a.codec_name, "aac");
    assert.ok(Math.abs(Number(probe.format.duration) - 15) <= 1.5, `duration ${probe.format.duration} within 10% of 15 s`);
  });

  await step("Share makes a one-hour link anyone can open, and Stop sharing ends it", async () => {
    await page.getByRole("button", { name: "Make a share link" }).click();
    const link = await page.getByLabel("Share link").inputValue();
    assert.match(link, /\/share\/[\w-]+\/video\.mp4\?exp=\d+&sig=[0-9a-f]{64}$/);
    const exp = Number(new URL(link).searchParams.get("exp")) * 1000;
    assert.ok(Math.abs(exp - Date.now() - 3600_000) < 120_000, `the link lasts ${(exp - Date.now()) / 1000} s, not an hour`);
    const anon = await browser.newContext();
    assert.equal((await anon.request.get(link)).status(), 200);
    await page.getByRole("button", { name: "Stop sharing" }).click();
    await page.getByText("Every share link of this video has stopped working.").waitFor();
    assert.equal((await anon.request.get(link)).status(), 403);
    await anon.close();
  });

  await step("copy buttons put the publishing kit on the clipboard", async () => {
    await page.getByRole("button", { name: "Copy hashtags" }).click();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(clip, /#\w/);
  });

  const newWords = "Suddenly the keeper hears a violin across the water";
  await step("editing a scene's narration regenerates it and the new words reach the subtitles", async () => {
    await page.getByRole("button", { name: "Edit scene 1" }).click();
    await allLabelled(page, "scene editor");
    await page.getByLabel("Narration").fill(newWords);
    await page.getByRole("button", { name: "Regenerate this scene" }).click();
    await page.locator(".badge", { hasText: "Making" }).waitFor();
    await page.locator(".badge", { hasText: "Ready" }).waitFor({ timeout: RENDER_MS });
    const [srtDownload] = await Promise.all([page.waitForEvent("download"), page.locator('[data-download="subtitles.srt"]').click()]);
    const srtFile = join(SHOTS, "subtitles.srt");
    await srtDownload.saveAs(srtFile);
    const srt = readFileSync(srtFile, "utf8");
    assert.ok(srt.replace(/\s+/g, " ").includes("violin"), "the new narration is in the SRT");
    await page.locator(".scene-card .narration", { hasText: "violin" }).waitFor();
  });

  await step("recompose rebuilds the video", async () => {
    await page.getByRole("button", { name: "Recompose video" }).click();
    await page.locator(".badge", { hasText: "Making" }).waitFor();
    await page.locator(".badge", { hasText: "Ready" }).waitFor({ timeout: RENDER_MS });
    await page.locator("video").waitFor();
  });

  await step("the library lists the project with its status and thumbnail", async () => {
    await page.getByRole("link", { name: "My videos" }).click();
    await page.waitForURL(`${EDGE}/library`);
    const item = page.locator(`[data-project="${projectId}"]`);
    await item.waitFor();
    await item.locator(".badge", { hasText: "Ready" }).waitFor();
    await item.locator("img").waitFor();
    await shots(page, "library");
  });

  await step("another user cannot open the first user's project", async () => {
    const ctxB = await browser.newContext({ viewport: WIDE, locale: "en-US" });
    const pageB = await ctxB.newPage();
    await signUp(pageB, `other-${Date.now()}@example.com`);
    await pageB.goto(projectUrl);
    await pageB.getByRole("heading", { name: "This video does not exist" }).waitFor();
    assert.equal(await pageB.locator("video").count(), 0);
    assert.equal(await pageB.locator(".scene-card").count(), 0);
    const token = await pageB.evaluate(() => localStorage.getItem("storycut.token"));
    const r = await pageB.request.get(`${EDGE}/api/projects/${projectId}/assets/video.mp4`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(r.status(), 404);

    // Out of credits: the answer is in words, next to the duration.
    await pageB.goto(`${EDGE}/new`);
    await pageB.getByLabel("Topic", { exact: true }).fill("A very long story");
    await pageB.getByLabel("Length in seconds").fill("600");
    await pageB.getByText("This video costs 105 credits but you have 30.").waitFor();
    await pageB.getByRole("button", { name: "Make my video" }).click();
    await pageB.getByText("You do not have enough credits for this video.").waitFor();
    assert.equal(await pageB.getByLabel("Length in seconds").getAttribute("aria-invalid"), "true");
    await ctxB.close();
  });

  await step("Korean follows the browser and can be switched", async () => {
    const ctxK = await browser.newContext({ viewport: WIDE, locale: "ko-KR" });
    const pageK = await ctxK.newPage();
    await pageK.goto(`${EDGE}/login`);
    await pageK.getByRole("heading", { name: "로그인" }).waitFor();
    await shots(pageK, "login-ko");
    await pageK.getByLabel("언어").selectOption("en");
    await pageK.getByRole("heading", { name: "Sign in" }).waitFor();
    await shots(pageK, "login");
    await ctxK.close();
  });

  await step("sign-up says when the human check cannot load, and when no credits were granted and why", async () => {
    const ctxT = await browser.newContext({ viewport: WIDE, locale: "en-US" });
    const pageT = await ctxT.newPage();
    // A real site key, offline: Turnstile's script cannot load.
    await pageT.route("**/api/auth/config", (r) => r.fulfill({ json: { turnstile_site_key: "0x4AAAAAAAexample" } }));
    await pageT.route("https://challenges.cloudflare.com/**", (r) => r.abort());
    await pageT.goto(`${EDGE}/signup`);
    await pageT.getByText("The human check could not load").waitFor();
    await pageT.getByLabel("Email").fill(`nocheck-${Date.now()}@example.com`);
    await pageT.getByLabel("Password").fill("correct horse battery");
    await pageT.getByRole("button", { name: "Create account" }).click();
    await pageT.getByText("The human check did not pass.").waitFor();
    assert.equal(pageT.url(), `${EDGE}/signup`, "no account was made");
    // An edge without a Turnstile secret makes the account without credits and says why.
    await pageT.unroute("**/api/auth/config");
    await pageT.route("**/api/auth/register", async (r) => {
      const res = await r.fetch();
      r.fulfill({ response: res, json: { ...(await res.json()), grant: { given: false, amount: 0, reason: "turnstile_not_configured" } } });
    });
    await signUp(pageT, `nogrant-${Date.now()}@example.com`);
    await pageT.getByText("no free credits were added").waitFor();
    await ctxT.close();
  });

  await step("the keyboard alone can sign out and sign back in", async () => {
    await page.getByRole("button", { name: "Sign out" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/login/);
    await page.getByLabel("Email").focus();
    await page.keyboard.type(email);
    await page.keyboard.press("Tab");
    await page.keyboard.type("correct horse battery");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${EDGE}/library`);
  });

  await step("deleting from the library removes the project", async () => {
    await page.locator(`[data-project="${projectId}"] button.danger`).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await page.getByText("No videos yet.").waitFor();
    const r = await page.request.get(`${EDGE}/api/projects/${projectId}`, {
      headers: { authorization: `Bearer ${await page.evaluate(() => localStorage.getItem("storycut.token"))}` },
    });
    assert.equal(r.status(), 404);
  });

  await step("no script errors, nothing blocked by the content security policy, no session token in a URL", async () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(tokenInUrl, []);
  });
} catch {
  // reported by step()
} finally {
  await browser.close();
}
console.log(failures ? `${failures} failed` : "all passed");
process.exit(failures ? 1 : 0);
