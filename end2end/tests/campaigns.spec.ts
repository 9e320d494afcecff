// A deanery campaign in a real browser, with and without JavaScript: the Southvale lead imports
// their practices' prescribing, creates a campaign for the flagged high prescriber, adds a GP's
// address there and starts it; that GP gets the email, registers through its link and completes the
// module; the lead then sees them in the funnel and downloads it. axe checks every new page.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { finishModule, MARGARET, PASSWORD, startMargaret } from "./journey";
import { DEMO_PASSWORD, expectNoAxeViolations, linkFromEmail, open, signIn, signOut, uniqueEmail } from "./support";

test("a lead's campaign reaches a high prescriber's GP, who registers and completes", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const project = testInfo.project.name;
  await signIn(page, testInfo, "lead.south@casebook.example", DEMO_PASSWORD);
  await open(page, "/reports/prescribing", testInfo);
  await page.getByLabel("Prescribing or list-size file (CSV)").setInputFiles({
    name: "prescribing.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "practice_code,month,benzodiazepine_items,z_drug_items,list_size\nZ00003,2026-09,150,50,5000\nZ00004,2026-09,20,10,8000\n",
    ),
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("alert")).toContainText("Imported 2 practice-months for 2 practices");

  // A campaign for the flagged practices: Harbour View prescribes four times Meadowbank's rate.
  await page.getByRole("link", { name: "Campaigns" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Campaigns");
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("link", { name: "Create a campaign" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create a campaign");
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("button", { name: "Create the campaign" }).click();
  const problems = page.locator(".nhsuk-error-summary");
  await expect(problems).toContainText("Enter the campaign");
  await expect(problems).toContainText("Select at least one published module");
  await expectNoAxeViolations(page, testInfo);
  const name = `Southvale hypnotics review (${project})`;
  await page.getByLabel("Campaign name").fill(name);
  await page.getByLabel(MARGARET).check();
  await page.getByLabel("Your message to the GPs").fill("Dear colleague, our practices prescribe more hypnotics than most.");
  const closes = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Closing date").fill(closes);
  await page.getByLabel("Prescribing measure").selectOption({ label: "Items per 1,000 patients a month" });
  await page.getByRole("button", { name: "Create the campaign" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  const targets = page.getByRole("table", { name: "Target practices" });
  await expect(targets).toContainText("Harbour View Practice");
  await expect(targets).not.toContainText("Meadowbank");
  await expectNoAxeViolations(page, testInfo);

  // A GP at Harbour View who has no account yet is added by address, and the campaign starts.
  const gp = uniqueEmail(testInfo, "campaign-gp");
  await page.getByLabel("A list of addresses (CSV)").setInputFiles({
    name: "addresses.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`practice_code,email\nZ00003,${gp}\n`),
  });
  await page.getByRole("button", { name: "Add the addresses" }).click();
  await expect(page.getByRole("alert")).toContainText("Added 1 addresses");
  await page.getByRole("button", { name: "Start the campaign and send the invitations" }).click();
  await expect(page.getByRole("alert")).toContainText("Campaign started");
  await expect(page.locator(".nhsuk-summary-list")).toContainText("Running");
  await expectNoAxeViolations(page, testInfo);
  const funnel = page.getByRole("table", { name: "Funnel by practice" });
  await expect(funnel.getByRole("row", { name: /All target practices/ }).getByRole("cell").nth(4)).toHaveText("0");
  await signOut(page);

  // The GP registers through the email's link and completes the module.
  await open(page, await linkFromEmail(gp, "/invitations/accept?token="), testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accept your invitation");
  await page.getByLabel("Full name").fill("Dr Campaign GP");
  await page.getByLabel("Create a password").fill(PASSWORD);
  await expect(page.locator("#practice")).toContainText("Harbour View Practice (Z00003)");
  await page.getByLabel("GP", { exact: true }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Welcome to Casebook: your account is ready")).toBeVisible();
  await startMargaret(page, testInfo);
  await finishModule(page);
  await signOut(page);

  // The lead sees them in the funnel (a count under 8 shows as *) and downloads it.
  await signIn(page, testInfo, "lead.south@casebook.example", DEMO_PASSWORD);
  await open(page, "/campaigns", testInfo);
  await page.getByRole("link", { name }).click();
  const total = page.getByRole("table", { name: "Funnel by practice" }).getByRole("row", { name: /All target practices/ });
  await expect(total.getByRole("cell").nth(4)).toHaveText("*");
  await expect(page.getByRole("heading", { name: "Did prescribing change?" })).toBeVisible();
  await expect(page.getByText("This is observational")).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the funnel (CSV)" }).click(),
  ]);
  const rows = (await readFile(await file.path(), "utf8")).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(rows[0]).toBe("Practice,ODS code,Invited,Registered,Started,Completed,Follow-up done");
  expect(rows[1]).toMatch(/^All target practices,,\*,\*,\*,\*,0$/);
});
