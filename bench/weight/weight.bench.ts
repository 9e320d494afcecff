// Bytes over the wire for each kind of page, measured by Chromium itself (the encoded length of
// every response, headers included), on a cold visit (empty cache) and a warm one (the same page
// again); and the player's largest contentful paint with the network throttled to a slow practice
// line. Prints a table for BENCHMARKS.md.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { finishModule } from "../../end2end/tests/journey";
import { DEMO_PASSWORD, untilEnhanced } from "../../end2end/tests/support";

/** About 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip: a busy practice line. */
const SLOW_LINE = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };
const BUDGET = { withoutIsland: 60 * 1024, player: 200 * 1024, warm: 15 * 1024 };

type Visit = { bytes: number; requests: number; wasm: boolean };

/** Opens `path` in `page` and adds up what crossed the network until the page was loaded and hydrated. */
async function visit(page: Page, path: string): Promise<Visit> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  let bytes = 0;
  let requests = 0;
  let wasm = false;
  cdp.on("Network.responseReceived", (event) => {
    if (event.response.url.endsWith(".wasm")) wasm = true;
  });
  cdp.on("Network.loadingFinished", (event) => {
    bytes += event.encodedDataLength;
    if (event.encodedDataLength > 0) requests += 1;
  });
  await page.goto(path, { waitUntil: "load" });
  await untilEnhanced(page);
  await page.waitForLoadState("networkidle");
  await cdp.detach();
  return { bytes, requests, wasm };
}

async function signedIn(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.close();
  return context;
}

/** Starts the named module as the context's learner; returns the address of its first step. */
async function startModule(context: BrowserContext, title: RegExp): Promise<string> {
  const page = await context.newPage();
  await page.goto("/modules");
  await page.getByRole("link", { name: title }).first().click();
  await page.getByRole("button", { name: /Start the module|Continue/ }).click();
  await expect(page.locator("input[name=step]")).toHaveCount(1);
  const url = new URL(page.url()).pathname;
  await page.close();
  return url;
}

async function largestContentfulPaint(browser: Browser, context: BrowserContext, path: string): Promise<number> {
  const slow = await browser.newContext({ storageState: await context.storageState() });
  const page = await slow.newPage();
  const cdp = await slow.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", SLOW_LINE);
  await page.goto(path, { waitUntil: "load" });
  const lcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1].startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
  await slow.close();
  return lcp;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

test("page weight, cold and warm, and the player's LCP on a slow line", async ({ browser }) => {
  const learner = await signedIn(browser, "trainer@casebook.example");
  const lead = await signedIn(browser, "lead.north@casebook.example");
  const finishing = await learner.newPage();
  await finishing.goto(await startModule(learner, /Margaret/));
  await finishModule(finishing);
  const results = new URL(finishing.url()).pathname;
  await finishing.close();
  const step = await startModule(learner, /Priya/);

  const pages: [string, string, BrowserContext | null, number][] = [
    ["home", "/", null, BUDGET.withoutIsland],
    ["sign-in", "/sign-in", null, BUDGET.withoutIsland],
    ["catalogue", "/modules", learner, BUDGET.withoutIsland],
    ["a module step (player)", step, learner, BUDGET.player],
    ["results", results, learner, BUDGET.withoutIsland],
    ["My learning", "/me", learner, BUDGET.withoutIsland],
    ["reports (lead)", "/reports", lead, BUDGET.withoutIsland],
    ["authoring studio", "/author", learner, BUDGET.withoutIsland],
  ];
  const lines = ["| page | cold kB | requests | WebAssembly | warm kB | budget (cold / warm) |", "|---|---|---|---|---|---|"];
  for (const [name, path, signedInAs, coldBudget] of pages) {
    const storageState = signedInAs ? await signedInAs.storageState() : undefined;
    const context = await browser.newContext({ storageState });
    const page = await context.newPage();
    const cold = await visit(page, path);
    const warm = await visit(page, path);
    await context.close();
    const within = cold.bytes <= coldBudget && warm.bytes <= BUDGET.warm ? "met" : "MISSED";
    lines.push(
      `| ${name} | ${kb(cold.bytes)} | ${cold.requests} | ${cold.wasm ? "yes" : "no"} | ${kb(warm.bytes)} | ` +
        `${kb(coldBudget)} / ${kb(BUDGET.warm)}: ${within} |`,
    );
  }
  const lcp = await largestContentfulPaint(browser, learner, step);
  lines.push("", `Player's largest contentful paint, cold, at 1.6 Mbit/s and 150 ms: ${lcp.toFixed(0)} ms`);
  console.log(lines.join("\n"));
});
