// The open catalogue and verified sign-ups, hydrated and without JavaScript: a visitor browses the
// modules, opens one, creates an account from it (finding their practice by search), confirms
// their address from the emailed link and lands back on the module, ready to start. Registering
// an address that already has an account shows the very same page, and its owner is emailed.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, linkFromEmail, open, uniqueEmail } from "./support";
import { MARGARET, PASSWORD, choosePractice, heading } from "./journey";

test("a visitor browses the catalogue, registers from a module and comes back to start it", async ({ page }, testInfo) => {
  await open(page, "/modules", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Modules");
  await expect(page.getByText("Anyone can look at the modules")).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("link", { name: MARGARET }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MARGARET);
  await expect(page.getByRole("heading", { name: "What you will be able to do" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start the module" })).toHaveCount(0);
  await expectNoAxeViolations(page, testInfo);

  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { name: "Step 1 of 2: your practice" })).toBeVisible();
  await choosePractice(page, "riverside", "Riverside Surgery (Z00001)");
  await expectNoAxeViolations(page, testInfo);
  const email = uniqueEmail(testInfo, "visitor");
  await page.getByLabel("Full name").fill("Dr Visiting Browser");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Create a password").fill(PASSWORD);
  await page.getByLabel("GP", { exact: true }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await expectNoAxeViolations(page, testInfo);

  await open(page, await linkFromEmail(email, "/confirm-email?token="), testInfo);
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MARGARET);
  await page.getByRole("button", { name: "Start the module" }).click();
  await expect(heading(page)).toBeVisible();
});

test("registering an address that has an account shows the same page and emails its owner", async ({ page }, testInfo) => {
  const owner = "learner@casebook.example";
  await open(page, "/register?practice_search=Z00002", testInfo);
  await page.getByRole("link", { name: /^Castle Street Medical Centre/ }).click();
  await page.getByLabel("Full name").fill("Dr Someone Else");
  await page.getByLabel("Email address").fill(owner);
  await page.getByLabel("Create a password").fill("another long passphrase here");
  await page.getByLabel("GP", { exact: true }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await expect(page).toHaveURL(/\/register\?sent=1$/);
  expect(await linkFromEmail(owner, "/forgot-password")).toBe("/forgot-password");
});
