// Drive a textual-serve page in headless Chromium: load, screenshot, press keys, screenshot.
// Usage: node drive.mjs '{"url": ..., "keys": ["j", "Control+s"], "out": DIR}'
// With "download": true, also wait for a file the app delivers (an export) and save it in
// DIR; with "refused": true, only load the page and print its status and text.
// Prints JSON: the app's terminal output (text received over the WebSocket) before and
// after the keys, and the two screenshot paths. The page draws on a canvas, so the
// caller asserts on that output, the screenshots and the file, not on DOM text.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(new URL("../../node/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const QUIET_MS = 800; // the app has drawn when no output arrived for this long
const LIMIT_MS = 30000;

const args = JSON.parse(process.argv[2]);
const browser = await chromium.launch({
  executablePath: args.chromium || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const result = { before: "", after: "", shots: [], downloads: [], blocked: [] };
let phase = "before";
let lastFrame = 0;
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, acceptDownloads: true });
  const saving = [];
  // textual-serve opens each delivered file in a new tab, which turns into a download
  context.on("page", (tab) => {
    tab.on("download", (download) => {
      const target = path.join(args.out, download.suggestedFilename());
      saving.push(download.saveAs(target).then(() => result.downloads.push(target)));
    });
  });
  const page = await context.newPage();
  // whatever the page's Content-Security-Policy blocked: the page must need none of it
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) result.blocked.push(message.text());
  });
  if (args.refused) {
    const response = await page.goto(args.url);
    process.stdout.write(JSON.stringify({ status: response.status(), text: await page.innerText("body") }));
    await browser.close();
    process.exit(0);
  }
  page.on("websocket", (ws) => {
    ws.on("framereceived", (frame) => {
      const data = typeof frame.payload === "string" ? frame.payload : frame.payload.toString("utf8");
      result[phase] += data;
      lastFrame = Date.now();
    });
  });
  const settle = async () => {
    const start = Date.now();
    while (Date.now() - start < LIMIT_MS) {
      await page.waitForTimeout(100);
      if (lastFrame && Date.now() - lastFrame > QUIET_MS) return;
    }
  };
  await page.goto(args.url);
  await page.waitForSelector("body.-first-byte", { timeout: LIMIT_MS });
  await settle();
  const first = path.join(args.out, "first.png");
  await page.screenshot({ path: first });
  result.shots.push(first);

  phase = "after";
  lastFrame = 0;
  await page.focus("#terminal .xterm-helper-textarea");
  for (const key of args.keys) {
    await page.keyboard.press(key);
    await page.waitForTimeout(200);
  }
  await settle();
  if (args.download) {
    const start = Date.now();
    while (saving.length === 0 && Date.now() - start < LIMIT_MS) await page.waitForTimeout(100);
    await Promise.all(saving);
  }
  const second = path.join(args.out, "second.png");
  await page.screenshot({ path: second });
  result.shots.push(second);
  await page.close(); // ends this connection's app process
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result));
