#!/usr/bin/env bash
# Regenerates the README's offline quality table (section "Offline models and evaluation"): SASRec, V-SKNN and
# popularity on amazon-beauty (leave-one-out, full ranking, seen items excluded) and on yoochoose-100k (next item on
# test.txt, seen items kept, repeat mixture off), each trained by the CLI with its defaults. Prints one markdown row
# per model: test HR / NDCG / MRR at 10 and 20, wall time and peak resident memory of the train command
# (/usr/bin/time -v), and the seeds. SASRec runs once per seed, sequentially; its row is the mean with the spread
# (min–max) beside it, each seed's figures are in $OUT/*.log.
# Settings (environment): DATA (default ../shared/data next to the repo), OUT (default a temp dir), SEEDS (default
# "1 2 3"), SASREC_LOSSES (default "default": the CLI's default loss; e.g. "default ce bce" for more rows),
# THREADS (default 2), SKIP_BEAUTY=1,
# SKIP_YOOCHOOSE=1, SKIP_SASREC=1 (kNN and popularity rows only, a few minutes). One SASRec run on Beauty takes up
# to 10 minutes on 2 cores; the full default run about an hour.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CLI="$ROOT/src/SessionRec.Cli/bin/Release/net10.0/sessionrec"
DATA="${DATA:-$ROOT/../shared/data}"
OUT="${OUT:-$(mktemp -d)}"
SEEDS="${SEEDS:-1 2 3}"
SASREC_LOSSES="${SASREC_LOSSES:-default}"
THREADS="${THREADS:-2}"
mkdir -p "$OUT"
dotnet build -c Release "$ROOT/src/SessionRec.Cli" >/dev/null

# measure NAME ARGS...: runs `sessionrec train ARGS --out $OUT/NAME` under /usr/bin/time -v, log in $OUT/NAME.log.
measure() {
  local name="$1"
  shift
  /usr/bin/time -v "$CLI" train "$@" --threads "$THREADS" --out "$OUT/$name" >"$OUT/$name.log" 2>&1
}

# loss_option LOSS: nothing for "default" (the CLI's own default), else --loss LOSS; loss_label LOSS: for the row.
loss_option() { if [ "$1" != default ]; then echo "--loss $1"; fi; }
loss_label() { if [ "$1" = default ]; then echo "(CLI defaults)"; else echo "\`--loss $1\`, other CLI defaults"; fi; }

# row LABEL SEEDS NAME...: the test figures of the named runs' manifests (mean and min–max when more than one).
row() {
  local label="$1" seeds="$2"
  shift 2
  python3 - "$OUT" "$label" "$seeds" "$@" <<'PY'
import json, re, sys
out, label, seeds, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
keys = ["hr@10", "ndcg@10", "mrr@10", "hr@20", "ndcg@20", "mrr@20"]
runs = []
for n in names:
    test = json.load(open(f"{out}/{n}/manifest.json"))["test"]
    log = open(f"{out}/{n}.log").read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", log).group(1)
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", log).group(1)) / 1024 / 1024
    runs.append(([test[k] for k in keys], seconds, rss))
def cell(values, digits):
    mean = sum(values) / len(values)
    if len(values) == 1:
        return f"{mean:.{digits}f}"
    return f"{mean:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"
figures = [cell([r[0][i] for r in runs], 4) for i in range(len(keys))]
wall = cell([r[1] / 60 for r in runs], 1) + " min"
rss = cell([r[2] for r in runs], 2) + " GB"
print(f"| {label} | " + " | ".join(figures) + f" | {wall} | {rss} | {seeds} |")
PY
}

echo "| data, model | HR@10 | NDCG@10 | MRR@10 | HR@20 | NDCG@20 | MRR@20 | train wall | peak RSS | seeds |"
echo "|---|---|---|---|---|---|---|---|---|---|"

if [ "${SKIP_BEAUTY:-0}" != 1 ]; then
  BEAUTY=(--data "$DATA/amazon-beauty.txt" --format sequences)
  if [ "${SKIP_SASREC:-0}" != 1 ]; then
    for loss in $SASREC_LOSSES; do
      names=()
      for seed in $SEEDS; do
        measure "beauty-sasrec-$loss-$seed" "${BEAUTY[@]}" --model sasrec $(loss_option "$loss") --seed "$seed"
        names+=("beauty-sasrec-$loss-$seed")
      done
      row "amazon-beauty, SASRec $(loss_label "$loss")" "$SEEDS" "${names[@]}"
    done
  fi
  measure beauty-vsknn "${BEAUTY[@]}" --model vsknn
  row "amazon-beauty, V-SKNN (defaults)" "deterministic" beauty-vsknn
  measure beauty-popularity "${BEAUTY[@]}" --model popularity
  row "amazon-beauty, popularity" "deterministic" beauty-popularity
fi

if [ "${SKIP_YOOCHOOSE:-0}" != 1 ]; then
  YC="$DATA/yoochoose-100k"
  OFF=(--format sessions --test "$YC/test.txt" --repeat-weight 0)
  if [ "${SKIP_SASREC:-0}" != 1 ]; then
    for loss in $SASREC_LOSSES; do
      names=()
      for seed in $SEEDS; do
        measure "yc-sasrec-$loss-$seed" --data "$YC/train_tr.txt" --validation "$YC/train_valid.txt" "${OFF[@]}" \
          --model sasrec $(loss_option "$loss") --seed "$seed"
        names+=("yc-sasrec-$loss-$seed")
      done
      row "yoochoose-100k (train_tr, early stop on train_valid), SASRec $(loss_label "$loss")" "$SEEDS" "${names[@]}"
    done
  fi
  measure yc-vsknn --data "$YC/train_full.txt" "${OFF[@]}" --model vsknn
  row "yoochoose-100k (train_full), V-SKNN (defaults)" "deterministic" yc-vsknn
  measure yc-popularity --data "$YC/train_full.txt" "${OFF[@]}" --model popularity
  row "yoochoose-100k (train_full), popularity" "deterministic" yc-popularity
fi
echo "(files in $OUT)"
