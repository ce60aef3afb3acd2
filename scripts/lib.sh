# shellcheck shell=bash
# Shared by scripts/setup, scripts/test and scripts/demo: versions, paths and the wasm
# toolchain environment. Sourced, never run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
GECKODRIVER_VERSION="0.37.1"
# The wasm-bindgen CLI must match the crate exactly; Cargo.toml pins it with "=".
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$ROOT/Cargo.toml")"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
# Remembers which wasm toolchain setup chose, so later runs skip the probing.
STATE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/ap-ping-widget"
WEB_TOOLCHAIN=debian-web
export PATH="$CARGO_BIN:$ROOT/node_modules/.bin:$PATH"

log() { printf '\033[1m[%s]\033[0m %s\n' "$(basename "$0")" "$*" >&2; }
die() { printf '\033[1;31m[%s] error:\033[0m %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# The toolchain mode setup chose: "rustup" (rustup's own wasm32 target) or "debian"
# (Debian's rustc-web with build-std).
# APW_WASM_MODE=debian|rustup overrides the remembered choice (to test the other path).
wasm_mode() { echo "${APW_WASM_MODE:-$(cat "$STATE_DIR/wasm-mode" 2>/dev/null || echo unknown)}"; }

# Exports what every wasm32 build, test or trunk call needs in the chosen mode.
use_wasm_toolchain() {
  case "$(wasm_mode)" in
    rustup) ;;
    debian)
      export RUSTUP_TOOLCHAIN="$WEB_TOOLCHAIN"
      export RUSTC_BOOTSTRAP=1
      export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
      export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-22/bin/wasm-ld
      ;;
    *) die "no wasm toolchain chosen yet: run scripts/setup" ;;
  esac
}

# For release builds only: the standard library rebuilt with immediate-abort panics, so no
# panic message, location or formatting is compiled into either module (measured: -7 KB
# gzip for the parsers, -12 KB for the widget). Needs the library's sources (Debian's
# rust-web-src, or rustup's rust-src); without them it says so and changes nothing. Its own
# target folder keeps these builds from invalidating the test builds' cache.
# bench/size.mjs reports which standard library the last release build had.
use_release_std() {
  local sysroot
  sysroot="$(rustc --print sysroot 2>/dev/null || true)"
  mkdir -p "$ROOT/target"
  if [ -d "$sysroot/lib/rustlib/src/rust/library/std" ]; then
    export RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none"
    export CARGO_TARGET_DIR="$ROOT/target/release-std"
    echo "rebuilt from source with immediate-abort panics ($(wasm_mode) toolchain)" >"$ROOT/target/apw-release-std.txt"
  else
    log "no standard library sources for $(wasm_mode): the release build keeps panic messages (larger)"
    echo "prebuilt, with panic messages (no sources for the $(wasm_mode) toolchain)" >"$ROOT/target/apw-release-std.txt"
  fi
}

# Native builds use the same compiler as wasm ones, so the two never invalidate each
# other's build cache in target/.
use_native_toolchain() {
  if [ "$(wasm_mode)" = debian ]; then export RUSTUP_TOOLCHAIN="$WEB_TOOLCHAIN"; fi
}

# Chromium flags for a closed network: no background requests, no sandbox as root.
CHROMIUM_ARGS='["--headless=new","--no-sandbox","--disable-gpu","--disable-dev-shm-usage","--disable-background-networking","--disable-component-update","--no-first-run","--disable-sync","--disable-quic"]'

# wasm-bindgen's staging folder keeps JS snippets of earlier builds, and trunk copies
# them all into dist/: a renamed or deleted snippet would otherwise ship. Forget them.
forget_stale_snippets() { rm -rf "${CARGO_TARGET_DIR:-$ROOT/target}"/wasm-bindgen/*/snippets; }
