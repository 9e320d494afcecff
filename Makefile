# Casebook's build. A newcomer needs two commands (see README.md):
#   make run    build and serve Casebook at http://127.0.0.1:3000 on the embedded SQLite database
#   make test   every check and test: formatting, lints, unit and integration tests on SQLite and
#               PostgreSQL, and the browser tests in Chromium
# Both install what they need first. The build drives cargo, wasm-bindgen and sass directly rather
# than through cargo-leptos, whose install alone takes about 24 minutes on a 2-core machine.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --no-print-directory

# Must equal the wasm-bindgen crate's version in Cargo.lock (pinned in Cargo.toml).
WASM_BINDGEN_VERSION := 0.2.130
# The view! formatter `make lint` checks with (rustfmt leaves macro bodies alone).
LEPTOSFMT_VERSION := 0.1.33
WASM_TARGET := wasm32-unknown-unknown
CARGO_TARGET := $(or $(CARGO_TARGET_DIR),target)
SITE := target/site
RELEASE_SITE := target/site-release
NHSUK_ASSETS := node_modules/nhsuk-frontend/dist/nhsuk/assets
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Tools cargo installs (wasm-bindgen) must be found even where ~/.cargo/bin is not on PATH.
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

export TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export CASEBOOK_SERVER_BIN := $(CARGO_TARGET)/debug/server
# The tests (integration and browser) run on the optimised client bundle: it is built for the size
# check anyway, and Chromium loads and hydrates it far faster than the 4 MB debug one.
export CASEBOOK_SITE_ROOT := $(RELEASE_SITE)

.PHONY: help run test release tools lint build site server unit-and-integration e2e browser nginx postgres bundle-size bench-sign-in bench-dashboard bench-pages bench-phases bench-weight bench-steady bench-scale-out profile-page fuzz

help:
	@echo "make run      build and serve Casebook at http://127.0.0.1:3000 (SQLite in data/)"
	@echo "make test     formatting, lints, unit, integration (SQLite and PostgreSQL) and browser tests"
	@echo "make release  optimised server and client bundle in $(RELEASE_SITE) (see README)"
	@echo "make bench-sign-in  sign-in throughput, and another page's p99 during a wrong-password flood"
	@echo "make bench-dashboard  the region dashboard over 1 and 10 million generated responses, both engines"
	@echo "make bench-pages   each page's throughput (wrk) beside a bare axum hello-world and a static file"
	@echo "make bench-phases  where a signed-in page's time goes by the wall clock: session, data, rendering"
	@echo "make bench-weight  each kind of page's bytes over the wire in Chromium, cold and warm, and the player's LCP"
	@echo "make bench-steady  50, 200 and 1000 learners each submitting an answer every 20 s"
	@echo "make bench-scale-out  one app server against two behind nginx on one PostgreSQL"
	@echo "make profile-page  callgrind profile of the release server answering PAGE (default /modules)"
	@echo "make fuzz     fuzz the module file, Markdown and prescribing CSV readers (FUZZ_SECONDS each)"

run: build
	LEPTOS_SITE_ROOT=$(SITE) $(CASEBOOK_SERVER_BIN)

test: tools browser nginx postgres lint server release-site unit-and-integration bundle-size e2e

# --- tools ---------------------------------------------------------------------------------------

# wasm-bindgen-cli is installed without --locked: its lock file names a webpki-roots release the
# crates.io mirror here does not serve.
tools: node_modules/.installed
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi
	@if [ "$$(leptosfmt --version 2>/dev/null)" != "leptosfmt $(LEPTOSFMT_VERSION)" ]; then \
	  cargo install leptosfmt --locked --version $(LEPTOSFMT_VERSION); fi

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || ($(SUDO) apt-get update && $(SUDO) apt-get install -y nodejs npm)
	npm ci --no-audit --no-fund
	@touch $@

# Debian's Chromium: Playwright's own browser download comes from outside the package registries.
browser:
	@[ -x /usr/bin/chromium ] || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium)

# Debian's nginx, for the scale-out test (two app servers behind it on loopback).
nginx:
	@[ -x /usr/sbin/nginx ] || ($(SUDO) apt-get update && $(SUDO) apt-get install -y nginx)

postgres:
	@scripts/ensure-postgres

# --- checks --------------------------------------------------------------------------------------

lint: tools
	cargo fmt --all -- --check
	leptosfmt --check --config-file leptosfmt.toml app/src
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p app --lib --target $(WASM_TARGET) --no-default-features --features hydrate -- -D warnings

unit-and-integration: server release-site
	cargo test --workspace

e2e: server release-site browser
	npx playwright test --config end2end/playwright.config.ts

# --- build ---------------------------------------------------------------------------------------

build: server site

# Builds the whole workspace (not only the server) so features resolve as in `cargo test --workspace`
# and the tests reuse these artefacts.
server:
	cargo build --workspace

site: tools
	cargo rustc -p app --lib --crate-type cdylib --target $(WASM_TARGET) --no-default-features --features hydrate
	@$(MAKE) assemble-site PROFILE_DIR=debug OUT=$(SITE) CSS_STYLE=expanded
	node scripts/fingerprint-site.mjs $(SITE)

release: tools release-site
	cargo build --release -p server
	@echo "Built $(CARGO_TARGET)/release/server and $(RELEASE_SITE); see README: Release build."

# The optimised client bundle alone (the size check needs no release server).
release-site: tools
	cargo rustc -p app --lib --crate-type cdylib --profile wasm-release --target $(WASM_TARGET) --no-default-features --features hydrate
	@$(MAKE) assemble-site PROFILE_DIR=wasm-release OUT=$(RELEASE_SITE) CSS_STYLE=compressed
	npx wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int -o $(RELEASE_SITE)/pkg/casebook_bg.wasm $(RELEASE_SITE)/pkg/casebook_bg.wasm
	node scripts/fingerprint-site.mjs $(RELEASE_SITE)

# The hydrate bundle's size against bundle-budget.json: deterministic, so checked on every run.
bundle-size: release-site
	node scripts/bundle-size.mjs $(RELEASE_SITE)

# --- benchmarks (release build; figures in BENCHMARKS.md) ---------------------------------------

bench-sign-in: release
	CASEBOOK_SERVER_BIN=$(CARGO_TARGET)/release/server CASEBOOK_SITE_ROOT=$(RELEASE_SITE) \
	  cargo run --release -p casebook-bench -- sign-in

# Debian's wrk drives the pages.
bench-pages: release
	@command -v wrk >/dev/null || ($(SUDO) apt-get update && $(SUDO) apt-get install -y wrk)
	CASEBOOK_SERVER_BIN=$(CARGO_TARGET)/release/server CASEBOOK_SITE_ROOT=$(RELEASE_SITE) \
	  cargo run --release -p casebook-bench -- pages

# Debian's Chromium measures the bytes; Playwright drives it.
# Where a signed-in page's time goes, by the wall clock (Server-Timing).
bench-phases: release
	CASEBOOK_SERVER_BIN=$(CARGO_TARGET)/release/server CASEBOOK_SITE_ROOT=$(RELEASE_SITE) \
	  cargo run --release -p casebook-bench -- phases

bench-weight: release browser
	CASEBOOK_SERVER_BIN=$(CARGO_TARGET)/release/server CASEBOOK_SITE_ROOT=$(RELEASE_SITE) \
	  npx playwright test --config bench/weight/playwright.config.ts

bench-steady: release
	CASEBOOK_SERVER_BIN=$(CARGO_TARGET)/release/server CASEBOOK_SITE_ROOT=$(RELEASE_SITE) \
	  cargo run --release -p casebook-bench -- steady

# One app server against two behind Debian's nginx, on one PostgreSQL.
bench-scale-out: release postgres nginx
	@command -v wrk >/dev/null || ($(SUDO) apt-get update && $(SUDO) apt-get install -y wrk)
	CASEBOOK_SERVER_BIN=$(CARGO_TARGET)/release/server CASEBOOK_SITE_ROOT=$(RELEASE_SITE) \
	  cargo run --release -p casebook-bench -- scale-out

# valgrind (Debian's package) counts the instructions each function spends answering the page.
PAGE ?= /modules
REQUESTS ?= 200
profile-page: release
	@command -v valgrind >/dev/null || ($(SUDO) apt-get update && $(SUDO) apt-get install -y valgrind)
	CASEBOOK_SERVER_BIN=$(CARGO_TARGET)/release/server CASEBOOK_SITE_ROOT=$(RELEASE_SITE) \
	  scripts/profile-page $(PAGE) $(REQUESTS)

# SIZES and ENGINES narrow it, such as `make bench-dashboard SIZES=1000000 ENGINES=sqlite`.
SIZES ?= 1000000,10000000
ENGINES ?= sqlite,postgres
bench-dashboard: release postgres
	CASEBOOK_SERVER_BIN=$(CARGO_TARGET)/release/server CASEBOOK_SITE_ROOT=$(RELEASE_SITE) \
	  cargo run --release -p casebook-bench -- dashboard $(SIZES) $(ENGINES)

.PHONY: assemble-site release-site
assemble-site:
	@mkdir -p $(OUT)/pkg
	wasm-bindgen --target web --no-typescript --out-dir $(OUT)/pkg --out-name casebook $(CARGO_TARGET)/$(WASM_TARGET)/$(PROFILE_DIR)/app.wasm
	npx sass --no-source-map --style=$(CSS_STYLE) --load-path=node_modules style/main.scss $(OUT)/pkg/casebook.css
	@cp app/src/components/tabs.js app/src/components/practices.js app/src/pages/learning/player/player.js $(OUT)/pkg/
	@cp -R public/. $(OUT)/
	@mkdir -p $(OUT)/assets && cp -R $(NHSUK_ASSETS)/images $(OUT)/assets/

# --- fuzzing: a soak, not part of `make test` ----------------------------------------------------
# Each target runs for FUZZ_SECONDS from its seeds (fuzz/seeds) and what earlier runs found
# (fuzz/corpus). An input that crashes a target is copied to fuzz/regressions/<target>, which the
# ordinary unit tests replay (app/src/ssr/fuzz_regressions.rs), and the run fails. The fuzz
# build's flags replace .cargo/config.toml's, so it repeats `--cfg erase_components` (without it
# Leptos's view types overflow the compiler's query depth).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := module_file markdown prescribing_csv

fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$target fuzz/regressions/$$target; \
	  cp -n fuzz/seeds/$$target/* fuzz/corpus/$$target/ 2>/dev/null || true; \
	  echo "fuzz: $$target for $(FUZZ_SECONDS) s"; \
	  if ! RUSTFLAGS="--cfg erase_components" cargo +nightly fuzz run $$target fuzz/corpus/$$target -- \
	      -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -print_final_stats=1; then \
	    cp fuzz/artifacts/$$target/* fuzz/regressions/$$target/; \
	    echo "fuzz: $$target crashed; the input is kept in fuzz/regressions/$$target for make test"; \
	    exit 1; \
	  fi; \
	done
