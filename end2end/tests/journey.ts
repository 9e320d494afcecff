// Steps of the learner's journey that several specs share: registering a GP, starting the Margaret
// module and answering whatever step is on screen.
import { expect, type Page, type TestInfo } from "@playwright/test";
import { expectNoAxeViolations, hydrated, linkFromEmail, open, uniqueEmail, untilEnhanced } from "./support";

export const PASSWORD = "quiet harbour lamps at noon";
export const MARGARET = "Margaret: long-term temazepam after a fall";

/** Registers a new GP at a demo practice, confirms their address from the emailed link and leaves them signed in. */
export async function registerLearner(page: Page, testInfo: TestInfo, who: string): Promise<string> {
  const email = uniqueEmail(testInfo, who);
  await open(page, "/register", testInfo);
  await choosePractice(page, "riverside", "Riverside Surgery (Z00001)");
  await page.getByLabel("Full name").fill(`Dr ${who}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Create a password").fill(PASSWORD);
  await page.getByLabel("GP", { exact: true }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmEmail(page, testInfo, email);
  return email;
}

/** Finds a practice by `search` with the practice chooser and chooses the match starting `name`. */
export async function choosePractice(page: Page, search: string, name: string): Promise<void> {
  await page.getByLabel("Find the practice").fill(search);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("link", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")}`) }).click();
  await expect(page.locator("#practice")).toContainText(name);
}

/** After registering: "Check your email", then the emailed link's button, which signs the GP in. */
export async function confirmEmail(page: Page, testInfo: TestInfo, email: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await open(page, await linkFromEmail(email, "/confirm-email?token="), testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirm your email address");
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Opens the Margaret module from the catalogue and starts (or resumes) it. */
export async function startMargaret(page: Page, testInfo: TestInfo): Promise<void> {
  await open(page, "/modules", testInfo);
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("link", { name: MARGARET }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MARGARET);
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("button", { name: "Start the module" }).click();
  await expect(heading(page)).toBeVisible();
  if (hydrated(testInfo)) await untilEnhanced(page);
}

export const heading = (page: Page) => page.locator("#step-heading");

/**
 * Answers the step on screen the way a GP would with a mouse: the first answer at certainty 3, "Agree",
 * the first option at a decision, the given reflection. Returns the heading it answered.
 */
export async function answerStep(page: Page, reflection = "Ask the patient what they want before I assume."): Promise<string> {
  const answered = (await heading(page).textContent()) ?? "";
  const step = await page.locator("input[name=step]").getAttribute("value");
  const form = page.locator("main form");
  if (await form.getByRole("group", { name: "Your answer" }).count()) {
    await form.getByRole("group", { name: "Your answer" }).getByRole("radio").first().check();
    await form.getByRole("radio", { name: /^3 – Very sure/ }).check();
  } else if (await form.getByRole("radio", { name: "Agree", exact: true }).count()) {
    await form.getByRole("radio", { name: "Agree", exact: true }).check();
  } else if (await form.getByRole("radio").count()) {
    await form.getByRole("radio").first().check();
  } else if (await form.getByLabel("Your reflection").count()) {
    await form.getByLabel("Your reflection").fill(reflection);
    // One commitment to change, due a year from now; the other two are left blank.
    const change = form.getByRole("group", { name: "Change 1" });
    await change.getByLabel("What will you do differently?").fill("Review repeat hypnotics at every medication review");
    await change.getByLabel("For which patients?").fill("over-65s on a Z-drug");
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    await change.getByLabel("By when?").fill(inAYear);
  }
  await form.getByRole("button").click();
  // The next step has its own step id (or the results page has none).
  await expect(page.locator(`input[name=step][value="${step}"]`)).toHaveCount(0);
  return answered;
}

/** Answers every remaining step of the module on screen, ending on its results page. */
export async function finishModule(page: Page, reflection?: string): Promise<void> {
  for (let steps = 0; steps < 80 && (await page.locator("input[name=step]").count()); steps++) {
    await answerStep(page, reflection);
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your results");
}
