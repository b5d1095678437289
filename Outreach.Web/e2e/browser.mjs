// What the console's browser scripts share: Debian's Chromium through playwright-core (no browser is downloaded), a
// screenshot per step, axe-core's serious and critical violations per screen, and a screenshot of every open page when
// a step fails. Each script prints one JSON line with what it saw.
import { chromium } from "playwright-core";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs `steps` in a fresh browser context and prints `result` as one JSON line; `prefix` names its screenshots. */
export async function run(prefix, steps) {
  const shots = process.env.SCREENSHOTS;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"], timeout: 120_000 });
  const result = { steps: [] };
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const shot = async (name, on = page) => {
      result.steps.push(name);
      if (shots) await on.screenshot({ path: path.join(shots, `${prefix}${name}.png`), fullPage: true });
    };
    // The serious and critical violations axe-core finds on the page as it is now.
    const axe = async (on = page) => {
      await on.addScriptTag({ content: axeSource });
      const report = await on.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
      return report.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
    };
    await steps({ context, page, result, shot, axe });
  } catch (error) {
    // What the page showed when a step failed, for whoever reads the failure.
    if (shots) await Promise.all(browser.contexts().flatMap((c) => c.pages()).map((p) => p.screenshot({ path: path.join(shots, `${prefix}failure.png`), fullPage: true }).catch(() => {})));
    throw error;
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(result));
}
