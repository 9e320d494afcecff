// Evidence for appraisal in a real browser, with and without JavaScript: a GP finishes a module,
// downloads the certificate (a real PDF whose text is read back), confirms it on the public verify
// page from its code, and downloads the CPD log. axe checks every page on the way.
import { expect, test } from "@playwright/test";
import { finishModule, MARGARET, registerLearner, startMargaret } from "./journey";
import { download, expectNoAxeViolations, open, pdfText, signOut } from "./support";

test("a GP downloads a certificate anyone can verify, and a CPD log for appraisal", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const who = "evidence";
  await registerLearner(page, testInfo, who);
  await startMargaret(page, testInfo);
  await finishModule(page);

  const panel = page.locator(".nhsuk-inset-text", { has: page.getByRole("heading", { name: "Your certificate" }) });
  await expect(panel).toContainText(/Time spent: \d+ minutes? by your records/);
  const code = (await panel.textContent())?.match(/Verification code: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/)?.[1];
  expect(code, "the results page shows the verification code").toBeTruthy();
  await expectNoAxeViolations(page, testInfo);

  const certificate = await download(page, "Download your certificate (PDF)");
  expect(certificate.bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const text = await pdfText(certificate.bytes);
  for (const expected of [
    "Certificate of completion",
    `Dr ${who}`,
    MARGARET,
    "Version 1, completed on",
    "(measured from the learner's own records)",
    "Learning outcomes",
    `Verification code: ${code}`,
  ]) {
    expect(text).toContain(expected);
  }

  // The verify page is public: an appraiser follows the code without signing in.
  await signOut(page);
  await open(page, `/verify/${code}`, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Certificate confirmed");
  const summary = page.locator(".nhsuk-summary-list");
  await expect(summary.locator("dt")).toHaveText(["Name", "Module", "Completed"]);
  await expect(summary).toContainText(`Dr ${who}`);
  await expect(summary).toContainText(MARGARET);
  await expect(page.locator("main")).not.toContainText("@e2e.example");
  await expectNoAxeViolations(page, testInfo);

  // Typed by hand, in lower case and without dashes, the code still checks; one changed letter does not.
  await open(page, "/verify", testInfo);
  await page.getByLabel("Verification code").fill(code!.replaceAll("-", "").toLowerCase());
  await page.getByRole("button", { name: "Check certificate" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Certificate confirmed");
  const tampered = `${code!.slice(0, -1)}${code!.endsWith("X") ? "Y" : "X"}`;
  await open(page, `/verify/${tampered}`, testInfo);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No certificate has this code");
  await expectNoAxeViolations(page, testInfo);
  await open(page, "/verify?code=not-a-code", testInfo);
  await expect(page.locator(".nhsuk-error-summary")).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
});

test("the CPD log lists the finished module with its time, outcomes and reflection", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await registerLearner(page, testInfo, "cpdlog");
  await startMargaret(page, testInfo);
  await finishModule(page);
  await open(page, "/me", testInfo);
  await expectNoAxeViolations(page, testInfo);

  const csv = await download(page, "Download your CPD log (CSV, for spreadsheets)");
  expect(csv.name).toBe("casebook-cpd-log.csv");
  const rows = csv.bytes.toString("utf8").replace(/^\uFEFF/, "");
  expect(rows.split("\r\n")[0] ?? rows.split("\n")[0]).toContain("Date completed,Activity,Version,Minutes");
  expect(rows).toContain(MARGARET);
  expect(rows).toContain("Ask the patient what they want before I assume.");

  const pdf = await download(page, "Download your CPD log (PDF)");
  const text = await pdfText(pdf.bytes);
  expect(text).toContain("CPD log");
  expect(text).toContain("1 module,");
  expect(text).toContain(MARGARET);
  expect(text).toContain("Reflection: what I will do differently");
  expect(text).toContain("Ask the patient what they want before I assume.");
});
