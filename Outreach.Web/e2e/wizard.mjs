// The wizard in a real browser (Debian's Chromium through playwright-core; no browser is downloaded), run by
// Outreach.Tests (ConsoleBrowserTests) against `outreach serve`. It walks the seed's workflow on a CSV: the dry run of the
// upload, campaign settings with the live preview, sources, progress to COMPLETED, then the review — approve three, edit
// one and approve it, reject one with a note — the export of the approved, and the finish. axe-core checks every step.
// WIZARD_MODE=resume stops at the campaign settings, opens a new page and reports where the wizard is there.
// It prints one JSON line with what it saw. Settings come from the environment:
//   OUTREACH_URL    the URL `outreach serve` printed (with its token)
//   CSV             the file to upload
//   CHROMIUM        the browser (default /usr/bin/chromium)
//   SCREENSHOTS     a directory for a screenshot of each step
//   WIZARD_MODE     "walk" (default) or "resume"
import { readFile } from "node:fs/promises";
import { run } from "./browser.mjs";

const url = process.env.OUTREACH_URL;
const csv = process.env.CSV;
const mode = process.env.WIZARD_MODE ?? "walk";
if (!url || !csv) throw new Error("OUTREACH_URL (the URL `outreach serve` printed) and CSV (the file to upload) must be set.");

await run("wizard-", async ({ context, page, result, shot, axe }) => {
  result.axe = {};
  const currentStep = async (on = page) => (await on.locator('.steps li[aria-current="step"]').innerText()).replace(/^\d+\s*/, "").trim();

  // 1. UPLOAD_CSV: the dry run before anything is stored.
  await page.goto(url);
  await page.getByRole("heading", { name: "Upload prospects" }).waitFor();
  result.axe.upload = await axe();
  await page.locator('input[type="file"]').setInputFiles(csv);
  const summary = page.locator(".preview .summary");
  await summary.waitFor();
  result.previewSummary = await summary.innerText();
  result.rejectedLines = await page.getByRole("table", { name: "Rejected rows" }).locator("tbody tr td:first-child").allInnerTexts();
  await shot("1-upload");
  result.axe.preview = await axe();
  await page.getByRole("button", { name: "Continue to campaign settings" }).click();

  // 2. CAMPAIGN_SETTINGS: a new campaign, with the live preview on the file's first row.
  await page.getByRole("heading", { name: "Campaign settings" }).waitFor();
  await page.getByLabel("Name", { exact: true }).fill("Wizard fintech review");
  await page.getByLabel("Subject template").fill("A quick idea for {{ company }}'s cloud bill");
  await page.getByLabel(/^Body template/).fill(
    "Hi {{ first_name }},\n\nteams in {{ csv[\"City\"] }} often pay more for the cloud than they need to, mostly through idle capacity, " +
    "forgotten environments and commitments bought for last year's traffic. {{ service.value_proposition }} We look at the bill line by line " +
    "with your engineers and leave a plan your team can act on without re-architecting anything.\n\n" +
    "Would a 20-minute call next week be useful{% if title %}, given your role as {{ title }}{% endif %}?\n\n{{ sender.name }}, {{ sender.title }}\n{{ sender.company }}");
  await page.getByLabel("Instructions for the model").fill("Short, plain and specific; one ask.");
  await page.getByLabel("Service name").fill("Cloud Cost Review");
  await page.getByLabel("Service description").fill("A fixed-price, two-week review of a company's cloud spend.");
  await page.getByLabel("Value proposition").fill("Typical clients cut 20-30% of their monthly cloud bill within a quarter.");
  await page.getByLabel("Sender name").fill("Sam Rivera");
  await page.getByLabel("Sender title").fill("Cloud cost advisor");
  await page.getByLabel("Sender company").fill("Northwind Cloud Advisory");
  await page.getByLabel(/^Footer template/).fill("{{ sender.company }}, 1 Harbour Street, Bristol BS1 4QA. Reply STOP and you will hear no more from us.");
  await page.getByLabel(/^Opt-out/).fill("mailto:optout@northwind.example");
  const previewSubject = page.getByTestId("preview-subject");
  await previewSubject.filter({ hasText: "A quick idea for" }).waitFor();
  result.previewSubject = (await previewSubject.innerText()).replace(/^Subject:\s*/, "");
  result.previewHeading = await page.locator("#preview-heading").innerText();
  await page.locator(".pane pre.body", { hasText: "Reply STOP" }).waitFor();
  result.previewBody = await page.locator(".pane pre.body").innerText();
  await shot("2-campaign");
  result.axe.campaign = await axe();

  if (mode === "resume") {
    // Leave here: a new page (another tab, a day later) resumes at the same step with the same file.
    result.stepBeforeLeaving = await currentStep();
    await page.close();
    const again = await context.newPage();
    again.setDefaultTimeout(60_000);
    await again.goto(new URL("/", url).toString());
    await again.getByRole("heading", { name: "Campaign settings" }).waitFor();
    result.resumedStep = await currentStep(again);
    result.resumedFile = await again.locator(".wizard > .meta").innerText();
    await shot("resumed", again);
  } else {
    // From here the campaign answers well after the providers, as it can on a loaded machine: a source unticked must
    // stay unticked, so the choices may not be offered before the campaign's own have arrived.
    await page.route(/\/api\/campaigns\/[^/?]+$/, async (route) => {
      if (route.request().method() === "GET") await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.getByRole("button", { name: "Save campaign and continue" }).click();

    // 3. ENRICHMENT_CONFIG: the sources and each provider's state.
    await page.getByRole("heading", { name: "Research sources" }).waitFor();
    await page.getByRole("table", { name: "Providers" }).locator("tbody tr").first().waitFor();
    await page.getByLabel("Tech stack", { exact: true }).uncheck();
    await page.getByLabel("Address verification").selectOption("off");
    await shot("3-sources");
    result.axe.sources = await axe();
    await page.getByRole("button", { name: "Begin enrichment" }).click();

    // 4–5. BEGIN_ENRICHMENT and EMAIL_GENERATION: live progress until the batch is done.
    await page.getByTestId("batch-status").waitFor();
    await shot("4-progress");
    result.axe.progress = await axe();
    await page.getByTestId("batch-status").filter({ hasText: /^(COMPLETED|PARTIAL|FAILED)$/ }).waitFor({ timeout: 180_000 });
    result.batchStatus = await page.getByTestId("batch-status").innerText();

    // 6. Review: approve three, edit the fourth and approve it, reject the fifth with a note.
    const rows = page.locator("tbody tr[data-email]");
    await rows.first().waitFor();
    result.emails = await rows.count();
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("a");
      await rows.nth(i).locator("td.status", { hasText: "APPROVED" }).waitFor();
    }
    await page.keyboard.press("e");
    const body = page.getByLabel("Body", { exact: true });
    await body.fill(`${await body.inputValue()}\n\nP.S. Happy to share the audit checklist first.`);
    await page.getByRole("button", { name: "Save edit" }).click();
    await page.getByText("Edited; the generated text is kept as the original.").waitFor();
    await page.keyboard.press("a");
    await rows.nth(3).locator("td.status", { hasText: "APPROVED" }).waitFor();
    await page.getByLabel("Note").fill("Not the right person.");
    await page.getByRole("button", { name: "Reject (r)" }).click();
    await rows.nth(4).locator("td.status", { hasText: "REJECTED" }).waitFor();
    await shot("5-review");
    result.axe.review = await axe();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export approved" }).click()]);
    result.exported = await readFile(await download.path(), "utf8");

    await page.getByRole("button", { name: "Finish review" }).click();
    await page.getByRole("heading", { name: "Completed" }).waitFor();
    result.finalStep = await currentStep();
    await shot("6-completed");
    result.axe.completed = await axe();
  }
});
