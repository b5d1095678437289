// The review screen in a real browser (Debian's Chromium through playwright-core; no browser is downloaded).
// Run by Outreach.Tests (ConsoleBrowserTests) against `outreach serve`: it opens the printed URL, approves two emails
// with the keyboard, rejects one with a note, checks the page with axe-core, exports the approved emails and prints
// one JSON line with what it saw; it also edits one email and approves the edited text. Settings come from the environment:
//   OUTREACH_URL    the URL `outreach serve` printed (with its token)
//   CHROMIUM        the browser (default /usr/bin/chromium)
//   SCREENSHOTS     a directory for a screenshot of each step
import { chromium } from "playwright-core";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const url = process.env.OUTREACH_URL;
const shots = process.env.SCREENSHOTS;
if (!url) throw new Error("OUTREACH_URL is not set: the URL `outreach serve` printed.");

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"], timeout: 120_000 });
const result = { steps: [] };
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const shot = async (name) => {
    result.steps.push(name);
    if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  };
  const axe = async (name) => {
    await page.addScriptTag({ content: axeSource });
    const report = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    const serious = report.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    result[`axe_${name}`] = serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  };

  await page.goto(url);
  await page.getByRole("button", { name: "Batches" }).click();
  const rows = page.locator("tbody tr");
  await rows.first().waitFor();
  result.emails = await rows.count();
  await shot("review-loaded");
  await axe("review");

  await page.keyboard.press("a");
  await page.locator("tbody tr").nth(0).locator("td.status", { hasText: "APPROVED" }).waitFor();
  await page.keyboard.press("a");
  await page.locator("tbody tr").nth(1).locator("td.status", { hasText: "APPROVED" }).waitFor();
  await page.keyboard.press("j");
  await page.getByLabel("Note").fill("Too generic for this company.");
  await page.getByRole("button", { name: "Reject (r)" }).click();
  await page.locator("tbody tr").nth(3).locator("td.status", { hasText: "REJECTED" }).waitFor();

  // Edit the third, then approve the edited text.
  await page.locator("tbody tr").nth(2).click();
  await page.keyboard.press("e");
  const body = page.getByLabel("Body");
  await body.fill(`${await body.inputValue()}\n\nP.S. Happy to share the audit checklist first.`);
  await shot("review-editing");
  await axe("editing");
  await page.getByRole("button", { name: "Save edit" }).click();
  await page.getByText("Edited; the generated text is kept as the original.").waitFor();
  await page.keyboard.press("a");
  await page.locator("tbody tr").nth(2).locator("td.status", { hasText: "APPROVED" }).waitFor();
  await shot("review-decided");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export approved" }).click()]);
  result.exported = await readFile(await download.path(), "utf8");
} catch (error) {
  // What the page showed when a step failed, for whoever reads the failure.
  if (shots) await Promise.all(browser.contexts().flatMap((c) => c.pages()).map((p) => p.screenshot({ path: path.join(shots, "failure.png"), fullPage: true }).catch(() => {})));
  throw error;
} finally {
  await browser.close();
}

console.log(JSON.stringify(result));
