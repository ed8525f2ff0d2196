#!/usr/bin/env bash
# The newcomer's first step, checked: clones this repository into a temporary folder (what is
# committed, with no target/, node_modules/ or dist/), runs the README's first command there
# (`bash scripts/dev.sh`), waits until http://127.0.0.1:8080 answers with the app's start page,
# checks that page in a browser (scripts/check-start-page.mjs), and stops the server.
#
# Tools already installed are reused, as they would be on a newcomer's second project: the clone
# builds into this checkout's cargo target directory (CARGO_TARGET_DIR), so only Redress itself is
# compiled again. Called by scripts/test.sh; exits non-zero if the first command does not serve.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
url="http://127.0.0.1:8080/"
wait_seconds="${REDRESS_FRESH_CLONE_WAIT:-900}"

if curl -s -o /dev/null --max-time 2 "$url"; then
  echo "fresh clone: something is already answering on $url; stop it (a running 'bash scripts/dev.sh'?) and run again." >&2
  exit 1
fi

work="$(mktemp -d)"
server=""
stop() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    # dev.sh runs in its own process group (setsid): stop trunk and everything it started.
    kill -TERM -- "-$server" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

git clone --quiet --no-hardlinks "$ROOT" "$work/redress"
echo "fresh clone: cloned $(git -C "$work/redress" rev-parse --short HEAD) into $work/redress"
for d in target node_modules dist; do
  if [ -e "$work/redress/$d" ]; then
    echo "fresh clone: the clone already has $d/, so it is not fresh" >&2
    exit 1
  fi
done

target_dir="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
log="$work/dev.log"
(cd "$work/redress" && CARGO_TARGET_DIR="$target_dir" exec setsid bash scripts/dev.sh >"$log" 2>&1 < /dev/null) &
server=$!

echo "fresh clone: running 'bash scripts/dev.sh' there (log: $log); waiting up to ${wait_seconds} s for $url"
start=$SECONDS
until curl -s --max-time 2 "$url" 2>/dev/null | grep -q '<html'; do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "fresh clone: 'bash scripts/dev.sh' stopped before it served the app. Its output:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  if (( SECONDS - start > wait_seconds )); then
    echo "fresh clone: nothing answered on $url after ${wait_seconds} s. The last of its output:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  sleep 2
done
echo "fresh clone: $url answered after $((SECONDS - start)) s"

if ! node "$ROOT/scripts/check-start-page.mjs" "$url"; then
  echo "fresh clone: the page served is not the working start page. The last of dev.sh's output:" >&2
  tail -n 20 "$log" >&2
  exit 1
fi
