#!/usr/bin/env bash
# Encoder benchmark: InterestLens (libtorch) against ONNX Runtime on the same MiniLM-L6-shaped
# BERT, the same 2,000 real review texts (first texts of ../shared's Amazon All_Beauty set) and
# the same thread count. Prints one JSON line per engine, then the ratio.
#
# usage: tests/bench/encoder/run_encoder_bench.sh [BUILD_DIR=build] [TEXTS=2000] [THREADS=2]
# Needs: python3-numpy python3-onnx (Debian) to write the model pair; npm for onnxruntime-node.
# Set IL_BENCH_UNSET_BLAS_LIMITS=1 to unset OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE for this command
# only (these machines set them; users' machines do not).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
texts="${2:-2000}"
threads="${3:-2}"
work="$build/bench-encoder"
mkdir -p "$work"

if [[ "${IL_BENCH_UNSET_BLAS_LIMITS:-0}" == 1 ]]; then
  unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
fi

missing=()
python3 -c "import numpy" 2>/dev/null || missing+=(python3-numpy)
python3 -c "import onnx" 2>/dev/null || missing+=(python3-onnx)
if ((${#missing[@]})); then
  # The system python may not be the first python3 on PATH; Debian's modules live in /usr/bin/python3.
  if /usr/bin/python3 -c "import numpy, onnx" 2>/dev/null; then PY=/usr/bin/python3; else
    echo "install ${missing[*]} (apt-get install ${missing[*]})" >&2; exit 1; fi
else
  PY=python3
fi

if [[ ! -f "$work/bert/model.onnx" ]]; then
  "$PY" "$here/make_bert_pair.py" "$work/bert" "$root/../shared/models/all-minilm-l6-v2-tokenizer/vocab.txt"
fi
if [[ ! -d "$work/ort/node_modules/onnxruntime-node" ]]; then
  mkdir -p "$work/ort"
  # --ignore-scripts: the package ships CPU binaries; its install script only fetches GPU extras.
  (cd "$work/ort" && npm install --silent --ignore-scripts --no-audit --no-fund onnxruntime-node@1.30.0 >/dev/null)
fi

cmake --build "$build" --target encoder_bench >/dev/null
ours="$("$build/tests/bench/encoder_bench" "$work/bert" "$work/ids.json" "$texts" "$threads")"
echo "$ours"
theirs="$(ORT_NODE_DIR="$work/ort/node_modules/onnxruntime-node" node "$here/ort_bench.mjs" "$work/bert/model.onnx" "$work/ids.json" "$threads" 32)"
echo "$theirs"
"$PY" - "$ours" "$theirs" <<'PY'
import json, sys
ours = [json.loads(l) for l in sys.argv[1].splitlines()]
ort = json.loads(sys.argv[2])
bert = next(o for o in ours if o["engine"] == "interestlens bert")
print(f"ratio interestlens bert / onnxruntime = {bert['texts_per_s'] / ort['texts_per_s']:.2f} "
      f"({bert['texts_per_s']:.0f} vs {ort['texts_per_s']:.0f} texts/s; ours {bert['gflops']:.0f} GFLOP/s)")
PY
