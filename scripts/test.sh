#!/usr/bin/env bash
# Command 2: set up what is missing, then run every check Redress has, in order:
# formatting, clippy (host and wasm32), host tests, browser tests (wasm-bindgen-test in headless
# Chromium, then in headless Firefox), a release trunk build, the Playwright end-to-end tests
# against that build served on loopback, the smoke journey in WebKit and Firefox over WebDriver
# (scripts/engines.sh), and the README's first command in a fresh clone
# (scripts/fresh-clone-check.sh). Every step runs even if an earlier one failed (except those
# that need the build); the last line is the summary, and the exit status is non-zero on any
# failure.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
set +e
cd "$REDRESS_ROOT"

if ! (set -e; setup_test_tools); then
  echo "Setting up the tools failed (see above)."
  echo "summary: 0 passed, 1 failed"
  exit 1
fi
# setup_test_tools ran in a subshell: export what it would have exported.
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}"
# The runner gives the WebDriver 5 s to listen before it gives up (a busy machine has taken
# longer: "driver failed to bind port during startup"); a slow start is not a failed test.
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT="${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-60}"

browser_tests=()
for f in tests/browser_*.rs; do
  [ -e "$f" ] && browser_tests+=(--test "$(basename "$f" .rs)")
done

passed=()
failed=()
step() {
  local name="$1"
  shift
  say "$name: $*"
  local start=$SECONDS
  if "$@"; then
    passed+=("$name")
    echo "--> $name passed in $((SECONDS - start)) s"
  else
    failed+=("$name")
    echo "--> $name FAILED after $((SECONDS - start)) s"
  fi
}

step "format" cargo fmt --check
step "clippy (host)" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown --lib --bins "${browser_tests[@]}" --locked -- -D warnings
step "host tests" cargo test --workspace --locked
if [ "${#browser_tests[@]}" -eq 0 ]; then
  echo "No browser tests found (tests/browser_*.rs): that is a failure, not a pass."
  failed+=("browser tests (none found)")
else
  step "browser tests" cargo test --target wasm32-unknown-unknown "${browser_tests[@]}" --locked
  # The same tests in Firefox: storage is where engines differ most. The runner prefers
  # GECKODRIVER over CHROMEDRIVER, so only GECKODRIVER is set.
  step "browser tests (Firefox)" env -u CHROMEDRIVER GECKODRIVER="$(command -v geckodriver)" \
    cargo test --target wasm32-unknown-unknown "${browser_tests[@]}" --locked
fi
# REDRESS_LOCKED: the build hook (scripts/build-wasm.sh) passes --locked to cargo; trunk does not.
step "release build" env REDRESS_LOCKED=1 trunk build --release --locked
if [[ " ${failed[*]} " == *" release build "* ]]; then
  failed+=("end-to-end (not run: no build)" "other engines (not run: no build)")
else
  step "end-to-end" npx playwright test
  step "other engines" bash scripts/engines.sh webkit firefox
fi
# The README's first command in a fresh clone of what is committed: it must serve the start page.
step "fresh clone" bash scripts/fresh-clone-check.sh

echo
echo "Passed: ${passed[*]:-none}"
echo "Failed: ${failed[*]:-none}"
echo "summary: ${#passed[@]} passed, ${#failed[@]} failed"
[ "${#failed[@]}" -eq 0 ]
