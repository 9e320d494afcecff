// Accounts in a real browser, with and without JavaScript: registering, signing in and out, resetting
// a forgotten password from the emailed link, and an invitation accepted. axe checks every page.
import { expect, test } from "@playwright/test";
import {
  DEMO_ADMIN,
  DEMO_PASSWORD,
  expectNoAxeViolations,
  linkFromEmail,
  open,
  screenshot,
  signIn,
  signOut,
  uniqueEmail,
} from "./support";
import { choosePractice, confirmEmail } from "./journey";

const PASSWORD = "brisk heron paints the dawn";

test("a GP registers, signs out and signs back in", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, "gp");
  await open(page, "/register", testInfo);
  await expectNoAxeViolations(page, testInfo);
  await choosePractice(page, "Z00001", "Riverside Surgery (Z00001)");
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("Full name").fill("Dr Test Registrant");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Create a password").fill(PASSWORD);
  await page.getByLabel("GMC number (optional)").fill("7654321");
  await page.getByLabel("GP trainee or registrar").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expectNoAxeViolations(page, testInfo);
  await confirmEmail(page, testInfo, email);

  await open(page, "/account", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
  await expect(page.getByText(email)).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  await screenshot(page, testInfo, "account");

  await signOut(page);
  await signIn(page, testInfo, email, PASSWORD);
  await expect(page.getByRole("link", { name: "Dr Test Registrant" })).toBeVisible();
});

test("a mistake shows the error summary linked to its field, and keeps what was typed", async ({ page }, testInfo) => {
  await open(page, "/sign-in", testInfo);
  await page.getByLabel("Email address").fill("learner@casebook.example");
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveTitle("Error: Sign in – Casebook");
  const summary = page.locator(".nhsuk-error-summary");
  await expect(summary.getByRole("heading")).toHaveText("There is a problem");
  await expect(page.getByLabel("Email address")).toHaveValue("learner@casebook.example");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page).not.toHaveURL(/__err|learner/);
  await expectNoAxeViolations(page, testInfo);
  await summary.getByRole("link", { name: "Enter a correct email address and password" }).click();
  await expect(page).toHaveURL(/#email$/);
});

test("a forgotten password is reset from the emailed link", async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, "forgetful");
  await open(page, "/register", testInfo);
  await choosePractice(page, "surgery", "Riverside Surgery (Z00001)");
  await page.getByLabel("Full name").fill("Dr Forgetful");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Create a password").fill(PASSWORD);
  await page.getByLabel("GP", { exact: true }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmEmail(page, testInfo, email);
  await signOut(page);

  await open(page, "/sign-in", testInfo);
  await page.getByRole("link", { name: "Forgotten your password?" }).click();
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await expectNoAxeViolations(page, testInfo);

  const link = await linkFromEmail(email, "/reset-password?token=");
  await open(page, link, testInfo);
  await expectNoAxeViolations(page, testInfo);
  const newPassword = "quiet meadow follows rain";
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Your password has been reset")).toBeVisible();

  await signOut(page);
  await signIn(page, testInfo, email, newPassword);
  // The link worked once.
  await open(page, link, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link has expired or been used");
});

test("an admin invites a trainer, who accepts and signs in", async ({ page, browser }, testInfo) => {
  const email = uniqueEmail(testInfo, "trainer");
  await signIn(page, testInfo, DEMO_ADMIN, DEMO_PASSWORD);
  await open(page, "/admin/people/invite", testInfo);
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("Their email address").fill(email);
  await page.getByLabel("Trainer").check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Invitation sent")).toBeVisible();

  const link = await linkFromEmail(email, "/invitations/accept?token=");
  const context = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled !== false });
  const invitee = await context.newPage();
  await open(invitee, link, testInfo);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("Accept your invitation");
  await expectNoAxeViolations(invitee, testInfo);
  await invitee.getByLabel("Full name").fill("Dr Invited Trainer");
  await invitee.getByLabel("Create a password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee.getByText("Welcome to Casebook: your account is ready")).toBeVisible();
  await expect(invitee.locator(".nhsuk-summary-list")).toContainText("Trainer");
  await context.close();
});

test("the admin pages pass axe", async ({ page }, testInfo) => {
  await signIn(page, testInfo, DEMO_ADMIN, DEMO_PASSWORD);
  for (const path of ["/admin/people", "/admin/people/1", "/admin/organisations", "/admin/organisations/regions/1",
    "/admin/organisations/practices/1", "/admin/audit", "/account"]) {
    const response = await open(page, path, testInfo);
    expect(response?.status(), path).toBe(200);
    await expectNoAxeViolations(page, testInfo);
  }
  await screenshot(page, testInfo, "account-admin");
});
