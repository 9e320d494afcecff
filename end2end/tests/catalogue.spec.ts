// The open catalogue and verified sign-ups, hydrated and without JavaScript: a visitor browses the
// modules, opens one, creates an account from it (finding their practice by search), confirms
// their address from the emailed link and lands back on the module, ready to start. Registering
// an address that already has an account shows the very same page, and its owner is emailed. An
// unconfirmed account cannot start a module; a day on (the server's test clock), its link has
// expired and the page sends a new one, which works once.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, linkFromEmail, open, signIn, uniqueEmail } from "./support";
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

test("an unconfirmed GP cannot start a module; an expired link offers a new one, which works once", async ({ page, request }, testInfo) => {
  const email = uniqueEmail(testInfo, "unconfirmed");
  await open(page, "/register?practice_search=riverside", testInfo);
  await page.getByRole("link", { name: /^Riverside Surgery \(Z00001\)/ }).click();
  await page.getByLabel("Full name").fill("Dr Not Yet Confirmed");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Create a password").fill(PASSWORD);
  await page.getByLabel("GP", { exact: true }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  const first = await linkFromEmail(email, "/confirm-email?token=");

  // Signed in without confirming: the account page asks for it, and a module will not start.
  await signIn(page, testInfo, email, PASSWORD);
  await open(page, "/account", testInfo);
  await expect(page.locator(".nhsuk-warning-callout")).toContainText("Confirm your email address");
  await open(page, "/modules/margaret-long-term-temazepam", testInfo);
  await page.getByRole("button", { name: "Start the module" }).click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Confirm your email address before you start a module");
  await expectNoAxeViolations(page, testInfo);

  // A day and more later the first link has expired; the page offers a new one.
  expect((await request.post(`/test/clock?seconds=${25 * 3600}`)).ok()).toBe(true);
  await open(page, first, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link has expired");
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send a new link" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  // The new email is sent by the job worker a moment later.
  await expect.poll(() => linkFromEmail(email, "/confirm-email?token=")).not.toBe(first);
  const fresh = await linkFromEmail(email, "/confirm-email?token=");
  await open(page, fresh, testInfo);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Modules");

  // The link works once.
  await open(page, fresh, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your address is confirmed");
});
