// The deanery dashboard in a real browser, with and without JavaScript: a lead opens it, filters
// by date, is told plainly when a date is wrong, and downloads a table as CSV; imports their
// practices' prescribing (a bad file is refused line by line) and downloads the practices with their
// rates. axe checks each view.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectNoAxeViolations, open, signIn } from "./support";

test("a deanery lead opens the dashboard, filters it and downloads a table", async ({ page }, testInfo) => {
  await signIn(page, testInfo, "lead.north@casebook.example", DEMO_PASSWORD);
  await page.getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reports");
  await expect(page.getByLabel("Region", { exact: true })).toHaveValue(/\d+/);
  await expect(page.getByLabel("Region", { exact: true }).locator("option")).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Northshire Training Hub: uptake" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo);

  await page.getByLabel("From", { exact: true }).fill("2026-02-30");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Enter a real date");
  await expectNoAxeViolations(page, testInfo);

  await page.getByLabel("From", { exact: true }).fill("2026-01-01");
  await page.getByLabel("To", { exact: true }).fill("2026-12-31");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/from=2026-01-01&to=2026-12-31/);
  await expect(page.getByRole("heading", { name: "Practices", exact: true })).toBeVisible();
  await expectNoAxeViolations(page, testInfo);

  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download learning by theme (CSV)" }).click(),
  ]);
  expect(file.suggestedFilename()).toBe("casebook-learning-by-theme.csv");
  const text = (await readFile(await file.path(), "utf8")).replace(/^\uFEFF/, "");
  expect(text.split(/\r?\n/)[0]).toBe(
    "Theme,Learners,Right before,Right after,Mean gain,95% CI low,95% CI high,Very sure and wrong before," +
      "Very sure and wrong after,Certainty when right before,Certainty when wrong before,Certainty when right after," +
      "Certainty when wrong after",
  );
  await open(page, "/reports?region=all", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Reports");
});

test("a deanery lead imports prescribing and downloads the practices with their rates", async ({ page }, testInfo) => {
  await signIn(page, testInfo, "lead.north@casebook.example", DEMO_PASSWORD);
  await open(page, "/reports", testInfo);
  await page.getByRole("link", { name: "Import practices' prescribing" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Practices' prescribing");
  await expectNoAxeViolations(page, testInfo);

  const header = "practice_code,month,benzodiazepine_items,z_drug_items,list_size\n";
  const upload = async (text: string) => {
    await page.getByLabel("Prescribing or list-size file (CSV)").setInputFiles({
      name: "prescribing.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(text),
    });
    await page.getByRole("button", { name: "Import" }).click();
  };
  await upload(`${header}Z00001,2026-07,120,80,10000\nZ00001,2026-08,many,80,10000\nZ00003,2026-08,1,1,100\n`);
  const summary = page.locator(".nhsuk-error-summary");
  await expect(summary).toContainText("Line 3: benzodiazepine_items must be a whole number, not 'many'");
  await expect(summary).toContainText("Line 4: there is no practice with ODS code Z00003 in Northshire");
  await expectNoAxeViolations(page, testInfo);

  await upload(`${header}Z00001,2026-07,120,80,10000\nZ00001,2026-08,110,70,10000\nZ00002,2026-07,30,10,8000\n`);
  await expect(page.getByRole("alert")).toContainText("Imported 3 practice-months for 2 practices, 2026-07 to 2026-08.");
  await expect(page.getByRole("table", { name: "Prescribing imported, by practice" })).toContainText("Riverside Surgery (Z00001)");
  await expectNoAxeViolations(page, testInfo);

  await page.getByRole("link", { name: "Back to reports" }).click();
  const practices = page.getByRole("table", { name: "Practices", exact: true });
  await expect(practices.getByRole("row", { name: /Riverside Surgery/ })).toContainText("19.0");
  await expect(page.getByRole("table", { name: "High prescribers and other practices" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download practices (CSV)" }).click(),
  ]);
  const rows = (await readFile(await file.path(), "utf8")).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(rows[0]).toBe(
    "Practice,ODS code,Learners,Completed,Mean gain,\"Items per 1,000 patients a month\",Decile in scope,High prescriber",
  );
  expect(rows).toContainEqual(expect.stringMatching(/^Riverside Surgery,Z00001,[0-9*]+,[0-9*]+,[^,]+,19\.0,10,Yes$/));
  expect(rows).toContainEqual(expect.stringMatching(/^Castle Street Medical Centre,Z00002,[0-9*]+,[0-9*]+,[^,]+,5\.0,1,No$/));
});
