#!/usr/bin/env bash
# Session quality through the real HTTP API: trains V-SKNN and VMIS-kNN on train_full and SASRec on train_tr (early
# stopping on train_valid), serves each with the Release server (shipped defaults plus
# Recommendations__ExcludeSeen=false) on a free loopback port, replays test.txt with `sessionrec simulate --k 20`,
# and prints HR@20 / MRR@20 of the predictions made after each session's first click, split by repeat vs new target.
# DATA (default ../shared/data/yoochoose-100k), OUT (default a temp dir), SKIP_SASREC=1 to leave SASRec out.
set -euo pipefail
source "$(dirname "$0")/serve-and-replay.sh"
DATA="${DATA:-$ROOT/../shared/data/yoochoose-100k}"
OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
build_release

# V-SKNN with the settings tune/validation chose (README); VMIS-kNN with its defaults (tuned, see docs/tune).
VSKNN_OPTIONS=(--idf-weighting 1 --position-decay 0.3 --min-weight 0.01)
"$CLI" train --data "$DATA/train_full.txt" --format sessions --model vsknn "${VSKNN_OPTIONS[@]}" --out "$OUT/vsknn" >"$OUT/vsknn.train.log"
"$CLI" train --data "$DATA/train_full.txt" --format sessions --out "$OUT/vmisknn" >"$OUT/vmisknn.train.log"
if [ "${SKIP_SASREC:-0}" != 1 ]; then
  "$CLI" train --data "$DATA/train_tr.txt" --format sessions --model sasrec --validation "$DATA/train_valid.txt" \
    --threads 1 --seed 1 --out "$OUT/sasrec" >"$OUT/sasrec.train.log" 2>&1
  # The repeat mixture of SASRec is tuned on the validation split too (written into its manifest).
  "$CLI" tune --base "$OUT/sasrec" --validation "$DATA/train_valid.txt" --threads 1 >"$OUT/sasrec.tune.log"
fi

replay "$OUT/vsknn" "$DATA/test.txt" "$OUT/vsknn.json"
replay "$OUT/vmisknn" "$DATA/test.txt" "$OUT/vmisknn.json"
[ "${SKIP_SASREC:-0}" = 1 ] || replay "$OUT/sasrec" "$DATA/test.txt" "$OUT/sasrec.json"

header
row "V-SKNN (train_full)" "\`${VSKNN_OPTIONS[*]}\`, repeat mixture defaults" "$OUT/vsknn.json"
row "VMIS-kNN (train_full)" "defaults (\`train\` on a click log)" "$OUT/vmisknn.json"
[ "${SKIP_SASREC:-0}" = 1 ] || row "SASRec ce (train_tr, early stop on train_valid)" "CLI defaults, \`--seed 1\`; repeat mixture tuned on train_valid" "$OUT/sasrec.json"
echo "(files in $OUT)"
