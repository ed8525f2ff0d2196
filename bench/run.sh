#!/usr/bin/env bash
# Runs Redress's benchmarks: the engine's criterion benchmark natively, then the browser
# benchmark (import of 10,000 cases vs a plain IndexedDB baseline, asset sizes, memory, the
# engine in the browser, and start-up under a mobile throttle). Figures go to docs/benchmarks.md
# by hand; this script only prints them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
setup_test_tools
cd "$REDRESS_ROOT"
mkdir -p bench/results
cargo bench -p redress-core --bench engine -- --noplot
cargo run -p redress-core --release --example bench_bundle -- 10000 bench/results/bundle-10k.json
trunk build --release
node bench/bench.mjs bench/results/bundle-10k.json
