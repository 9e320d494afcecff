// Names the built client's files by a hash of their content, writes brotli and gzip copies of each,
// and records the names in the manifest the server reads at start-up (asset-manifest.json).
//
//   node scripts/fingerprint-site.mjs <site directory>
//
// A hashed file never changes, so the server lets browsers keep it for a year without asking again
// (routes/assets.rs). The JavaScript glue and the WebAssembly it loads are named by one hash of both,
// since neither works with another build's partner. The files of the release built before this one
// stay beside the new ones, so during a rolling deploy a page from a server still on the old release
// finds its files on either server (README: Rolling deploys); older ones are removed.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const site = process.argv[2];
if (!site) throw new Error("usage: node scripts/fingerprint-site.mjs <site directory>");
const pkg = join(site, "pkg");
const manifestPath = join(site, "asset-manifest.json");
const HASHED = /^[a-z]+-[0-9a-f]{16}[._]/;

const hash = (...files) => {
  const digest = createHash("sha256");
  for (const file of files) digest.update(readFileSync(join(pkg, file)));
  return digest.digest("hex").slice(0, 16);
};

/** Renames `from` to `to` in pkg/ and writes its compressed copies; returns `to`. */
function publish(from, to) {
  renameSync(join(pkg, from), join(pkg, to));
  compress(join(pkg, to));
  return to;
}

/** Writes `<path>.br` and `<path>.gz` beside the file at `path`, at the best levels. */
function compress(path) {
  const bytes = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
}

const client = `casebook-${hash("casebook.js", "casebook_bg.wasm")}`;
const stylesheet = `casebook-${hash("casebook.css")}.css`;
// The small scripts that enhance server-rendered markup (components/client_assets.rs: Enhancement).
const ENHANCEMENTS = ["tabs", "player", "practices"];
const files = [publish("casebook.js", `${client}.js`), publish("casebook_bg.wasm", `${client}_bg.wasm`)];
const scripts = {};
for (const name of ENHANCEMENTS) {
  const hashed = publish(`${name}.js`, `${name}-${hash(`${name}.js`)}.js`);
  files.push(hashed);
  scripts[name] = `/pkg/${hashed}`;
}
// The stylesheet keeps its plain name too, for the failure pages (components/client_assets.rs).
writeFileSync(join(pkg, stylesheet), readFileSync(join(pkg, "casebook.css")));
files.push(stylesheet);
compress(join(pkg, stylesheet));
compress(join(pkg, "casebook.css"));

// The icon and the design system's images are served by their plain names; compressed copies too.
for (const folder of [site, join(site, "assets", "images")]) {
  if (!existsSync(folder)) continue;
  for (const name of readdirSync(folder)) {
    if (name.endsWith(".svg")) compress(join(folder, name));
  }
}

const manifest = { stylesheet: `/pkg/${stylesheet}`, scripts, client, files };
const previous = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, "utf8")) : { files: [] };
const keep = new Set([...files, ...(previous.files ?? [])]);
for (const name of readdirSync(pkg)) {
  const original = name.replace(/\.(br|gz)$/, "");
  if (HASHED.test(name) && !keep.has(original)) rmSync(join(pkg, name));
}
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`fingerprinted ${files.join(", ")}`);
