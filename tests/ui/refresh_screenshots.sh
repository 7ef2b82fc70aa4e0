#!/usr/bin/env bash
# Refreshes docs/screenshot-*.png: the main window on every tab with the demo loaded.
# Usage: tests/ui/refresh_screenshots.sh [BUILD_DIR]   (needs xvfb-run)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
cmake --build "$build" --target screenshot_tour ui_models_dialog ui_retrain_dialog
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
xvfb-run -a -s "-screen 0 1280x820x24" "$build/tests/ui/screenshot_tour" "$root/docs"
# The Models dialog half way through a download from the local test hub (needs ../shared).
IL_SCREENSHOT_DIR="$root/docs" xvfb-run -a -s "-screen 0 1280x820x24" \
  "$build/tests/ui/ui_models_dialog" downloadsWithProgressResumesAndIsUsableAtOnce
# The Retrain dialog after a finished two-tower run on the demo (tfidf vectors).
IL_SCREENSHOT_DIR="$root/docs" xvfb-run -a -s "-screen 0 1280x820x24" \
  "$build/tests/ui/ui_retrain_dialog" saveScreenshotAfterARun
