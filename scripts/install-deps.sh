#!/usr/bin/env bash
# Installs what building, running and testing Fristad needs, and only what is missing:
# Debian/Ubuntu packages, tauri-driver, and a Python venv with the outside checkers
# (SQLCipher 4 for Python). Safe to run again and again.
#
#   scripts/install-deps.sh build   packages to build and run the desktop program
#   scripts/install-deps.sh test    also the tools the tests use
#   scripts/install-deps.sh bench   also LibreOffice, the word-processor baseline of the benchmarks
#   scripts/install-deps.sh package Tauri's command-line tool, which makes the installers
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-test}"

build_packages=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config)
test_packages=(webkit2gtk-driver xvfb xauth poppler-utils fonts-dejavu-core gnome-keyring dbus
  dbus-x11 libsecret-tools python3-venv xdotool xclip debootstrap faketime)

# LibreOffice Writer without its window: how offices make invoices today (a template converted
# to PDF), the baseline our invoice PDF is measured against.
bench_packages=(libreoffice-writer-nogui fonts-dejavu-core)

packages=("${build_packages[@]}")
# npm fetches the test and packaging tools below (Tauri's command-line tool, axe-core).
if [ "$what" = test ] || [ "$what" = package ]; then
  command -v npm >/dev/null || packages+=(nodejs npm)
fi
[ "$what" = test ] && packages+=("${test_packages[@]}")
[ "$what" = bench ] && packages+=("${bench_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "Rust is missing: install it from https://rustup.rs (rustc 1.90 or newer)." >&2
  exit 1
fi

# Tauri's command-line tool (the prebuilt one from npm, in seconds; `cargo install tauri-cli`
# takes minutes): it bundles the built program into a .deb. Used by `make package` and by the
# test that installs the .deb on a fresh Debian.
tauri_cli=target/tools/tauri-cli
tauri_version=2.12.5
if [ "$what" = test ] || [ "$what" = package ]; then
  if [ "$("$tauri_cli/node_modules/.bin/tauri" --version 2>/dev/null)" != "tauri-cli $tauri_version" ]; then
    if ! command -v npm >/dev/null; then
      echo "npm is missing: install Node.js 18 or newer (Debian: apt-get install nodejs npm)." >&2
      exit 1
    fi
    echo "Installing Tauri's command-line tool $tauri_version"
    mkdir -p "$tauri_cli"
    [ -f "$tauri_cli/package.json" ] || echo '{"private": true}' >"$tauri_cli/package.json"
    npm install --prefix "$tauri_cli" --silent --no-audit --no-fund "@tauri-apps/cli@$tauri_version"
  fi
fi

[ "$what" = test ] || exit 0

# axe-core: the end-to-end tests put it into the window's page and run its WCAG 2.1 AA rules on
# every screen they pass through. Only the tests use it; the program carries nothing of it.
axe=target/tools/axe
axe_version=4.14.1
if ! grep -q "\"version\": \"$axe_version\"" "$axe/node_modules/axe-core/package.json" 2>/dev/null; then
  echo "Installing axe-core $axe_version"
  mkdir -p "$axe"
  [ -f "$axe/package.json" ] || echo '{"private": true}' >"$axe/package.json"
  npm install --prefix "$axe" --silent --no-audit --no-fund "axe-core@$axe_version"
fi

# tauri-driver: the WebDriver server that starts the real window for end-to-end tests.
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
if ! "$cargo_bin/tauri-driver" --help >/dev/null 2>&1; then
  echo "Installing tauri-driver"
  cargo install tauri-driver --version 2.1.0 --locked --quiet
fi

# Python tools that check our files from outside the program.
# SQLCipher 4 (opens our database with the recovery key), Saxon and lxml (run the official
# Peppol rules, scripts/validate-peppol), pyHanko (validates PDF signatures).
venv=target/tools/venv
if ! "$venv/bin/python" -c 'import sqlcipher3, saxonche, lxml, pyhanko' 2>/dev/null; then
  echo "Setting up $venv with the outside checkers"
  mkdir -p target/tools
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'sqlcipher3-binary==0.6.0' 'saxonche>=12' 'lxml>=5' \
    'pyhanko==0.38.0' 'pyhanko-cli==0.6.0'
fi
