// Ten participants in one Chromium, each in its own context (one a 390x844 phone), answer
// and change answers while the facilitator's app, in tmux, is driven by keys from here.
// Usage: node room.mjs '{"url": ..., "tmux": ["tmux", "-L", "sock"], "target": "e2e", "plan": {...}, "shot": PATH}'
// Prints JSON: what the pages showed, for the caller to assert on with the saved file.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../node/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const args = JSON.parse(process.argv[2]);
const LIMIT = 20000;
const out = { claims: [], pwned: false, revealed: null, locked: null, wrongCode: null, sent: null };

function key(k) {
  execFileSync(args.tmux[0], [...args.tmux.slice(1), "send-keys", "-t", args.target, k]);
}

const browser = await chromium.launch({ executablePath: args.chromium || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const pages = [];
  for (let i = 0; i < 10; i++) {
    const phone = i === 0;
    const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport: { width: 800, height: 700 } });
    const page = await context.newPage();
    page.on("dialog", () => { out.pwned = true; });
    await page.goto(args.url);
    pages.push(page);
  }
  const shows = async (page, text) => {
    await page.waitForFunction((t) => document.getElementById("claim-text").textContent === t, text, { timeout: LIMIT });
  };
  const vote = async (page, position) => {
    const button = page.getByRole("button", { name: position, exact: true });
    await button.click();
    await page.waitForFunction((p) => {
      const b = [...document.querySelectorAll("button.pos")].find((x) => x.textContent === p);
      return b && b.getAttribute("aria-pressed") === "true";
    }, position, { timeout: LIMIT });
  };

  for (const step of args.plan.steps) {
    if (step.key) { key(step.key); continue; }
    await Promise.all(pages.map((p) => shows(p, step.shows)));
    out.claims.push(await pages[0].textContent("#claim-text"));
    out.pwned = out.pwned || (await pages[0].evaluate(() => document.querySelectorAll("#claim-text *, #claim-where *").length > 0));
    for (const [who, position] of step.votes) await vote(pages[who], position);
  }

  // hostile claim text must have shown literally (out.claims) and run nothing
  for (const page of pages) out.pwned = out.pwned || (await page.evaluate(() => window.__pwned === 1));

  // the facilitator reveals: every page shows the distribution
  key("O");
  await pages[3].waitForSelector("#results:not([hidden]) li", { timeout: LIMIT });
  out.revealed = await pages[3].$$eval("#bars li", (items) => items.map((li) => li.lastChild.textContent));
  await pages[0].screenshot({ path: args.shot, fullPage: true });

  // the facilitator locks: the buttons are disabled
  key("L");
  await pages[2].waitForFunction(() => document.querySelector("button.pos").disabled, null, { timeout: LIMIT });
  out.locked = true;
  key("L");
  await pages[2].waitForFunction(() => !document.querySelector("button.pos").disabled, null, { timeout: LIMIT });

  // a proposal, in hostile text, goes to the facilitator's inbox
  await pages[4].fill("#text", args.plan.proposal);
  await pages[4].getByRole("button", { name: "Propose a claim against" }).click();
  await pages[4].waitForFunction(() => document.getElementById("status").textContent.startsWith("Proposal sent"), null, { timeout: LIMIT });
  out.sent = true;

  // a reloaded page is the same participant, its answer still chosen
  await pages[5].reload();
  await shows(pages[5], args.plan.steps.at(-1).shows);
  out.afterReload = await pages[5].$$eval("button.pos[aria-pressed=true]", (b) => b.map((x) => x.textContent));

  const wrong = await pages[6].request.get(args.url.replace(/\/j\/.*/, "/j/not-the-code"));
  out.wrongCode = [wrong.status(), await wrong.text()];
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
