#!/usr/bin/env bash
# Training throughput at the size of the largest Amazon category the SASRec issue names (about 1.8× Beauty's users and
# 1.5× its items), which is not on this machine: builds a throughput-only stand-in from amazon-beauty.txt (every
# user, plus a copy of four users in five whose items below 6,051 are renamed to new ids, so the catalog grows to
# 18,151 items with Beauty's length distribution), trains SASRec with the CLI's defaults for EPOCHS epochs and prints
# the CLI's per-epoch lines (training and validation seconds) and the epochs a 540 s budget would hold. The stand-in's
# accuracy means nothing (the copies repeat Beauty's sequences); only the time per epoch is the point.
# Settings (environment): DATA (default ../shared/data next to the repo), EPOCHS (default 3), THREADS (default 2),
# SEED (default 1), OUT (default a temp dir).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CLI="$ROOT/src/SessionRec.Cli/bin/Release/net10.0/sessionrec"
DATA="${DATA:-$ROOT/../shared/data}"
OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
EPOCHS="${EPOCHS:-3}"
THREADS="${THREADS:-2}"
SEED="${SEED:-1}"
dotnet build -c Release "$ROOT/src/SessionRec.Cli" >/dev/null

SCALED="$OUT/beauty-scaled.txt"
awk -v users="$(wc -l <"$DATA/amazon-beauty.txt")" '
  { print }
  NR % 5 != 0 {
    line = (users + NR)
    for (i = 2; i <= NF; i++) line = line " " ($i <= 6050 ? $i + 12101 : $i)
    copies[++n] = line
  }
  END { for (i = 1; i <= n; i++) print copies[i] }' "$DATA/amazon-beauty.txt" >"$SCALED"
echo "stand-in: $(wc -l <"$SCALED") users, $(awk '{ for (i = 2; i <= NF; i++) seen[$i] = 1 } END { print length(seen) }' "$SCALED") items"

/usr/bin/time -v "$CLI" train --data "$SCALED" --format sequences --model sasrec --threads "$THREADS" --seed "$SEED" \
  --epochs "$EPOCHS" --out "$OUT/model" >"$OUT/train.log" 2>&1
grep -E '^epoch|^  epoch|Trained' "$OUT/train.log"
grep -E 'Maximum resident' "$OUT/train.log"
