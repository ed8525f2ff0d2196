#!/usr/bin/env bash
# Trunk post_build hook: builds the app's WebAssembly and puts it, split into lazily loaded chunks,
# into trunk's staging directory. Trunk 0.21 cannot split a module (trunk-rs/trunk#1022), so this
# script does the Rust pipeline trunk would do, with one step more:
#
#   1. cargo builds the `redress` binary for wasm32, keeping relocations (--emit-relocs);
#   2. wasm-split cuts it at the `#[wasm_split]` functions in src/ui/routes.rs (four parts): a main
#      module with the shell and the start page, and parts the router fetches the first time a
#      page needs them, plus `__wasm_split.js`, which loads them;
#   3. wasm-bindgen makes the main module's JavaScript glue, keeping the table and globals the
#      chunks link against (--keep-lld-exports);
#   4. in a release build, wasm-opt shrinks the main module and every chunk;
#   5. everything goes into `pkg/<hash>/` (the hash of the built module, so a new build never
#      mixes with files a browser cached from an old one), with `boot.js`, which starts the app.
#      index.html's `__PKG__` marker becomes that directory; then the Content-Security-Policy
#      gets the hashes of any inline script (scripts/csp-hashes.mjs);
#   6. scripts/make-sw.mjs writes the build's id and rules version into index.html and writes
#      sw.js, the service worker that keeps this build for offline use (release builds only).
#
# Trunk sets TRUNK_PROFILE (debug or release) and TRUNK_STAGING_DIR. Trunk does not pass its own
# --locked to hooks: REDRESS_LOCKED=1 makes cargo refuse to change Cargo.lock (scripts/test.sh
# sets it). Tools come from PATH, as scripts/setup.sh installs them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
staging="${TRUNK_STAGING_DIR:?run me as a trunk hook (TRUNK_STAGING_DIR is not set)}"
profile="${TRUNK_PROFILE:-debug}"
target_dir="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"

cargo_args=(--manifest-path "$ROOT/Cargo.toml" --target wasm32-unknown-unknown --bin redress)
[ "$profile" = release ] && cargo_args+=(--release)
[ "${REDRESS_LOCKED:-}" = 1 ] && cargo_args+=(--locked)

echo "build-wasm: cargo ($profile)"
cargo rustc "${cargo_args[@]}" -- -C link-arg=--emit-relocs
wasm="$target_dir/wasm32-unknown-unknown/$profile/redress.wasm"

work="$target_dir/wasm-split/$profile"
rm -rf "$work"
mkdir -p "$work/split" "$work/pkg"

echo "build-wasm: wasm-split"
wasm-split-cli "$wasm" "$work/split" --target web --out-name redress

echo "build-wasm: wasm-bindgen"
wasm-bindgen --target web --keep-lld-exports --no-typescript --out-dir "$work/pkg" "$work/split/redress.wasm"
cp "$work/split/__wasm_split.js" "$work/split/"*.wasm "$work/pkg/"
rm "$work/pkg/redress.wasm" # the split main module before wasm-bindgen; redress_bg.wasm replaces it

if [ "$profile" = release ]; then
  echo "build-wasm: wasm-opt"
  # The features rustc emits; wasm-opt must keep them.
  features=(--enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int
    --enable-reference-types --enable-mutable-globals)
  # REDRESS_WASM_OPT_G=1 keeps function names, for reading a profile (docs/benchmarks.md).
  find "$work/pkg" -name '*.wasm' -print0 \
    | xargs -0 -P "$(nproc)" -I{} wasm-opt -Oz ${REDRESS_WASM_OPT_G:+-g} "${features[@]}" {} -o {} 2>&1 \
    | { grep -v "unknown name subsection" || true; } # wasm-opt 132 cannot read rustc's newer name kinds; it drops them
fi

cat >"$work/pkg/boot.js" <<'EOF'
// Starts Redress: loads the main module (the chunks load when a page needs them). If it cannot
// be fetched or started (the connection dropped on a first visit), the page says so and offers
// to try again, instead of staying blank; the first question's own copy (index.html), if it is
// there, stays and keeps its answer.
//
// With that copy in the page, the app starts once the copy has been painted: compiling and
// starting the WebAssembly takes the main thread for a while, and on a slow phone it would hold
// back the question's first paint. (Also after half a second at most, for a tab in the
// background, which paints nothing.)
const early = document.getElementById("early");
if (early && !document.documentElement.classList.contains("early")) early.remove(); // not this page's
else if (early) {
  await Promise.race([
    new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0))),
    new Promise((later) => setTimeout(later, 500)),
  ]);
}
try {
  const bindings = await import("./redress.js");
  await bindings.default({ module_or_path: new URL("./redress_bg.wasm", import.meta.url) });
  window.wasmBindings = bindings;
} catch (error) {
  console.error("Redress could not start:", error);
  const box = document.createElement("div");
  box.className = "container error-box";
  box.setAttribute("role", "alert");
  box.dataset.testid = "app-not-loaded";
  const say = document.createElement("p");
  say.textContent = "Redress could not be loaded. Check that you are connected to the internet, then try again. Everything you have saved is still on this device.";
  const again = document.createElement("button");
  again.type = "button";
  again.className = "button";
  again.textContent = "Try again";
  again.addEventListener("click", () => location.reload());
  box.append(say, again);
  document.body.prepend(box);
}
EOF

hash="$(sha256sum "$wasm" | cut -c1-16)"
rm -rf "$staging/pkg"
mkdir -p "$staging/pkg"
cp -r "$work/pkg" "$staging/pkg/$hash"

html="$staging/index.html"
if ! grep -q "__PKG__" "$html"; then
  echo "build-wasm: $html has no __PKG__ marker to point at the built files." >&2
  exit 1
fi
sed -i "s#__PKG__#/pkg/$hash#g" "$html"
node "$ROOT/scripts/csp-hashes.mjs"

# 6. The service worker (scripts/make-sw.mjs), last, when every file is in place: the build's id
#    and rules version go into index.html, and sw.js lists every file with its hash. A release
#    build's worker keeps the whole build on the device for offline use; a development build's
#    only removes a release build's worker left at the same address. The rules version comes
#    from the pure core (redress_core::rules), built natively; only a release build needs it.
make_sw=(--profile "$profile")
if [ "$profile" = release ]; then
  example_args=(--manifest-path "$ROOT/Cargo.toml" -p redress-core --quiet --example rules_version)
  [ "${REDRESS_LOCKED:-}" = 1 ] && example_args+=(--locked)
  make_sw+=(--rules "$(cargo run "${example_args[@]}")")
fi
node "$ROOT/scripts/make-sw.mjs" "$staging" "${make_sw[@]}"
echo "build-wasm: $(find "$staging/pkg/$hash" -name '*.wasm' | wc -l) wasm files in pkg/$hash"
