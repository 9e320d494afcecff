// The home page and the page frame: served, accessible, hydrated where JavaScript runs, and fully
// usable without it.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, open, screenshot } from "./support";

const ROLES = ["For GPs and GP trainees", "For trainers", "For deanery leads", "For administrators"];

test("the home page explains Casebook to every role and passes axe", async ({ page }, testInfo) => {
  await open(page, "/", testInfo);
  await expect(page).toHaveTitle("Case-based learning for general practice – Casebook");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Casebook");
  await expect(page.getByRole("banner").getByRole("link", { name: "Casebook" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  await screenshot(page, testInfo, "home");
});

test("the role tabs are tabs with JavaScript and a list of sections without", async ({ page }, testInfo) => {
  await open(page, "/", testInfo);
  const panels = page.locator(".nhsuk-tabs__panel");
  if (hydrated(testInfo)) {
    const trainers = page.getByRole("tab", { name: "Trainers" });
    await expect(page.getByRole("tab", { name: "GPs and GP trainees" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("heading", { name: ROLES[0] })).toBeVisible();
    await expect(page.getByRole("heading", { name: ROLES[1] })).toBeHidden();

    await trainers.click();
    await expect(trainers).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("heading", { name: ROLES[1] })).toBeVisible();
    await expect(page.getByRole("heading", { name: ROLES[0] })).toBeHidden();

    // Arrow keys move between tabs, as the ARIA tabs pattern requires.
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("tab", { name: "Deanery leads" })).toBeFocused();
    await expect(page.getByRole("heading", { name: ROLES[2] })).toBeVisible();
    await expectNoAxeViolations(page, testInfo);
  } else {
    await expect(page.getByRole("tab")).toHaveCount(0);
    for (const role of ROLES) {
      await expect(page.getByRole("heading", { name: role })).toBeVisible();
    }
    await expect(panels).toHaveCount(4);
    // Each link in the list jumps to its section.
    await page.getByRole("link", { name: "Administrators" }).click();
    await expect(page).toHaveURL(/#admins$/);
  }
});

test("the skip link is the first thing a keyboard reaches and moves focus to the content", async ({ page }, testInfo) => {
  await open(page, "/", testInfo);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#maincontent$/);
});

test("an unknown address gets a friendly, accessible 404 page", async ({ page }, testInfo) => {
  const response = await open(page, "/no-such-page", testInfo);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expectNoAxeViolations(page, testInfo);
});

test("the accessibility statement is one click from any page", async ({ page }, testInfo) => {
  await open(page, "/", testInfo);
  await page.getByRole("contentinfo").getByRole("link", { name: "Accessibility statement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accessibility statement for Casebook");
  await expectNoAxeViolations(page, testInfo);
});

test("the Content Security Policy blocks nothing the pages need", async ({ page }, testInfo) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  await open(page, "/", testInfo);
  if (hydrated(testInfo)) await expect(page.getByRole("tab", { name: "Trainers" })).toBeVisible();
  await open(page, "/sign-in", testInfo);
  expect(violations).toEqual([]);
});
