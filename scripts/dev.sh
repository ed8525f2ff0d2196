#!/usr/bin/env bash
# Command 1: set up what is missing, build Redress and serve it on http://127.0.0.1:8080.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
setup_build_tools
cd "$REDRESS_ROOT"
say "Building Redress; when it is ready, open http://127.0.0.1:8080 (Ctrl+C stops it)"
# Without trunk's auto-reload: it adds an inline script after the build hook has hashed the page's
# scripts into the Content-Security-Policy, so the browser blocked it on every page and logged
# an error. Reload the page after a change instead.
exec trunk serve --address 127.0.0.1 --port 8080 --no-autoreload
