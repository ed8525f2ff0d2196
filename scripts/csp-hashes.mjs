// Run by scripts/build-wasm.sh (trunk's post_build hook): puts the SHA-256 hash of every inline <script> of the built index.html
// into its Content-Security-Policy, in place of the __INLINE_SCRIPT_HASHES__ marker, so the
// policy can forbid every other inline script. Fails the build if the marker is missing.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp-hashes: TRUNK_STAGING_DIR is not set; run me as a trunk hook.");
  process.exit(1);
}
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
const marker = "__INLINE_SCRIPT_HASHES__";
if (!html.includes(marker)) {
  console.error(`csp-hashes: ${file} has no ${marker} in its Content-Security-Policy.`);
  process.exit(1);
}
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
}
writeFileSync(file, html.replace(marker, hashes.join(" ")));
console.log(`csp-hashes: ${hashes.length} inline script(s) allowed by hash`);
