// The review screen in a real browser (Debian's Chromium through playwright-core; no browser is downloaded).
// Run by Outreach.Tests (ConsoleBrowserTests) against `outreach serve`: it opens the printed URL, approves two emails
// with the keyboard, rejects one with a note, checks the page with axe-core, exports the approved emails and prints
// one JSON line with what it saw; it also edits one email and approves the edited text. Settings come from the environment:
//   OUTREACH_URL    the URL `outreach serve` printed (with its token)
//   CHROMIUM        the browser (default /usr/bin/chromium)
//   SCREENSHOTS     a directory for a screenshot of each step
//   PUSH_CAMPAIGN   when set, the approved emails are then pushed to Instantly's campaign of this id
import { readFile } from "node:fs/promises";
import { run } from "./browser.mjs";

const url = process.env.OUTREACH_URL;
if (!url) throw new Error("OUTREACH_URL is not set: the URL `outreach serve` printed.");

await run("", async ({ page, result, shot, axe }) => {
  await page.goto(url);
  await page.getByRole("button", { name: "Batches" }).click();
  const rows = page.locator("tbody tr");
  await rows.first().waitFor();
  result.emails = await rows.count();
  await shot("review-loaded");
  result.axe_review = await axe();

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
  result.axe_editing = await axe();
  await page.getByRole("button", { name: "Save edit" }).click();
  await page.getByText("Edited; the generated text is kept as the original.").waitFor();
  await page.keyboard.press("a");
  await page.locator("tbody tr").nth(2).locator("td.status", { hasText: "APPROVED" }).waitFor();
  await shot("review-decided");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export approved" }).click()]);
  result.exported = await readFile(await download.path(), "utf8");

  const campaign = process.env.PUSH_CAMPAIGN;
  if (campaign) {
    await page.getByLabel("Sequencer", { exact: true }).selectOption("instantly");
    await page.getByLabel("Their campaign id").fill(campaign);
    await page.getByRole("button", { name: "Push approved" }).click();
    const line = page.locator("li[data-target=INSTANTLY]", { hasText: "pushed" });
    await line.filter({ hasText: "3 pushed" }).waitFor({ timeout: 120_000 });
    result.pushed = await line.textContent();
    await shot("review-pushed");
    result.axe_pushed = await axe();
  }
});
