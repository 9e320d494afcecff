// The learner's journey in a real browser, with and without JavaScript: the catalogue, a whole module
// (pre-test, attitudes, the case with feedback, post-test, reflection) left half way and resumed
// from another sign-in, the results and My learning. axe checks every step; one test uses only the
// keyboard.
import { expect, test, type Page } from "@playwright/test";
import { answerStep, heading, MARGARET, PASSWORD, registerLearner, startMargaret } from "./journey";
import { expectNoAxeViolations, hydrated, open, screenshot, signIn, signOut, untilEnhanced } from "./support";

test("a GP works through a module, leaves half way, resumes and sees the results", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const email = await registerLearner(page, testInfo, "journey");
  await startMargaret(page, testInfo);
  await expect(heading(page)).toHaveText(MARGARET);
  await expect(page.getByRole("table", { name: "Marks for each answer" })).toBeVisible();
  if (hydrated(testInfo)) {
    // A marker that a full page load would wipe.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  }
  const captions: string[] = [];
  while (!(await page.locator(".nhsuk-caption-l").textContent())?.startsWith("The case")) {
    await expectNoAxeViolations(page, testInfo);
    captions.push((await page.locator(".nhsuk-caption-l").textContent()) ?? "");
    await answerStep(page);
  }
  expect(captions).toContain("Before the case: what you know");
  expect(captions).toContain("Before the case: what you think");
  if (hydrated(testInfo)) {
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await expect(heading(page)).toBeFocused();
  }

  // Half way: leave, sign back in, and come back to exactly this step from My learning.
  const leftAt = await page.locator("input[name=step]").getAttribute("value");
  const leftHeading = await heading(page).textContent();
  await signOut(page);
  await signIn(page, testInfo, email, PASSWORD);
  await open(page, "/me", testInfo);
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("link", { name: `Resume ${MARGARET}` }).click();
  await expect(page.locator("input[name=step]")).toHaveValue(leftAt ?? "");
  await expect(heading(page)).toHaveText(leftHeading ?? "");

  let sawFeedback = false;
  for (let steps = 0; steps < 80 && (await page.locator("input[name=step]").count()); steps++) {
    await expectNoAxeViolations(page, testInfo);
    if (!sawFeedback && (await heading(page).textContent())?.includes("feedback on your decision")) {
      sawFeedback = true;
      await screenshot(page, testInfo, "feedback");
    }
    await answerStep(page);
  }
  expect(sawFeedback).toBe(true);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your results");
  await expect(page).toHaveTitle(/^Your results/);
  await expect(page).toHaveURL(/\/attempts\/[^/]+\/results$/);
  await expect(page.getByRole("heading", { name: "By theme" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your path through the case" })).toBeVisible();
  // Both sides of the ambivalence measure, rated apart before and after the case.
  await expect(page.getByRole("heading", { name: "Mixed feelings" })).toBeVisible();
  const feelings = page.getByRole("table", { name: "How you saw benzodiazepines, before and after the cases" });
  await expect(feelings.getByRole("row", { name: /^Mixed feelings \(−2 to 4\)/ })).toBeVisible();
  await expect(page.locator(".casebook-reflection")).toContainText("Ask the patient what they want");
  await expect(page.locator(".casebook-commitments")).toContainText(
    "Review repeat hypnotics at every medication review For over-65s on a Z-drug.",
  );
  await expectNoAxeViolations(page, testInfo);
  await screenshot(page, testInfo, "results");

  await open(page, "/me", testInfo);
  await expect(page.getByRole("link", { name: `Results ${MARGARET}` })).toBeVisible();
  await expect(page.getByText("Suggested next")).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
});

test("a wrong or missing answer is explained and nothing is lost", async ({ page }, testInfo) => {
  await registerLearner(page, testInfo, "mistaken");
  await startMargaret(page, testInfo);
  await answerStep(page); // the introduction
  await page.locator("main form").getByRole("group", { name: "Your answer" }).getByRole("radio").nth(1).check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  const summary = page.locator(".nhsuk-error-summary");
  await expect(summary).toContainText("Select how sure you are of your answer");
  await expect(page).toHaveTitle(/^Error: Question 1 of/);
  await expect(page.locator("main form").getByRole("group", { name: "Your answer" }).getByRole("radio").nth(1)).toBeChecked();
  await expectNoAxeViolations(page, testInfo);
  if (hydrated(testInfo)) await expect(summary).toBeFocused();
  await summary.getByRole("link", { name: "Select how sure you are of your answer" }).click();
  await page.getByRole("radio", { name: /^2 – Fairly sure/ }).check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(heading(page)).toHaveText(/^Question 2 of/);
  await expect(summary).toHaveCount(0);
});

test("a module can be taken with the keyboard alone", async ({ page }, testInfo) => {
  await registerLearner(page, testInfo, "keyboard");
  await open(page, "/modules", testInfo);
  // Tab to the module's link and follow it, then to the start button.
  await tabTo(page, { text: MARGARET });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MARGARET);
  await tabTo(page, { text: "Start the module" });
  await page.keyboard.press("Enter");
  await expect(heading(page)).toHaveText(MARGARET);
  if (hydrated(testInfo)) await untilEnhanced(page);
  await tabTo(page, { text: "Start" });
  await page.keyboard.press("Enter");
  await expect(heading(page)).toHaveText(/^Question 1 of/);
  // Radios: Tab into each group, the arrow keys choose, Enter submits.
  await tabTo(page, { name: "choice" });
  await page.keyboard.press("ArrowDown");
  await tabTo(page, { name: "certainty" });
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: /^2 – Fairly sure/ })).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(heading(page)).toHaveText(/^Question 2 of/);
  if (hydrated(testInfo)) await expect(heading(page)).toBeFocused();
});

test("the story follows the GP's own choices", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await registerLearner(page, testInfo, "branching");
  await open(page, "/modules", testInfo);
  await page.getByRole("link", { name: "Jim: coming off zopiclone after a failed attempt" }).click();
  await page.getByRole("button", { name: "Start the module" }).click();
  await expect(heading(page)).toBeVisible();
  if (hydrated(testInfo)) await untilEnhanced(page);
  const step = page.locator("input[name=step]");
  for (let steps = 0; steps < 40 && (await step.getAttribute("value")) !== "case:jim:reframe"; steps++) {
    await answerStep(page);
  }
  await page.getByRole("radio", { name: "Tell him he must stop, and give a final two-week supply" }).check();
  await page.getByRole("button", { name: "Make this choice" }).click();
  await expect(heading(page)).toHaveText("Jim's zopiclone: feedback on your decision");
  await answerStep(page);
  // The choice has its own scene, and the next one remembers it.
  await expect(page.locator("main")).toContainText("out-of-hours");
  await expectNoAxeViolations(page, testInfo);
  await answerStep(page);
  await expect(step).toHaveValue("case:jim:alcohol");
  await expect(page.locator("main")).toContainText("thrown off them");
  await expect(page.locator("main")).not.toContainText("Jim listens, then says");
});

test("a matched-pair module shows the GP where their decisions differed", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await registerLearner(page, testInfo, "pairs");
  await open(page, "/modules", testInfo);
  await page.getByRole("link", { name: "Two of a kind: the same story, a different patient" }).click();
  await page.getByRole("button", { name: "Start the module" }).click();
  await expect(heading(page)).toBeVisible();
  if (hydrated(testInfo)) await untilEnhanced(page);
  // The same request from two widowed patients: no tablet for Ruth, 79; a week of zopiclone for Colin, 41.
  const chosen: Record<string, RegExp> = {
    "case:ruth:request": /^Listen to the loss/,
    "case:colin:request": /^Prescribe zopiclone/,
  };
  const step = page.locator("input[name=step]");
  for (let steps = 0; steps < 120 && (await step.count()); steps++) {
    const id = (await step.getAttribute("value")) ?? "";
    if (chosen[id]) {
      await page.getByRole("radio", { name: chosen[id] }).check();
      await page.getByRole("button", { name: "Make this choice" }).click();
      await expect(page.locator(`input[name=step][value="${id}"]`)).toHaveCount(0);
    } else {
      await answerStep(page);
    }
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your results");
  await expect(page.getByRole("heading", { name: "Matched patients" })).toBeVisible();
  await expect(page.locator("main")).toContainText(/differed between the two patients in [12] of 2 pairs/);
  const ruthAndColin = page.getByRole("table", { name: /Mrs Allen \(first\) and Mr Baker \(second\)/ });
  await expect(ruthAndColin.getByRole("row", { name: /What do you do about the request\?/ })).toContainText("Different");
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("heading", { name: "Matched patients" }).scrollIntoViewIfNeeded();
  await screenshot(page, testInfo, "matched-pairs");
});

/** What to Tab to: an element with this text, or a form control with this name. */
type Target = { text?: string; name?: string };

/** Presses Tab until the focused element matches, failing after 60 presses. */
async function tabTo(page: Page, target: Target): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press("Tab");
    const found = await page.evaluate(({ text, name }) => {
      const el = document.activeElement;
      if (!el) return false;
      return text !== undefined ? el.textContent?.trim() === text : el.getAttribute("name") === name;
    }, target);
    if (found) return;
  }
  throw new Error(`never reached ${JSON.stringify(target)} with Tab`);
}
