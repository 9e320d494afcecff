// The authoring studio in a real browser, with and without JavaScript: a trainer writes a small
// module from scratch in plain forms, fixes what the case map shows is broken, previews it, and
// sends it for review; a second trainer signs it off; it is published. axe checks every page.
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { DEMO_PASSWORD, expectNoAxeViolations, hydrated, open, signIn, signOut } from "./support";

const TRAINER = "trainer@casebook.example";
const REVIEWER = "reviewer@casebook.example";

/** Fills the named fields of the form on screen. */
async function fill(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    await page.locator(`[name="${name}"]`).fill(value);
  }
}

/** Saves the form on screen and expects to land back on the version's page with `notice`. */
async function save(page: Page, testInfo: TestInfo, button: string, notice: string | RegExp): Promise<void> {
  await page.getByRole("button", { name: button }).click();
  await expect(page.locator(".nhsuk-notification-banner")).toContainText(notice);
  await expectNoAxeViolations(page, testInfo);
}

test("a trainer writes a case from scratch, a second trainer signs it off, and it is published", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const slug = `ruth-${testInfo.project.name}`;
  const title = `Ruth asks for sleeping tablets (${testInfo.project.name})`;
  await signIn(page, testInfo, TRAINER, DEMO_PASSWORD);
  await open(page, "/author", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Authoring studio");
  await expectNoAxeViolations(page, testInfo);

  await page.getByRole("link", { name: "Start a new module" }).click();
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Address").fill("Not An Address");
  await page.getByRole("button", { name: "Start the module" }).click();
  await expect(page.locator(".nhsuk-error-summary")).toContainText("lower-case letters, digits and hyphens");
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await page.getByLabel("Address").fill(slug);
  await save(page, testInfo, "Start the module", "Module started");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator("#problems")).toContainText("Add at least one case");
  const versionUrl = page.url();

  await page.getByRole("link", { name: "Change the details" }).click();
  if (hydrated(testInfo)) {
    // With JavaScript the preview follows the text as soon as the author leaves the field.
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
    await fill(page, { summary: "A recently bereaved woman asks for **something** to help her sleep." });
    await page.locator('[name="audience"]').focus();
    await expect(page.locator("#summary-preview strong")).toHaveText("something");
  }
  await fill(page, {
    summary: "A recently bereaved woman asks for **something** to help her sleep.",
    outcomes: "Offer CBT for insomnia before a hypnotic\nExplain the risks of hypnotics in older people",
  });
  await page.getByLabel("Attitudes to different interventions").check();
  await save(page, testInfo, "Save details", "Details saved");

  await page.getByRole("link", { name: "Change the references, attitude statements and reflection prompts" }).click();
  await fill(page, { references: "CKS | NICE CKS: Insomnia (2022) | https://cks.nice.org.uk/topics/insomnia/" });
  await save(page, testInfo, "Save", "Saved");

  await page.getByRole("link", { name: "Add a question" }).click();
  await fill(page, {
    key: "cbti",
    stem: "What is the first-line treatment for chronic insomnia in adults?",
    themes: "attitudes-to-alternatives",
    references: "CKS",
  });
  const options = ["CBT for insomnia", "Zopiclone", "Temazepam", "Promethazine"];
  for (const [row, text] of options.entries()) {
    await fill(page, { [`options[${row}][text]`]: text, [`options[${row}][feedback]`]: `Why ${text} is or is not first line.` });
  }
  await page.locator("#correct").check();
  await save(page, testInfo, "Save question", "Question saved");

  // The case starts with one node, which leads to a node not yet written: the map shows it.
  await page.getByRole("link", { name: "Add a case" }).click();
  await fill(page, { title: "Ruth asks for sleeping tablets", key: "ruth" });
  await page.getByRole("button", { name: "Add the case" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Node start of Ruth asks for sleeping tablets");
  await page.getByLabel(/^Narrative/).check();
  await fill(page, { body: "Ruth, 64, has not slept properly since her husband died in March.", next: "choice" });
  await save(page, testInfo, "Save node", "Node saved");
  await expect(page.locator("#problems")).toContainText("leads to 'choice', which is not a node of this case");
  await expect(page.getByRole("table", { name: "Nodes of the case ruth" })).toContainText("choice (no such node)");
  await expect(page.getByRole("group", { name: /Map of the case Ruth/ })).toBeVisible();

  await page.getByRole("link", { name: "start", exact: true }).click();
  await page.getByRole("link", { name: "Add another node to this case" }).click();
  await fill(page, { key: "choice", question: "What do you offer Ruth?" });
  await page.getByLabel(/^Decision/).check();
  const choices = [
    ["Talk about sleep and grief, and offer CBT for insomnia", "best", "attitudes-to-alternatives"],
    ["A month of zopiclone", "poor", "deserving-patient"],
  ];
  for (const [row, [text, rating, themes]] of choices.entries()) {
    await fill(page, {
      [`options[${row}][text]`]: text,
      [`options[${row}][feedback]`]: `Feedback on: ${text}.`,
      [`options[${row}][themes]`]: themes,
      [`options[${row}][references]`]: "CKS",
      [`options[${row}][next]`]: "end",
    });
    await page.locator(`[name="options[${row}][rating]"]`).selectOption(rating);
  }
  await save(page, testInfo, "Save node", "Node saved");
  await page.getByRole("link", { name: "choice", exact: true }).click();
  await page.getByRole("link", { name: "Add another node to this case" }).click();
  await fill(page, { key: "end", body: "Ruth sleeps better within a few weeks of starting CBT-I." });
  await page.getByLabel(/^Ending/).check();
  await save(page, testInfo, "Save node", "Node saved");
  await expect(page.getByText("This version passes every check of the curriculum model.")).toBeVisible();

  // Preview plays it as a learner would, recording nothing.
  await page.getByRole("link", { name: "Preview as a learner" }).click();
  await expect(page.locator(".nhsuk-warning-callout")).toContainText("Nothing you answer is recorded");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Question 1 of 1");
  await page.getByRole("radio", { name: "CBT for insomnia" }).check();
  await page.getByRole("radio", { name: /^3 – Very sure/ }).check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Question 1 of 1");
  await expectNoAxeViolations(page, testInfo);

  await page.goto(versionUrl);
  await save(page, testInfo, "Send for review", "Sent for review");
  await expect(page.getByText("In review", { exact: true })).toBeVisible();
  await signOut(page);

  await signIn(page, testInfo, REVIEWER, DEMO_PASSWORD);
  await open(page, "/author", testInfo);
  await page.locator(".nhsuk-warning-callout", { hasText: "Waiting for your review" }).getByRole("link", { name: new RegExp(title.replace(/[()]/g, ".")) }).click();
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("Your comments as clinical reviewer").fill("Sound and well referenced.");
  await save(page, testInfo, "Sign off", "Signed off");
  await expect(page.getByRole("table", { name: "Clinical reviews" })).toContainText("Dr Samuel Okafor");
  await save(page, testInfo, "Publish", "Published");
  await expect(page.getByText("Published", { exact: true })).toBeVisible();
});
