// The deanery dashboard in a real browser, with and without JavaScript: a lead opens it, filters
// by date, is told plainly when a date is wrong, and downloads a table as CSV. axe checks each view.
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
  await expect(page.getByRole("table", { name: "Practices with learners in this period" }).or(page.getByText("Nothing in this period.").first())).toBeVisible();
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
