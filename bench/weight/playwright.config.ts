// `make bench-weight`: what each kind of page costs over the wire in Debian's Chromium, cold and
// warm, and the player's largest contentful paint on a slow practice network. The release server
// runs on a fresh demo database (demo accounts and the first curriculum), as `make run` does.
import { defineConfig } from "@playwright/test";
import { chromium } from "../../end2end/chromium";

const port = Number(process.env.BENCH_PORT ?? 3200);

export default defineConfig({
  testDir: ".",
  testMatch: "weight.bench.ts",
  outputDir: "../../target/bench-weight/results",
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 300_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    ...chromium,
  },
  webServer: {
    command: `rm -rf target/bench-weight/db && mkdir -p target/bench-weight/db && exec ${process.env.CASEBOOK_SERVER_BIN ?? "target/release/server"}`,
    cwd: "../..",
    env: {
      DATABASE_URL: "sqlite://target/bench-weight/db/casebook.db",
      OUTBOX_DIR: "target/bench-weight/db/outbox",
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: process.env.CASEBOOK_SITE_ROOT ?? "target/site-release",
      RUST_LOG: "warn",
    },
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
