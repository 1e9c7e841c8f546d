// What users see when things go wrong, in headless Chromium against the local platform
// (test_web_ui.py runs this after web_ui.mjs): a render the engine refuses ends "failed"
// with its reason and the credits returned; with the engine down the page says all
// engines are busy and keeps waiting, and the video still arrives once an engine is back.
// The engine is stopped and started by the Python side: this script prints
// "@stop-engine" / "@start-engine" and waits for a line on stdin after each.
import assert from "node:assert/strict";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { chromium } from "playwright-core";

const EDGE = process.env.EDGE_URL;
const SHOTS = process.env.SHOTS_DIR;
const RENDER_MS = Number(process.env.RENDER_TIMEOUT_MS ?? 600_000);
assert.ok(EDGE && SHOTS, "EDGE_URL and SHOTS_DIR must be set");
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

async function ask(command) {
  console.log(`@${command}`);
  const { value, done } = await lines.next();
  assert.ok(!done && value === "done", `${command}: the test runner answered ${value}`);
}

async function shots(page, name) {
  for (const [label, size] of [["1280", { width: 1280, height: 900 }], ["360", { width: 360, height: 780 }]]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
let failed = false;
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" })).newPage();
  await page.goto(`${EDGE}/signup`);
  await page.getByLabel("Email").fill(`errors-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${EDGE}/new`);

  // A voice the engine does not have: the edge takes the request, the engine refuses it.
  // The engine is down at first, so the header reads the balance with the 15 credits held;
  // the project is then opened from the library (no page load) after it has failed, and
  // the header must show the credits returned, not the balance it read before.
  await ask("stop-engine");
  const id = await page.evaluate(async () => {
    const r = await fetch("/api/projects", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${localStorage.getItem("storycut.token")}` },
      body: JSON.stringify({ topic: "A quiet harbour at dawn", format: "short", duration: 15, voice: "nosuchvoice" }),
    });
    return (await r.json()).project.id;
  });
  await page.goto(`${EDGE}/library`);
  await page.locator("#credits").getByText("Credits: 15").waitFor();
  await ask("start-engine");
  const statusOf = (pid) =>
    page.evaluate(async (pid) => {
      const r = await fetch(`/api/projects/${pid}`, { headers: { authorization: `Bearer ${localStorage.getItem("storycut.token")}` } });
      return r.ok ? (await r.json()).project.status : `HTTP ${r.status}`;
    }, pid);
  for (const until = Date.now() + RENDER_MS; (await statusOf(id)) !== "failed"; ) {
    assert.ok(Date.now() < until, "the refused render did not end failed");
    await page.waitForTimeout(500);
  }
  await page.locator(`a.library-title[href="/projects/${id}"]`).click();
  await page.waitForURL(`${EDGE}/projects/${id}`);
  await page.locator(".badge", { hasText: "Failed" }).waitFor();
  const alert = await page.locator(".alert.error").textContent();
  assert.match(alert, /^The render failed: .*voice/, `the reason: ${alert}`);
  assert.match(alert, /Your 15 credits were returned\.$/);
  assert.doesNotMatch(alert, /\/tmp\/|\bat \w+ \(|Error:/, "no paths or stack traces");
  await page.locator("#credits").getByText("Credits: 30").waitFor({ timeout: 10_000 });
  await shots(page, "project-failed");
  console.log("ok - a refused render shows its reason in words, and the header the credits returned");

  await ask("stop-engine");
  await page.goto(`${EDGE}/new`);
  await page.getByLabel("Topic", { exact: true }).fill("A lighthouse in a storm");
  await page.getByLabel("Length in seconds").fill("15");
  await page.getByRole("button", { name: "Make my video" }).click();
  await page.waitForURL(/\/projects\/[\w-]+$/);
  await page.getByText("All rendering engines are busy right now.").waitFor({ timeout: 60_000 });
  await shots(page, "project-waiting");
  console.log("ok - with no engine the page says all engines are busy and that it keeps retrying");

  await ask("start-engine");
  await page.locator(".badge", { hasText: "Ready" }).waitFor({ timeout: RENDER_MS });
  await page.locator("video").waitFor();
  assert.equal(await page.getByText("All rendering engines are busy right now.").count(), 0);
  console.log("ok - once an engine is back the same project completes without the user doing anything");
} catch (e) {
  failed = true;
  console.log(`FAIL - ${e.stack ?? e}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
