#!/usr/bin/env bash
# Cold start through the real HTTP API: one model (VMIS-kNN on train_full, defaults) served with
# ColdStart:MinClicksForModel 2 (the old default) and 1, and with 0/2/5 bandit-chosen trending items blended into
# the tail of one-click sessions' lists; test.txt replayed with `sessionrec simulate --k 20` for each.
# DATA (default ../shared/data/yoochoose-100k), OUT (default a temp dir).
set -euo pipefail
source "$(dirname "$0")/serve-and-replay.sh"
setup
"$CLI" train --data "$DATA/train_full.txt" --format sessions --out "$OUT/vmisknn" >"$OUT/vmisknn.train.log"

header
for config in "MinClicksForModel=2" "MinClicksForModel=1" "MinClicksForModel=1 BlendSlots=2" "MinClicksForModel=1 BlendSlots=5"; do
  settings=()
  for kv in $config; do settings+=("ColdStart__$kv"); done
  name=$(echo "$config" | tr ' =' '_-')
  replay "$OUT/vmisknn" "$DATA/test.txt" "$OUT/$name.json" "${settings[@]}"
  row "VMIS-kNN (train_full)" "\`$config\`" "$OUT/$name.json"
done
echo "(files in $OUT)"
