// What every browser test needs: an accessibility scan that must find nothing, the hydration wait for
// the JavaScript project, and a screenshot kept as a test artefact.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Fails the test on any WCAG 2.2 A or AA violation axe-core finds on the current page.
 *
 * axe runs as a script in the page, which a context without JavaScript cannot do. There the same
 * address is opened in a scratch context that has JavaScript (and the same cookies) but is refused
 * the client bundle, so axe sees exactly the server-rendered page a no-JavaScript browser gets.
 */
export async function expectNoAxeViolations(page: Page, testInfo: TestInfo): Promise<void> {
  if (hydrated(testInfo)) {
    return reportViolations(await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze());
  }
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser to open a scratch context in");
  const scratch = await browser.newContext({ javaScriptEnabled: true });
  try {
    await scratch.addCookies(await page.context().cookies());
    await scratch.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    const serverRendered = await scratch.newPage();
    await serverRendered.goto(page.url());
    reportViolations(await new AxeBuilder({ page: serverRendered }).withTags(WCAG_TAGS).analyze());
  } finally {
    await scratch.close();
  }
}

function reportViolations(results: { violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }) {
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, "axe-core violations").toEqual([]);
}

/** True in the project that runs with JavaScript. */
export function hydrated(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** Opens a page; with JavaScript, waits until the WebAssembly client has hydrated it. */
export async function open(page: Page, path: string, testInfo: TestInfo) {
  const response = await page.goto(path);
  if (hydrated(testInfo)) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
  return response;
}

/** Saves a full-page screenshot into the test's output folder and attaches it to the report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}
