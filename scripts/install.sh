#!/usr/bin/env bash
# Installs what the playground needs on Debian bookworm, as root. Idempotent:
# on a machine that has everything it checks and returns in seconds, without
# the network.
#
#   - Debian packages (compilers, Emscripten, SDL2, Highway, doctest, JSON,
#     Eigen for bench's peer, Chromium, Xvfb, a font);
#   - Dear ImGui 1.86 sources from Debian's `imgui` source package (the
#     binary package has no .cpp files, and the WebAssembly build needs them);
#   - SDL2 built for WebAssembly from Debian's `libsdl2` source package
#     (Emscripten's -sUSE_SDL=2 would download a port);
#   - playwright-core from npm, pinned by tests/browser/package-lock.json.
#
# ImGui and SDL2-for-wasm are cached in $PG_DEPS_DIR (default
# /opt/playground-deps), outside any build tree, once per machine.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEPS=${PG_DEPS_DIR:-/opt/playground-deps}
IMGUI_VERSION=1.86
SDL_VERSION=2.26.5
export NODE_PATH=/usr/share/nodejs   # Debian's Emscripten needs acorn from here
export DEBIAN_FRONTEND=noninteractive

say()  { printf '\033[1m[install]\033[0m %s\n' "$*"; }
fail() { printf '[install] FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (apt-get and $DEPS need it): sudo bash scripts/install.sh"
command -v apt-get >/dev/null || fail "this script needs Debian (apt-get); see README.md for the package list"

# --- Debian packages --------------------------------------------------------
PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates python3
  emscripten nodejs libsdl2-dev libgl-dev doctest-dev libhwy-dev nlohmann-json3-dev
  libeigen3-dev libzip-dev
  chromium xvfb xauth fonts-roboto-unhinted fonts-dejavu-core fonttools valgrind
  clang-14 libclang-rt-14-dev
)
command -v npm >/dev/null || PACKAGES+=(npm)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
APT_UPDATED=0
apt_update() {
  [ "$APT_UPDATED" = 1 ] && return 0
  say "apt-get update"
  apt-get update -q || fail "apt-get update (check the machine's Debian sources and network, then rerun)"
  APT_UPDATED=1
}
if [ ${#missing[@]} -gt 0 ]; then
  apt_update
  say "installing: ${missing[*]}"
  apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || fail "apt-get install ${missing[*]} (rerun the script to retry; 'apt-get install -f' if dpkg was interrupted)"
else
  say "Debian packages: all present"
fi

# --- Node.js: fail now, not after the builds, on a Node that cannot run the tests --
# The browser tests' driver (playwright-core, pinned by the lock file) states the
# Node versions it runs on; Emscripten, the CLI and the wasm tests run on those too.
# Debian 12's own nodejs (18.20) and Node 20 are the ones this project is tested on.
BROWSER_DIR="$ROOT/tests/browser"
command -v node >/dev/null || fail "no 'node' on the PATH after installing Debian's nodejs package"
NODE_VERSION=$(node -e 'process.stdout.write(process.versions.node)' 2>/dev/null) \
  || fail "'$(command -v node)' does not run; install Debian's nodejs package (apt-get install nodejs)"
NODE_MIN=$(sed -n '/"node_modules\/playwright-core"/,/}$/s/.*"node": *">= *\([0-9][0-9]*\)".*/\1/p' \
  "$BROWSER_DIR/package-lock.json" | head -n1)
NODE_MIN=${NODE_MIN:-18}
if [ "${NODE_VERSION%%.*}" -lt "$NODE_MIN" ] 2>/dev/null || [ -z "${NODE_VERSION%%.*}" ]; then
  fail "Node.js $NODE_VERSION ($(command -v node)) is too old: the browser tests' playwright-core needs Node $NODE_MIN or newer. Debian 12's nodejs package (18.20) works; remove the older Node from the PATH or upgrade it, then rerun"
fi
say "Node.js $NODE_VERSION ($(command -v node)): fine (needs $NODE_MIN or newer)"

# --- Debian source packages (ImGui, SDL2) -------------------------------------
# apt-get source needs deb-src entries. They are derived from the machine's own
# sources (deb822 debian.sources or one-line sources.list), never written by hand.
ensure_deb_src() {
  if apt-cache showsrc imgui 2>/dev/null | grep -q '^Package:'; then return 0; fi
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      > /etc/apt/sources.list.d/playground-deb-src.sources
  elif [ -f /etc/apt/sources.list ] && grep -q '^deb ' /etc/apt/sources.list; then
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/playground-deb-src.list
  else
    fail "found no Debian apt source to derive a deb-src entry from"
  fi
  APT_UPDATED=0
  apt_update
}
fetch_source() {  # fetch_source <source package> <orig tarball glob> -> prints tarball path
  local pkg=$1 glob=$2 dl="$DEPS/downloads"
  mkdir -p "$dl"
  if ! ls "$dl"/$glob >/dev/null 2>&1; then
    {  # progress goes to stderr: stdout carries only the tarball's path
      ensure_deb_src
      say "apt-get source $pkg"
      (cd "$dl" && apt-get source --download-only -q "$pkg") \
        || fail "apt-get source --download-only $pkg (rerun to retry)"
    } >&2
  fi
  ls "$dl"/$glob | head -n1
}

mkdir -p "$DEPS/src"
IMGUI_DIR="$DEPS/src/imgui-$IMGUI_VERSION"
if [ ! -f "$IMGUI_DIR/imgui.cpp" ] || [ ! -f "$IMGUI_DIR/backends/imgui_impl_opengl3.cpp" ]; then
  tarball=$(fetch_source imgui "imgui_${IMGUI_VERSION}*.orig.tar.*")
  say "unpacking $tarball"
  rm -rf "$IMGUI_DIR" && tar -xf "$tarball" -C "$DEPS/src" || fail "unpacking $tarball"
  [ -f "$IMGUI_DIR/imgui.cpp" ] || fail "ImGui sources not found in $tarball (expected imgui-$IMGUI_VERSION/)"
else
  say "ImGui $IMGUI_VERSION sources: present in $IMGUI_DIR"
fi

# Only what the app uses: video (WebGL), events, timers, the joystick API that
# ImGui's backend calls. No audio, renderer, haptics, sensors, HIDAPI, power,
# offscreen or dummy drivers, and SDL_LEAN_AND_MEAN drops the software surface
# blitters (0.2 MB of WebAssembly that nothing here calls). A folder of its
# own, so machines with the older full build rebuild once.
SDL_WASM="$DEPS/sdl2-wasm-lean"
if [ ! -f "$SDL_WASM/lib/libSDL2.a" ]; then
  tarball=$(fetch_source libsdl2 "libsdl2_${SDL_VERSION}*.orig.tar.*")
  say "building SDL2 $SDL_VERSION for WebAssembly (about 3 minutes, once per machine)"
  rm -rf "$DEPS/src/SDL2-$SDL_VERSION" "$DEPS/src/build-sdl2-wasm"
  tar -xf "$tarball" -C "$DEPS/src" || fail "unpacking $tarball"
  (
    cd "$DEPS/src"
    emcmake cmake -S "SDL2-$SDL_VERSION" -B build-sdl2-wasm -G Ninja -DSDL_SHARED=OFF \
      -DSDL_STATIC=ON -DSDL_TEST=OFF -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$SDL_WASM" \
      -DSDL_AUDIO=OFF -DSDL_RENDER=OFF -DSDL_HAPTIC=OFF -DSDL_HIDAPI=OFF -DSDL_POWER=OFF -DSDL_SENSOR=OFF \
      -DSDL_OFFSCREEN=OFF -DSDL_DUMMYVIDEO=OFF -DSDL_DUMMYAUDIO=OFF -DSDL_DISKAUDIO=OFF \
      -DCMAKE_C_FLAGS="-DSDL_LEAN_AND_MEAN=1"
    cmake --build build-sdl2-wasm -j"$(nproc)"
    cmake --install build-sdl2-wasm
  ) > "$DEPS/sdl2-wasm-build.log" 2>&1 \
    || fail "building SDL2 for WebAssembly; see $DEPS/sdl2-wasm-build.log, then rerun"
  rm -rf "$DEPS/src/build-sdl2-wasm"
else
  say "SDL2 for WebAssembly: present in $SDL_WASM"
fi

# --- npm: playwright-core (drives Debian's Chromium; never downloads a browser), axe-core --
# Reinstalled when the installed version is not the locked one (a checkout of an
# older or newer lock), or when the lock changed since the last npm ci.
locked_version() {  # version of playwright-core that package-lock.json pins
  sed -n '/"node_modules\/playwright-core"/,/}$/s/.*"version": *"\([^"]*\)".*/\1/p' \
    "$BROWSER_DIR/package-lock.json" | head -n1
}
installed_version() {
  sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$BROWSER_DIR/node_modules/playwright-core/package.json" \
    2>/dev/null | head -n1
}
if [ ! -f "$BROWSER_DIR/node_modules/playwright-core/package.json" ] \
   || [ "$(installed_version)" != "$(locked_version)" ] \
   || [ "$BROWSER_DIR/package-lock.json" -nt "$BROWSER_DIR/node_modules/.package-lock.json" ]; then
  say "npm ci (playwright-core, axe-core)"
  (cd "$BROWSER_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefer-offline --no-audit --no-fund -q) \
    || fail "npm ci in tests/browser (check the npm registry is reachable, then rerun)"
else
  say "playwright-core $(installed_version): present"
fi

say "done"
