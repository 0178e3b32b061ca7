#!/usr/bin/env bash
# Installs what building, running and testing coopole needs on a fresh Debian 12, as root.
#   scripts/install-deps.sh            build and run
#   scripts/install-deps.sh --test     + PostgreSQL 15, Chromium (browser tests), unzip (XLSX checks)
#   scripts/install-deps.sh --bench    + wrk
# Idempotent: asks dpkg which packages are missing and runs apt-get (update + install) only
# when something is; then `npm ci` only when node_modules/ is missing or older than the lock.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libsqlite3-dev libpq-dev libsodium-dev nlohmann-json3-dev
  libkainjow-mustache-dev libcli11-dev libtomlplusplus-dev libspdlog-dev libfmt-dev
  libxlsxwriter-dev libcurl4-openssl-dev zlib1g-dev libgtest-dev sqlite3 ca-certificates tzdata curl
)
# A node/npm already on PATH (e.g. a newer one from elsewhere) is kept: Debian's would
# conflict with it.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi
for arg in "$@"; do
  case "$arg" in
    --test) packages+=(postgresql postgresql-contrib chromium unzip) ;;
    --bench) packages+=(wrk python3) ;;
    *) echo "install-deps: unknown argument $arg (expected --test or --bench)" >&2; exit 2 ;;
  esac
done

mapfile -t packages < <(printf '%s\n' "${packages[@]}" | awk '!seen[$0]++')  # wrk may come twice
missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if ((EUID != 0)); then
    echo "install-deps: missing ${missing[*]}; run as root to install them" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: apt packages present (${#packages[@]} checked)"
fi

# node_modules/.package-lock.json is rewritten by every npm install/ci: older than the lock
# means the lock changed since.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "install-deps: npm ci"
  npm ci --no-audit --no-fund --include=dev
else
  echo "install-deps: node_modules up to date"
fi
