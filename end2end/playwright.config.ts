// Browser tests run in Debian's Chromium (never a downloaded browser), each spec twice: hydrated,
// and with JavaScript switched off, because every page must work without it.
import { defineConfig } from "@playwright/test";
import { chromium } from "./chromium";

const port = Number(process.env.E2E_PORT ?? 3100);
// Emails the server sends land here as files; the specs read links from them.
export const OUTBOX = "target/e2e/outbox";

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  // A test that visits several pages and runs axe on each can pass 30 s when the two cores are
  // shared with a busy neighbour (seen: three times the usual time); long journeys set their own.
  timeout: 90_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
  },
  projects: [
    { name: "hydrated", use: { ...chromium, javaScriptEnabled: true } },
    { name: "no-js", use: { ...chromium, javaScriptEnabled: false } },
  ],
  webServer: {
    // A fresh embedded database for every run; the Makefile exports the binary and site paths.
    command: `rm -rf target/e2e && mkdir -p target/e2e && exec ${process.env.CASEBOOK_SERVER_BIN ?? "target/debug/server"}`,
    cwd: "..",
    env: {
      DATABASE_URL: "sqlite://target/e2e/casebook.db",
      OUTBOX_DIR: OUTBOX,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: process.env.CASEBOOK_SITE_ROOT ?? "target/site-release",
      RUST_LOG: "warn",
      // The follow-ups spec moves the server's clock weeks forward (POST /test/clock), and the job
      // worker looks often, so what falls due is emailed within moments.
      TEST_CLOCK: "true",
      JOB_POLL_MS: "200",
      // The specs' expectations are about the demo's handful of people, not its generated population.
      DEMO_POPULATION: "false",
    },
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
