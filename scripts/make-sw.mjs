// Run by scripts/build-wasm.sh as its last step, when every file of the build is in place:
// 1. works out the build's id, a hash of every file of the build (so any change to any file
//    makes a new build, with its own cache in the service worker);
// 2. writes the id and the rules version into index.html's <meta name="redress-build"> and
//    <meta name="redress-rules"> (the page reads them for its footer and its update banner);
// 3. writes sw.js: in a release build, scripts/service-worker.js after the build's id, rules
//    version and list of files, each with its SHA-256 (the worker checks every file it keeps);
//    in a development build, scripts/service-worker-dev.js, which removes a release build's
//    worker left at the same address.
//
// Usage: node scripts/make-sw.mjs DIR --profile release|debug [--rules VERSION] [--salt TEXT]
// (--salt only makes a different build id from the same files: the update test uses it to make
// a "next" build from a copy of dist.)
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { profile: { type: "string" }, rules: { type: "string", default: "" }, salt: { type: "string", default: "" } },
});
const [dir] = positionals;
const { profile, rules, salt } = values;
if (!dir || !["release", "debug"].includes(profile)) {
  console.error("Usage: node scripts/make-sw.mjs DIR --profile release|debug [--rules VERSION] [--salt TEXT]");
  process.exit(1);
}
if (profile === "release" && !/^[0-9a-f]{8}$/.test(rules)) {
  console.error(`make-sw: a release build needs its rules version (--rules, 8 hex digits), not ${JSON.stringify(rules)}.`);
  process.exit(1);
}

// Every file of the build but the worker itself, as the paths the browser asks for.
function files(at) {
  return readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".")) return [];
    const path = join(at, entry.name);
    return entry.isDirectory() ? files(path) : ["/" + relative(dir, path).split(sep).join("/")];
  });
}
const paths = files(dir)
  .filter((path) => path !== "/sw.js")
  .sort();

const metas = { build: /(<meta name="redress-build" content=")[^"]*(")/, rules: /(<meta name="redress-rules" content=")[^"]*(")/ };
const htmlPath = join(dir, "index.html");
const fill = (html, build, rulesVersion) =>
  html.replace(metas.build, `$1${build}$2`).replace(metas.rules, `$1${rulesVersion}$2`);
const template = readFileSync(htmlPath, "utf8");
for (const [name, pattern] of Object.entries(metas)) {
  if (!pattern.test(template)) {
    console.error(`make-sw: ${htmlPath} has no <meta name="redress-${name}" content="…"> to fill in.`);
    process.exit(1);
  }
}

// 1. The id: index.html is hashed with the two values blank, so the id does not depend on itself.
const sha256 = (data, encoding) => createHash("sha256").update(data).digest(encoding);
const blank = fill(template, "", "");
const id = createHash("sha256");
id.update(`${salt}\n${rules}\n`);
for (const path of paths) {
  const data = path === "/index.html" ? blank : readFileSync(join(dir, path));
  id.update(`${path}\0${sha256(data, "hex")}\n`);
}
const build = id.digest("hex").slice(0, 12);

// 2. index.html.
writeFileSync(htmlPath, fill(template, build, profile === "release" ? rules : ""));

// 3. sw.js.
const here = dirname(fileURLToPath(import.meta.url));
let worker;
if (profile === "release") {
  const list = paths.map((path) => `  [${JSON.stringify(path)}, "sha256-${sha256(readFileSync(join(dir, path)), "base64")}"],`);
  worker = [
    `// Written by scripts/make-sw.mjs for build ${build}; the code below is scripts/service-worker.js.`,
    `const BUILD = ${JSON.stringify(build)};`,
    `const RULES = ${JSON.stringify(rules)};`,
    `const FILES = [\n${list.join("\n")}\n];`,
    "",
    readFileSync(join(here, "service-worker.js"), "utf8"),
  ].join("\n");
} else {
  worker = readFileSync(join(here, "service-worker-dev.js"), "utf8");
}
writeFileSync(join(dir, "sw.js"), worker);
console.log(`make-sw: build ${build} (${profile}${rules ? `, rules ${rules}` : ""}), ${paths.length} files${profile === "release" ? " for the worker to keep" : ""}`);
