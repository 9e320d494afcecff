// Stored and reflected XSS in what learners and admins write, in a real browser (stored-xss.spec.ts
// does the author's fields). A freshly registered GP finishes a module with the whole corpus
// (tests/data/xss-payloads.txt) as their reflection; then each payload in turn becomes the GP's
// name, the name of a new region and of a new practice the GP moves to, and the value of the query
// parameters pages read back. After each, the GP, two admin pages, a deanery lead and a visitor
// each open the next of their pages that show those, in Chromium with a trap set: any alert,
// confirm, prompt, dialog or Content-Security-Policy violation fails the test. Every page sees
// payloads this way; the Rust suite (user_text_xss.rs) checks every page's markup for every payload
// on both databases.
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { finishModule, registerLearner, startMargaret } from "./journey";
import { DEMO_ADMIN, DEMO_PASSWORD, expectNothingRuns, hydrated, postForm, signIn, trapScripts } from "./support";

const PAYLOADS = readFileSync("tests/data/xss-payloads.txt", "utf8").split("\n").filter((l) => l.length > 0);
const LEAD = "lead.north@casebook.example";

/** A page in a new JavaScript context carrying the script trap, and what the trap caught. */
async function trappedPage(browser: Browser, baseURL: string): Promise<[Page, string[]]> {
  const context = await browser.newContext({ javaScriptEnabled: true, baseURL });
  const fired: string[] = [];
  await trapScripts(context, fired);
  return [await context.newPage(), fired];
}

/** Posts a form a field may refuse: true when it was stored, false when refused with a 4xx. */
async function store(request: APIRequestContext, baseURL: string, path: string, form: Record<string, string>) {
  const response = await request.post(path, { form, headers: { origin: baseURL }, maxRedirects: 0 });
  expect(response.status(), `${path} with ${JSON.stringify(form)}`).toBeLessThan(500);
  return response.status() === 200;
}

/** The id at the end of an address such as /admin/organisations/regions/7. */
const idAtEnd = (path: string | null) => path?.split("/").pop() ?? "";

/** The id at the end of a link's address. */
async function idOf(page: Page, link: string): Promise<string> {
  return idAtEnd(await page.getByRole("link", { name: link, exact: true }).first().getAttribute("href"));
}

test("no payload a learner or admin writes runs in the browser", async ({ browser, baseURL }, testInfo) => {
  test.skip(!hydrated(testInfo), "without JavaScript nothing runs; the Rust suite checks the markup");
  test.setTimeout(600_000);
  const base = baseURL ?? "";
  // One page per person, and two for the admin, so each round's pages load five at a time.
  const [learner, admin, people, lead, visitor] = await Promise.all(
    [0, 1, 2, 3, 4].map(() => trappedPage(browser, base)),
  );
  await signIn(admin[0], testInfo, DEMO_ADMIN, DEMO_PASSWORD);
  await signIn(people[0], testInfo, DEMO_ADMIN, DEMO_PASSWORD);
  await signIn(lead[0], testInfo, LEAD, DEMO_PASSWORD);

  const email = await registerLearner(learner[0], testInfo, "xss");
  await startMargaret(learner[0], testInfo);
  await finishModule(learner[0], PAYLOADS.join("\n"));
  // The reflection holds every payload at once: its pages need one look.
  const results = new URL(learner[0].url()).pathname;
  await expectNothingRuns(learner[0], results, learner[1], "the reflection");
  const code = (await learner[0].locator(".nhsuk-inset-text").filter({ hasText: "Verification code" }).textContent())
    ?.match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0];
  expect(code, "the results page shows the certificate's code").toBeTruthy();

  await admin[0].goto("/admin/organisations");
  const northshire = await idOf(admin[0], "Northshire Training Hub");
  const request = admin[0].request;
  const region = idAtEnd(await postForm(request, base, "/api/admin/create_region", { name: "XSS region" }));
  // In the lead's own region, so the dashboard lists it.
  const practice = idAtEnd(
    await postForm(request, base, "/api/admin/create_practice", {
      region: northshire, ods_code: "Y90001", practice_name: "XSS practice",
    }),
  );
  await admin[0].goto(`/admin/people?text=${encodeURIComponent(email)}`);
  const person = await idOf(admin[0], "Dr xss");

  const stored = { name: 0, region: 0, practice: 0 };
  for (const [round, payload] of PAYLOADS.entries()) {
    stored.name += Number(await store(learner[0].request, base, "/api/account/update_profile", {
      full_name: payload, gmc_number: "", practice, career_stage: "gp",
    }));
    stored.region += Number(await store(request, base, "/api/admin/rename_organisation", {
      kind: "region", id: region, name: payload,
    }));
    stored.practice += Number(await store(request, base, "/api/admin/rename_organisation", {
      kind: "practice", id: practice, name: payload,
    }));
    const q = encodeURIComponent(payload);
    // Each person opens one of their pages per round, in turn, so each page sees a share of the
    // payloads and each payload five pages (the Rust suite opens every page for every payload).
    const visits: [[Page, string[]], string[]][] = [
      [learner, ["/account", "/me", `/modules?theme=${q}`]],
      [visitor, [`/verify/${code}`, `/verify?code=${q}`, "/register", `/sign-in?next=${q}`]],
      [people, [
        `/admin/people?text=${q}&role=${q}&status=${q}`, `/admin/people?text=${encodeURIComponent(email)}`,
        `/admin/people/${person}`, `/admin/audit?action=${q}&person=${q}`,
      ]],
      [admin, ["/admin/people/invite", "/admin/organisations", `/admin/organisations/regions/${region}`, `/admin/organisations/practices/${practice}`]],
      [lead, ["/reports", `/reports?from=${q}&to=${q}&module=${q}`, "/reports/prescribing"]],
    ];
    await Promise.all(
      visits.map(([[page, fired], paths]) =>
        expectNothingRuns(page, paths[round % paths.length], fired, `payload ${JSON.stringify(payload)}`),
      ),
    );
  }
  // The payloads reached the pages: most fit each field's rules.
  for (const [field, count] of Object.entries(stored)) {
    expect(count * 2, `${field}: only ${count} of ${PAYLOADS.length} payloads were stored`).toBeGreaterThan(PAYLOADS.length);
  }
  // Leave the shared demo database as the other specs expect it: the new organisations retired.
  for (const [kind, id] of [["practice", practice], ["region", region]]) {
    const form = { kind, id };
    await postForm(request, base, "/api/admin/rename_organisation", { ...form, name: `Retired XSS ${kind}` });
    await postForm(request, base, "/api/admin/set_organisation_retired", { ...form, retired: "true" });
  }
});
