#!/usr/bin/env bash
# Makes the app's icons (public/icons/*.png) from public/favicon.svg. Run it by hand when the
# favicon changes and commit the PNGs; the build only copies them. Needs rsvg-convert (Debian's
# librsvg2-bin: `apt-get install librsvg2-bin`).
#
#   icon-192.png, icon-512.png  the favicon as it is (purpose "any" in the manifest);
#   icon-maskable-512.png       the mark on a full square of the brand colour, inside the middle
#                               80% a launcher may crop to (purpose "maskable");
#   apple-touch-icon.png        180 px, full square (iOS rounds the corners itself).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
svg=public/favicon.svg
out=public/icons
mkdir -p "$out"

# The favicon's mark (its <path>), on a square with no rounded corners, scaled by $1 about the
# centre.
full_square() {
  local mark
  mark="$(grep -o '<path[^>]*/>' "$svg")"
  printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#1d4d6b"/><g transform="translate(16 16) scale(%s) translate(-16 -16)">%s</g></svg>' "$1" "$mark"
}

rsvg-convert -w 192 -h 192 "$svg" -o "$out/icon-192.png"
rsvg-convert -w 512 -h 512 "$svg" -o "$out/icon-512.png"
full_square 0.7 | rsvg-convert -w 512 -h 512 -o "$out/icon-maskable-512.png"
full_square 0.85 | rsvg-convert -w 180 -h 180 -o "$out/apple-touch-icon.png"
ls -l "$out"
