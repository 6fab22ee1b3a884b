#!/usr/bin/env bash
# Trainer throughput, before against after: `bench/quality/epoch-ab.sh DIR_A DIR_B [ROUNDS]` where each DIR holds a
# Release build of the CLI (e.g. a copy of src/SessionRec.Cli/bin/Release/net10.0 taken before and after a change).
# Alternates A and B for ROUNDS rounds (default 2), each a SASRec run of 2 epochs and one validation on amazon-beauty
# with the CLI defaults and 2 threads, and prints wall time, training seconds (2 epochs + 1 validation) and peak RSS
# (/usr/bin/time -v). On a shared machine compare the ratio within a round: the pairs run back to back.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}/amazon-beauty.txt"
OUT="${OUT:-$(mktemp -d)}"
A="$1" B="$2" ROUNDS="${3:-2}"
mkdir -p "$OUT"
for round in $(seq 1 "$ROUNDS"); do
  for bin in "$A" "$B"; do
    name=$(basename "$bin")
    log="$OUT/$name-$round.log"
    /usr/bin/time -v dotnet "$bin/sessionrec.dll" train --data "$DATA" --format sequences --model sasrec \
      --out "$OUT/$name" --epochs 2 --eval-every 2 --threads 2 >"$log" 2>&1
    wall=$(grep 'Elapsed (wall' "$log" | awk '{print $NF}')
    rss=$(grep 'Maximum resident' "$log" | awk '{printf "%.2f GB", $NF / 1048576}')
    seconds=$(python3 -c "import json; print(json.load(open('$OUT/$name/manifest.json'))['hyper_parameters']['training_seconds'])")
    echo "round $round $name: wall $wall, training $seconds s, peak RSS $rss"
  done
done
