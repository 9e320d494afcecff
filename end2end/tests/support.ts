// What every browser test needs: an accessibility scan that must find nothing, the hydration wait for
// the JavaScript project, and a screenshot kept as a test artefact.
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type BrowserContext, type Page, type TestInfo } from "@playwright/test";

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

/**
 * Opens a page; with JavaScript, waits until its scripts have taken over (see `untilEnhanced`).
 */
export async function open(page: Page, path: string, testInfo: TestInfo) {
  const response = await page.goto(path);
  if (hydrated(testInfo)) await untilEnhanced(page);
  return response;
}

/**
 * Waits until the WebAssembly client has hydrated the page's islands and the player's script has
 * taken over its form, where the page has either. A page with neither loads no script to wait for.
 */
export async function untilEnhanced(page: Page): Promise<void> {
  if ((await page.locator("leptos-island").count()) > 0) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
  if ((await page.locator("form[data-casebook-player]").count()) > 0) {
    await expect(page.locator("html")).toHaveAttribute("data-player-enhanced", "true");
  }
}

/** Saves a full-page screenshot into the test's output folder and attaches it to the report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** The demo accounts the embedded database starts with (see the README). */
export const DEMO_PASSWORD = "casebook-demo-2026";
export const DEMO_ADMIN = "admin@casebook.example";

/** An address unique to this test run and project, so the two projects never collide. */
export function uniqueEmail(testInfo: TestInfo, who: string): string {
  return `${who}.${testInfo.project.name}.${Date.now()}@e2e.example`;
}

/** Signs in through the sign-in page. */
export async function signIn(page: Page, testInfo: TestInfo, email: string, password: string): Promise<void> {
  await open(page, "/sign-in", testInfo);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Signs out with the header's button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

/**
 * The first link to `path` in the newest email sent to `to`, waiting up to five seconds for it. The
 * server writes each email as an .eml file whose body is base64.
 */
export async function linkFromEmail(to: string, path: string): Promise<string> {
  const { readdirSync, readFileSync, statSync } = await import("node:fs");
  const { join } = await import("node:path");
  const outbox = join(process.cwd(), "target/e2e/outbox");
  for (let attempt = 0; attempt < 50; attempt++) {
    const emails = readdirSync(outbox)
      .filter((name) => name.endsWith(".eml"))
      .map((name) => join(outbox, name))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
      .map((file) => readFileSync(file, "utf8"));
    for (const raw of emails) {
      const [headers, body] = raw.split("\r\n\r\n");
      if (!headers.split("\r\n").some((line) => line === `To: ${to}`)) continue;
      const text = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
      const link = text.split(/\s+/).find((word) => word.includes(path));
      if (link) return link.slice(link.indexOf(path));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no email to ${to} with a link to ${path}`);
}

/**
 * Sets a script trap on every page of the context: any alert, confirm or prompt, any dialog, and any
 * Content-Security-Policy violation is recorded in `fired`. The CSP trap matters as much as the
 * others: injected markup that the policy blocks never reaches alert(), yet it shows the escaping
 * failed and only the second line of defence held.
 */
export async function trapScripts(context: BrowserContext, fired: string[]): Promise<void> {
  await context.exposeFunction("casebookTrap", (what: string) => fired.push(what));
  await context.addInitScript(() => {
    const trap = (window as unknown as { casebookTrap: (w: string) => void }).casebookTrap;
    for (const name of ["alert", "confirm", "prompt"] as const) {
      (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => trap(`${name}(${args.join(",")})`);
    }
    document.addEventListener("securitypolicyviolation", (e) =>
      trap(`CSP ${e.violatedDirective} blocked ${e.blockedURI || "inline"}: ${e.sample}`),
    );
  });
  context.on("page", (page) =>
    page.on("dialog", (dialog) => {
      fired.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    }),
  );
}

/**
 * Opens a page in a trapped context and gives anything deferred (onload, onerror, autofocus, timers)
 * its chance to run; fails the test if anything fired.
 */
export async function expectNothingRuns(page: Page, path: string, fired: string[], what: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  await untilEnhanced(page);
  await page.waitForLoadState("load");
  await page.mouse.move(10, 10);
  await page.waitForTimeout(50);
  expect(fired, `${path} ran ${what}`).toEqual([]);
}

/** Posts a server function's form as the signed-in page's script would; returns where it leads. */
export async function postForm(
  request: APIRequestContext,
  baseURL: string,
  path: string,
  form: Record<string, string>,
): Promise<string> {
  const response = await request.post(path, { form, headers: { origin: baseURL }, maxRedirects: 0 });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return response.headers()["location"] ?? "";
}

/** Clicks a download link and returns the file it saved. */
export async function download(page: Page, link: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** The text of every page of a PDF, read by pdf.js (Mozilla's PDF reader), with runs of space collapsed. */
export async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return pages.join("\n").replace(/\s+/g, " ");
}
