// Stored XSS in a real browser: a module whose every author field holds the XSS corpus
// (tests/data/xss-payloads.txt, after OWASP's filter-evasion cheat sheet) is opened page by page in
// Chromium with JavaScript on and a trap set: any alert, confirm or prompt, any dialog, any
// Content-Security-Policy violation fails the test. (user-text-xss.spec.ts does the same for what
// learners and admins write. The Rust suite checks the same pages' markup payload by payload on both databases.)
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectNothingRuns, postForm as post, trapScripts } from "./support";

const PAYLOADS = readFileSync("tests/data/xss-payloads.txt", "utf8").split("\n").filter((l) => l.length > 0);

/** The version's id and revision, from its page. */
async function revisionOf(page: Page, path: string): Promise<{ version: string; revision: string }> {
  await page.goto(path);
  const form = page.locator("form").filter({ has: page.locator("input[name=revision]") }).first();
  return {
    version: (await form.locator("input[name=version]").getAttribute("value")) ?? "",
    revision: (await form.locator("input[name=revision]").getAttribute("value")) ?? "",
  };
}

test("no payload in any author field runs in the browser", async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const base = baseURL ?? "";
  const context = await browser.newContext({ javaScriptEnabled: true, baseURL: base });
  const fired: string[] = [];
  await trapScripts(context, fired);
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("trainer@casebook.example");
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  const slug = `xss-${testInfo.project.name}`;
  const markdown = PAYLOADS.join("\n\n");
  const short = (n: number) => PAYLOADS.filter((p) => p.length <= n && !p.includes("|"));
  // The title breaks out of <title> if it is not escaped.
  const title = PAYLOADS.find((p) => p.startsWith("</TITLE>")) ?? short(150)[0];
  const request = page.request;
  const created = await post(request, base, "/api/authoring/create_module", { slug, title });
  const version = created.split("/").pop();
  const at = () => revisionOf(page, `/author/versions/${version}/details`);
  await post(request, base, "/api/authoring/save_details", {
    ...(await at()), title, summary: markdown, audience: short(200)[1], estimated_minutes: "20",
    "themes[gp-role]": "on", outcomes: short(300).join("\n"), notice: markdown,
  });
  await post(request, base, "/api/authoring/save_lists", {
    ...(await at()),
    references: short(1000).map((p, i) => `R${i} | ${p}`).join("\n"),
    attitudes: short(500).map((p, i) => `a${i} | ${p} | gp-role`).join("\n"),
    reflections: short(500).join("\n"),
  });
  const options: Record<string, string> = {};
  for (let row = 0; row < 4; row++) {
    options[`options[${row}][text]`] = short(500)[row + 2];
    options[`options[${row}][feedback]`] = markdown;
  }
  await post(request, base, "/api/authoring/save_item", {
    ...(await at()), item: "new", key: "q1", stem: markdown, themes: "gp-role", references: "R0", correct: "0", ...options,
  });
  await post(request, base, "/api/authoring/add_case", { ...(await at()), key: "c", title: short(150)[3] });
  await post(request, base, "/api/authoring/save_node", {
    ...(await at()), case: "c", node: "start", kind: "narrative", body: markdown, next: "d",
  });
  await post(request, base, "/api/authoring/save_node", {
    ...(await at()), case: "c", node: "new", key: "d", kind: "decision", body: markdown, question: short(500)[7],
    "options[0][text]": short(500)[8], "options[0][rating]": "best", "options[0][feedback]": markdown,
    "options[0][themes]": "gp-role", "options[0][references]": "R0", "options[0][next]": "e",
    "options[1][text]": short(500)[9], "options[1][rating]": "unsafe", "options[1][feedback]": markdown,
    "options[1][themes]": "gp-role", "options[1][references]": "R0", "options[1][next]": "e",
  });
  await post(request, base, "/api/authoring/save_node", {
    ...(await at()), case: "c", node: "new", key: "e", kind: "end", body: markdown,
  });

  const pages = [
    "/author", "", "/details", "/lists", "/items/q1", "/cases/c/nodes/start", "/cases/c/nodes/d", "/preview",
    "/preview?step=pre:q1", "/preview?step=case:c:start", "/preview?step=case:c:d", "/preview?step=feedback:c:d:a",
    "/preview?step=case:c:e", "/preview?step=reflection",
  ].map((p) => (p.startsWith("/author") ? p : `/author/versions/${version}${p}`));
  for (const path of pages) {
    await expectNothingRuns(page, path, fired, "an author's script");
  }
  await context.close();
});
