#!/usr/bin/env bash
# Session quality through the real HTTP API: trains V-SKNN and VMIS-kNN on train_full and SASRec on train_tr (early
# stopping on train_valid), serves each with the Release server (shipped defaults plus
# Recommendations__ExcludeSeen=false) on a free loopback port, replays test.txt with `sessionrec simulate --k 20`,
# and prints HR@20 / MRR@20 of the predictions made after each session's first click, split by repeat vs new target.
# The tuned hybrid blends VMIS-kNN and SASRec with the weight chosen on train_valid (parts trained on train_tr), served
# with VMIS-kNN trained on train_full. The one-command rows train on train_full alone: SASRec with the newest 10 % of
# the sessions held out for early stopping and then retrained on all of them (`--refit true`), and
# `train --model hybrid`, which also tunes the blend on those newest sessions; one row each per seed in SEEDS.
# DATA (default ../shared/data/yoochoose-100k), OUT (default a temp dir), SKIP_SASREC=1 to leave SASRec and the
# hybrids out, SEEDS (default "1"), SASREC_DIR=DIR to reuse a directory written by the same SASRec train command
# (it is deterministic), BLEND_OBJECTIVE (default: train's) for the one-command hybrid.
set -euo pipefail
source "$(dirname "$0")/serve-and-replay.sh"
setup

# V-SKNN with the settings tune/validation chose (README); VMIS-kNN with its defaults (tuned, see docs/tune).
VSKNN_OPTIONS=(--idf-weighting 1 --position-decay 0.3 --min-weight 0.01)
"$CLI" train --data "$DATA/train_full.txt" --format sessions --model vsknn "${VSKNN_OPTIONS[@]}" --out "$OUT/vsknn" >"$OUT/vsknn.train.log"
"$CLI" train --data "$DATA/train_full.txt" --format sessions --out "$OUT/vmisknn" >"$OUT/vmisknn.train.log"
"$CLI" train --data "$DATA/train_full.txt" --format sessions --model sr --out "$OUT/sr" >"$OUT/sr.train.log"
if [ "${SKIP_SASREC:-0}" != 1 ]; then
  if [ -n "${SASREC_DIR:-}" ]; then
    rm -rf "$OUT/sasrec" && cp -r "$SASREC_DIR" "$OUT/sasrec"
  else
    "$CLI" train --data "$DATA/train_tr.txt" --format sessions --model sasrec --validation "$DATA/train_valid.txt" \
      --threads 1 --seed 1 --out "$OUT/sasrec" >"$OUT/sasrec.train.log" 2>&1
  fi
  # The repeat mixture of SASRec is tuned on the validation split too (written into its manifest).
  "$CLI" tune --base "$OUT/sasrec" --validation "$DATA/train_valid.txt" --threads 1 >"$OUT/sasrec.tune.log"
  "$CLI" train --data "$DATA/train_tr.txt" --format sessions --out "$OUT/vmisknn-tr" >"$OUT/vmisknn-tr.train.log"
  "$CLI" tune --model hybrid --parts "$OUT/vmisknn-tr,$OUT/sasrec" --serve-parts "$OUT/vmisknn,$OUT/sasrec" \
    --validation "$DATA/train_valid.txt" --threads 1 --out "$OUT/hybrid" >"$OUT/hybrid.tune.log"
  # One command each, train_full only. SASRec's repeat mixture is the one tune chose on train_valid for the same
  # procedure run on train_tr (README); the hybrid tunes its own.
  for seed in ${SEEDS:-1}; do
    "$CLI" train --data "$DATA/train_full.txt" --format sessions --model sasrec --refit true --repeat-weight 0.5 \
      --repeat-decay 0.1 --threads 2 --seed "$seed" --out "$OUT/sasrec-full-$seed" >"$OUT/sasrec-full-$seed.train.log" 2>&1
    "$CLI" train --data "$DATA/train_full.txt" --format sessions --model hybrid ${BLEND_OBJECTIVE:+--blend-objective "$BLEND_OBJECTIVE"} \
      --threads 2 --seed "$seed" --out "$OUT/hybrid-full-$seed" >"$OUT/hybrid-full-$seed.train.log" 2>&1
  done
fi

replay "$OUT/vsknn" "$DATA/test.txt" "$OUT/vsknn.json"
replay "$OUT/vmisknn" "$DATA/test.txt" "$OUT/vmisknn.json"
replay "$OUT/sr" "$DATA/test.txt" "$OUT/sr.json"
if [ "${SKIP_SASREC:-0}" != 1 ]; then
  replay "$OUT/sasrec" "$DATA/test.txt" "$OUT/sasrec.json"
  replay "$OUT/hybrid" "$DATA/test.txt" "$OUT/hybrid.json"
  for seed in ${SEEDS:-1}; do
    replay "$OUT/sasrec-full-$seed" "$DATA/test.txt" "$OUT/sasrec-full-$seed.json"
    replay "$OUT/hybrid-full-$seed" "$DATA/test.txt" "$OUT/hybrid-full-$seed.json"
  done
fi

header
row "V-SKNN (train_full)" "\`${VSKNN_OPTIONS[*]}\`, repeat mixture defaults" "$OUT/vsknn.json"
row "VMIS-kNN (train_full)" "defaults (\`train\` on a click log)" "$OUT/vmisknn.json"
row "sequential rules (train_full)" "defaults (\`train --model sr\`)" "$OUT/sr.json"
if [ "${SKIP_SASREC:-0}" != 1 ]; then
  row "SASRec ce (train_tr, early stop on train_valid)" "CLI defaults, \`--seed 1 --threads 1\`; $(sed -n 1p "$OUT/sasrec.tune.log" | sed 's/:.*//') (tuned on train_valid)" "$OUT/sasrec.json"
  row "Hybrid VMIS-kNN (train_full) + SASRec (train_tr)" "$(grep '^best' "$OUT/hybrid.tune.log" | sed 's/; wrote.*//')" "$OUT/hybrid.json"
  for seed in ${SEEDS:-1}; do
    row "SASRec (train_full, \`--refit true\`), seed $seed" "$(grep -o 'best epoch [0-9]*' "$OUT/sasrec-full-$seed.train.log"), refit on all; repeat weight 0.5 decay 0.1" "$OUT/sasrec-full-$seed.json"
    row "**Hybrid, one command** (\`train --model hybrid\` on train_full), seed $seed" "$(grep '^Blend' "$OUT/hybrid-full-$seed.train.log" | sed 's/^Blend: //; s/ on the validation split.//')" "$OUT/hybrid-full-$seed.json"
  done
fi
echo "(files in $OUT)"
