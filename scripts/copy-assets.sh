#!/usr/bin/env bash
# Copies the front-end files the pages serve from node_modules/ into web/static/vendor/
# (gitignored; pages never load anything from a CDN).
# Contract: needs node_modules/ (npm ci); idempotent; a file whose content is already in
# place is left untouched (its mtime too), so re-running is cheap and triggers nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly src=node_modules
readonly dest=web/static/vendor

# "source path under node_modules" -> "name served under /static/vendor/"
readonly assets=(
  "htmx.org/dist/htmx.min.js:htmx.min.js"
  "@picocss/pico/css/pico.min.css:pico.min.css"
  "chart.js/dist/chart.umd.js:chart.umd.js"
  "fullcalendar/index.global.min.js:fullcalendar.min.js"
  "@fullcalendar/core/locales/fr.global.min.js:fullcalendar-fr.min.js"
  "cytoscape/dist/cytoscape.min.js:cytoscape.min.js"
)

if [[ ! -d $src ]]; then
  echo "copy-assets: $src/ is missing; run 'npm ci' (or make deps) first" >&2
  exit 1
fi
mkdir -p "$dest"

copied=0
for entry in "${assets[@]}"; do
  from="$src/${entry%%:*}"
  to="$dest/${entry##*:}"
  if [[ ! -f $from ]]; then
    echo "copy-assets: $from not found (package layout changed?)" >&2
    exit 1
  fi
  if ! cmp -s "$from" "$to"; then
    # Copy then rename, so the server never serves a half-written file.
    cp "$from" "$to.tmp.$$"
    mv -f "$to.tmp.$$" "$to"
    copied=$((copied + 1))
  fi
done
echo "copy-assets: ${#assets[@]} assets in $dest ($copied updated)"
