#!/usr/bin/env bash
# One bootstrap for `npm test` and `npm start`: brings a fresh Debian 12 machine
# (g++, cmake, GoogleTest, Node 20, npm) to everything qrpos builds and tests with.
# Each step checks first and skips what is already done.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

say() { printf '[bootstrap] %s\n' "$*"; }
die() { printf '[bootstrap] ERROR: %s\n' "$*" >&2; exit 1; }

debian_packages=(
  emscripten            # C++ -> WebAssembly (3.1.6)
  libsodium-dev         # native libsodium; its source package is built for wasm below
  nlohmann-json3-dev    # JSON in the core and the acquirer
  libcpp-httplib-dev    # the sandbox acquirer's HTTP server
  libsqlite3-dev        # the sandbox acquirer's ledger
  sqlite3               # tests read the ledger file independently of the acquirer
  libgtest-dev          # native unit tests
  pkg-config
  chromium              # end-to-end tests and screenshots
  fonts-wqy-microhei    # CJK glyphs so zh-CN screens render in headless Chromium
  ffmpeg                # turns a generated PNG into a fake-camera y4m video
  autoconf automake libtool make  # libsodium's autogen/configure for the wasm build
  dpkg-dev              # `apt-get source` unpacking
)

missing=()
for p in "${debian_packages[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  say "Debian packages: all ${#debian_packages[@]} present, skipping"
elif [ "$(id -u)" -ne 0 ]; then
  die "missing Debian packages: ${missing[*]}
Run this once as root, then run the command again:
  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
else
  say "installing ${#missing[@]} Debian packages: ${missing[*]} (a few minutes on a fresh machine)"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# libsodium for WebAssembly: Debian ships no wasm build, so build its own source
# package once with emscripten and cache it by version in an ignored folder.
sodium_version=$(dpkg-query -W -f='${Version}' libsodium-dev | sed 's/-.*//')
sodium_prefix="$root/.cache/libsodium-wasm-$sodium_version"
if [ -f "$sodium_prefix/lib/libsodium.a" ]; then
  say "libsodium $sodium_version for wasm: cached in ${sodium_prefix#$root/}, skipping"
else
  say "building libsodium $sodium_version for wasm (once, ~2 minutes)"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  if ! ls /etc/apt/sources.list.d/*.sources 2>/dev/null | xargs grep -qs '^Types:.*deb-src'; then
    [ "$(id -u)" -eq 0 ] || die "the libsodium source package needs a deb-src entry; run this script once as root"
    say "adding a deb-src entry so apt-get can fetch Debian's libsodium source"
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      > /etc/apt/sources.list.d/qrpos-deb-src.sources
    apt-get update -q
  fi
  (cd "$work" && apt-get source --download-only -q "libsodium=$(dpkg-query -W -f='${Version}' libsodium-dev)" >/dev/null)
  tar -xzf "$work"/libsodium_*.orig.tar.gz -C "$work"
  src=$(find "$work" -maxdepth 1 -type d -name 'libsodium*' | head -n 1)
  export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer needs Debian's acorn
  (
    cd "$src"
    say "  autogen"; ./autogen.sh -s >"$work/autogen.log" 2>&1 || true  # its config.guess download fails harmlessly
    say "  configure"
    emconfigure ./configure --host=wasm32-unknown-emscripten --prefix="$sodium_prefix" \
      --disable-shared --enable-static --without-pthreads --disable-ssp --disable-asm \
      --enable-minimal >"$work/configure.log" 2>&1 || { tail -n 30 "$work/configure.log"; exit 1; }
    say "  make (the long part)"
    emmake make -j"$(nproc)" >"$work/make.log" 2>&1 || { tail -n 30 "$work/make.log"; exit 1; }
    emmake make install >"$work/install.log" 2>&1 || { tail -n 30 "$work/install.log"; exit 1; }
  )
  say "libsodium for wasm ready in ${sodium_prefix#$root/}"
fi

# npm packages from the committed lockfile, re-installed only when the lockfile changed.
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  say "npm packages: up to date with package-lock.json, skipping"
else
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "done"
