// The hydrate bundle's size: the WebAssembly module and its JavaScript glue, raw, gzip and brotli
// (the compressions a browser is served), against the budget kept in bundle-budget.json. The size is
// the same on every machine for the same code, so CI fails when the brotli total passes the budget.
//
//   node scripts/bundle-size.mjs <site directory>
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const site = process.argv[2] ?? "target/site-release";
const budget = JSON.parse(readFileSync(new URL("../bundle-budget.json", import.meta.url), "utf8"));
// The file names carry their content's hash; the manifest names this build's.
const { client } = JSON.parse(readFileSync(join(site, "asset-manifest.json"), "utf8"));
const files = [`pkg/${client}_bg.wasm`, `pkg/${client}.js`];

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(8);
let total = { raw: 0, gzip: 0, brotli: 0 };
console.log("file                                       raw kB  gzip kB brotli kB");
for (const file of files) {
  const bytes = readFileSync(join(site, file));
  const sizes = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  for (const key of Object.keys(total)) total[key] += sizes[key];
  console.log(`${file.padEnd(40)} ${kb(sizes.raw)} ${kb(sizes.gzip)} ${kb(sizes.brotli)}`);
}
console.log(`${"total".padEnd(40)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
const limit = budget.brotli_kb * 1024;
if (total.brotli > limit) {
  console.error(`The hydrate bundle is ${kb(total.brotli).trim()} kB brotli, over its budget of ${budget.brotli_kb} kB (bundle-budget.json).`);
  process.exit(1);
}
console.log(`Within the budget of ${budget.brotli_kb} kB brotli (bundle-budget.json).`);
