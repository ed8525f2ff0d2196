#!/usr/bin/env bash
# The smoke journey in other browser engines (tests/smoke/journey.mjs): serves the release build
# (dist/) on a free loopback port with the test preload script, starts what each engine needs
# (Xvfb and WebKitWebDriver for WebKit, geckodriver for Firefox), runs the journey in each, and
# stops exactly the processes it started, however it ends.
# Usage: bash scripts/engines.sh [engine ...]   (default: webkit firefox; chromium also works)
# Needs: a release build in dist/, and the tools scripts/setup.sh installs (need_other_engines, need_geckodriver).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REDRESS_ROOT"

if [ "$#" -gt 0 ]; then engines=("$@"); else engines=(webkit firefox); fi

fail() {
  echo "engines: $*" >&2
  exit 1
}

[ -f dist/index.html ] || fail "there is no release build in dist/. Build it first: env REDRESS_LOCKED=1 trunk build --release --locked"

work="$(mktemp -d "${TMPDIR:-/tmp}/redress-engines.XXXXXX")"
pids=()
cleanup() {
  local status=$?
  # Each process was started in its own session (setsid), so its group holds it and whatever it
  # started (a driver's browser); nothing else is touched.
  for pid in "${pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start NAME COMMAND...: runs COMMAND in its own session, its output in $work/NAME.log.
start() {
  local name="$1"
  shift
  setsid "$@" >"$work/$name.log" 2>&1 </dev/null &
  pids+=("$!")
}

# wait_for NAME URL: waits up to 30 s for URL to answer; otherwise shows NAME's log and fails.
wait_for() {
  local name="$1" url="$2"
  for _ in $(seq 300); do
    if curl -sf -o /dev/null --max-time 2 "$url"; then return 0; fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "engines: $name did not start (no answer at $url). Its log:" >&2
  tail -n 30 "$work/$name.log" >&2 || true
  exit 1
}

free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# The browsers' environment: a fixed time zone (the journey's dates are London's), and their
# caches, profiles and temporary files inside $work, removed at the end.
mkdir -p "$work/home" "$work/tmp"
browser_env=(env TZ=Europe/London LANG=C.UTF-8 HOME="$work/home" TMPDIR="$work/tmp"
  XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache" XDG_DATA_HOME="$work/home/.local/share")

port="$(free_port)"
base="http://127.0.0.1:$port"
start server node tests/e2e/serve.mjs dist "$port" --preload tests/smoke/preload.js
wait_for "the test server" "$base/"

drivers=()
for engine in "${engines[@]}"; do
  case "$engine" in
    webkit)
      command -v WebKitWebDriver >/dev/null || fail "WebKitWebDriver is missing (Debian's webkit2gtk-driver; scripts/setup.sh installs it)"
      command -v Xvfb >/dev/null || fail "Xvfb is missing (Debian's xvfb; scripts/setup.sh installs it)"
      # MiniBrowser has no headless mode: it draws on a virtual display. Xvfb picks a free display
      # number and writes it to its file descriptor 3 (-displayfd), here a file.
      setsid Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 </dev/null &
      pids+=("$!")
      # Up to 60 s: on a loaded machine Xvfb has taken more than 10 s to start.
      for _ in $(seq 600); do [ -s "$work/display" ] && break; sleep 0.1; done
      display="$(tr -dc 0-9 <"$work/display")"
      [ -n "$display" ] || fail "Xvfb did not start within 60 s: $(tail -n 5 "$work/xvfb.log")"
      wport="$(free_port)"
      start webkitdriver "${browser_env[@]}" DISPLAY=":$display" WebKitWebDriver --host=127.0.0.1 --port="$wport"
      wait_for WebKitWebDriver "http://127.0.0.1:$wport/status"
      drivers+=("webkit=http://127.0.0.1:$wport")
      ;;
    firefox)
      [ "$(geckodriver_version)" = "$GECKODRIVER_VERSION" ] \
        || fail "geckodriver $GECKODRIVER_VERSION is missing (scripts/setup.sh installs it with cargo)"
      command -v firefox-esr >/dev/null || fail "firefox-esr is missing (scripts/setup.sh installs it)"
      gport="$(free_port)"
      start geckodriver "${browser_env[@]}" geckodriver --host 127.0.0.1 --port "$gport" --log warn
      wait_for geckodriver "http://127.0.0.1:$gport/status"
      drivers+=("firefox=http://127.0.0.1:$gport")
      ;;
    chromium)
      command -v chromedriver >/dev/null || fail "chromedriver is missing (Debian's chromium-driver)"
      cport="$(free_port)"
      start chromedriver "${browser_env[@]}" chromedriver --port="$cport"
      wait_for chromedriver "http://127.0.0.1:$cport/status"
      drivers+=("chromium=http://127.0.0.1:$cport")
      ;;
    *) fail "unknown engine '$engine' (webkit, firefox or chromium)" ;;
  esac
done

# A journey that hangs (a driver that never answers) is stopped after 4 minutes. It runs in the
# background so that an interrupt reaches the trap at once, not when the journey ends.
setsid timeout --kill-after=10 240 node tests/smoke/journey.mjs --base "$base" --artifacts test-results/smoke "${drivers[@]}" </dev/null &
pids+=("$!")
if ! wait "$!"; then
  for log in "$work"/*.log; do
    [ -s "$log" ] || continue
    echo "--- the last lines of $(basename "$log")" >&2
    tail -n 15 "$log" >&2
  done
  exit 1
fi
