// After the module, in a real browser, with and without JavaScript: a GP finishes Margaret's module
// with two commitments to change; the server's clock moves two weeks on (its test clock); the email's
// link leads through sign-in to the booster, whose answers show as retention on My learning; at twelve
// weeks they say one change was made and one not, with what got in the way, and the CPD log PDF
// carries both. axe checks every new page.
import { expect, test, type Page } from "@playwright/test";
import { answerStep, MARGARET, PASSWORD, registerLearner, startMargaret } from "./journey";
import { download, expectNoAxeViolations, linkFromEmail, pdfText } from "./support";

const DAY = 86_400;

/** Answers every step, writing two commitments to change at the reflection. */
async function finishWithTwoChanges(page: Page): Promise<void> {
  for (let steps = 0; steps < 80 && (await page.locator("input[name=step]").count()); steps++) {
    const form = page.locator("main form");
    if (await form.getByLabel("Your reflection").count()) {
      await form.getByLabel("Your reflection").fill("Ask before I assume.");
      const by = new Date(Date.now() + 365 * DAY * 1000).toISOString().slice(0, 10);
      const changes = [
        ["Review repeat hypnotics at every medication review", "over-65s on a Z-drug"],
        ["Offer digital CBT-I before any hypnotic", "adults asking for sleeping tablets"],
      ];
      for (const [n, [what, whom]] of changes.entries()) {
        const change = form.getByRole("group", { name: `Change ${n + 1}` });
        await change.getByLabel("What will you do differently?").fill(what);
        await change.getByLabel("For which patients?").fill(whom);
        await change.getByLabel("By when?").fill(by);
      }
      await form.getByRole("button").click();
      break;
    }
    await answerStep(page);
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your results");
}

/** Signs in on the sign-in page a protected link led to; the site then goes on to that link. */
async function signInHere(page: Page, email: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a GP's learning comes back: a booster at two weeks, and their changes at twelve", async ({ page, request }, testInfo) => {
  test.setTimeout(300_000);
  const email = await registerLearner(page, testInfo, "follow-up");
  await startMargaret(page, testInfo);
  await finishWithTwoChanges(page);

  // Two weeks on (the session has long ended): the email's link leads through sign-in to the booster.
  expect((await request.post(`/test/clock?seconds=${14 * DAY}`)).ok()).toBe(true);
  await page.goto(await linkFromEmail(email, "/follow-ups/"));
  await signInHere(page, email);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2-week booster");
  await expectNoAxeViolations(page, testInfo);
  const answers = page.getByRole("group", { name: "Your answer" });
  const sure = page.getByRole("group", { name: "How sure are you?" });
  await expect(answers).toHaveCount(5);
  await page.getByRole("button", { name: "Mark my answers" }).click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("Choose an answer to question 1");
  for (let n = 0; n < 5; n++) {
    await answers.nth(n).getByRole("radio").first().check();
    await sure.nth(n).getByRole("radio", { name: /^2 – Fairly sure/ }).check();
  }
  await page.getByRole("button", { name: "Mark my answers" }).click();
  await expect(page.locator(".nhsuk-inset-text").first()).toContainText(/You got \d of 5 right/);
  await expectNoAxeViolations(page, testInfo);

  // The answers show as retention on My learning.
  await page.getByRole("link", { name: "Back to My learning" }).click();
  await expect(page.getByRole("heading", { name: `What you kept: ${MARGARET}` })).toBeVisible();
  await expect(page.locator(".casebook-retention thead")).toContainText("2 weeks");
  await expectNoAxeViolations(page, testInfo);

  // Twelve weeks on, My learning lists the follow-up on their changes as due.
  expect((await request.post(`/test/clock?seconds=${70 * DAY}`)).ok()).toBe(true);
  await page.goto("/me");
  await signInHere(page, email);
  await page.locator(".casebook-due").getByRole("link", { name: /12-week follow-up on your changes/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("12-week follow-up on your changes");
  const made = page.getByRole("group", { name: "Did you make this change?" });
  await made.nth(0).getByRole("radio", { name: "Yes" }).check();
  await page.getByLabel("What happened? (optional)").nth(0).fill("Reviewed twelve patients");
  await made.nth(1).getByRole("radio", { name: "No" }).check();
  await page.getByLabel("No alternative was available in time, such as talking therapy").nth(1).check();
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("button", { name: "Save what happened" }).click();
  await expect(page.locator(".casebook-outcomes")).toContainText("Done");
  await expect(page.locator(".casebook-outcomes")).toContainText("Not done");

  // The CPD log PDF says what became of both.
  await page.goto("/me");
  const pdf = await download(page, "Download your CPD log (PDF)");
  const text = await pdfText(pdf.bytes);
  expect(text).toContain("What became of them, at twelve weeks");
  expect(text).toContain("Review repeat hypnotics at every medication review: Done. Reviewed twelve patients.");
  expect(text).toContain("Offer digital CBT-I before any hypnotic: Not done.");
});
