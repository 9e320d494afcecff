// The administrator's modules page: the first curriculum is listed, a broken module file is refused
// with its problems and their lines, a sound one becomes a new draft, opened in the studio. axe
// checks the pages.
import { expect, test } from "@playwright/test";
import { DEMO_ADMIN, DEMO_PASSWORD, expectNoAxeViolations, open, signIn } from "./support";

test("an admin imports module files from the modules page", async ({ page }, testInfo) => {
  await signIn(page, testInfo, DEMO_ADMIN, DEMO_PASSWORD);
  await open(page, "/admin/modules", testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Modules");
  for (const title of ["Margaret: long-term temazepam after a fall", "David: continuing what secondary care started",
    "Priya: a request for sleeping tablets", "Jim: coming off zopiclone after a failed attempt"]) {
    await expect(page.getByRole("cell", { name: new RegExp(`^${title}`) }).first()).toBeVisible();
  }
  await expectNoAxeViolations(page, testInfo);

  await page.getByLabel("Module file").setInputFiles({
    name: "broken.toml",
    mimeType: "text/plain",
    buffer: Buffer.from('format = 1\nslug = "x"\ntitle = "Broken"\nestimated_minutes = "ten"\n'),
  });
  await page.getByRole("button", { name: "Import" }).click();
  const summary = page.locator(".nhsuk-error-summary");
  await expect(summary).toContainText("line 4: 'estimated_minutes' must be a whole number");
  await expect(summary).toContainText("'summary' is missing");
  await expectNoAxeViolations(page, testInfo);

  const { readFileSync } = await import("node:fs");
  await page.getByLabel("Module file").setInputFiles({
    name: "jim.toml",
    mimeType: "text/plain",
    // Each project imports its own copy: a module has one draft at a time.
    buffer: Buffer.from(
      readFileSync("curriculum/benzodiazepines/jim.toml", "utf8").replace(
        'slug = "jim-withdrawal-barriers"',
        `slug = "jim-copy-${testInfo.project.name}"`,
      ),
    ),
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Imported 'Jim: coming off zopiclone after a failed attempt' as version 1, a draft")).toBeVisible();
  // The import opens the draft in the authoring studio.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jim: coming off zopiclone after a failed attempt");
  await expectNoAxeViolations(page, testInfo);
});
