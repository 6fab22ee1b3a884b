#!/usr/bin/env bash
# Session-kNN learning online, measured by replay: splits yoochoose-100k train_full.txt by session start time, trains
# V-SKNN on the first half only, then serves it twice, online learning off and on (Knn:Online:MaxSessions), and each
# time replays the second half and then test.txt, in time order, through the HTTP API with `sessionrec simulate`
# (recommend, feedback, click; HR@20 and MRR@20 of the predictions after each session's first click). Sessions expire
# after Sessions:Ttl (5 s here, so that replayed sessions end while the replay runs) and, with online learning on,
# the model is rebuilt from the ended sessions every Knn:Online:Interval (10 s). The catalog lists every item of the
# data, as a shop's catalog would: items launched after the first half can be clicked and learned. Stops only the
# servers it started, by PID. OUT keeps the files (default: a temp dir).
# Then, from the simulator's traces: for items first clicked in the replayed part (the base model never saw them), how
# soon after that first click the model (strategy "model", not cold start; in another session than the one that
# clicked it) first recommends them, in replay clicks and seconds of the replay's clock.
set -euo pipefail
source "$(dirname "$0")/../quality/serve-and-replay.sh"
setup
D="$DATA"
python3 - "$D" "$OUT" <<'PY'
import csv, sys
data, out = sys.argv[1:3]
rows = list(csv.reader(open(f"{data}/train_full.txt"), delimiter="\t"))
header, rows = rows[0], rows[1:]
start = {}
for s, _, t in rows:
    start[s] = min(start.get(s, float("inf")), float(t))
cut = sorted(start.values())[len(start) // 2]
for name, keep in (("first-half", lambda s: start[s] < cut), ("second-half", lambda s: start[s] >= cut)):
    part = sorted((r for r in rows if keep(r[0])), key=lambda r: (start[r[0]], r[0], float(r[2])))
    with open(f"{out}/{name}.txt", "w") as f:
        f.write("\t".join(header) + "\n")
        f.writelines("\t".join(r) + "\n" for r in part)
items = {r[1] for r in rows} | {r[1] for r in list(csv.reader(open(f"{data}/test.txt"), delimiter="\t"))[1:]}
with open(f"{out}/catalog.csv", "w") as f:
    f.write("item_id,name,category\n")
    f.writelines(f"{i},item {i},c\n" for i in sorted(items))
print(f"split at {cut}: {sum(1 for s in start.values() if s < cut)} sessions before, {sum(1 for s in start.values() if s >= cut)} after; {len(items)} catalog items")
PY
[ -f "$OUT/first-half-vsknn/manifest.json" ] || "$CLI" train --data "$OUT/first-half.txt" --format sessions --model vsknn --out "$OUT/first-half-vsknn" >/dev/null

run() {
  local label="$1" max="$2" port server
  port=$(free_port)
  (cd "$SERVER_DIR" && exec env Model__Path="$OUT/first-half-vsknn" Catalog__Path="$OUT/catalog.csv" Recommendations__ExcludeSeen=false \
    "${LIFTED_LIMITS[@]}" Sessions__Ttl=00:00:05 Knn__Online__MaxSessions="$max" Knn__Online__Interval=00:00:10 \
    ./SessionRec.Server --urls "http://127.0.0.1:$port" >"$OUT/$label.server.log" 2>&1) &
  server=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break; sleep 0.5; done
  for part in second-half test; do
    local data="$OUT/$part.txt"; [ "$part" = test ] && data="$D/test.txt"
    "$CLI" simulate --url "http://127.0.0.1:$port" --data "$data" --format sessions --rate 0 --concurrency 4 --k 20 --json \
      --trace "$OUT/$label.$part.trace" >"$OUT/$label.$part.json"
  done
  curl -s "http://127.0.0.1:$port/api/v1/model" >"$OUT/$label.model.json"
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
run off 0
run on 100000
python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
print("| online learning | replayed | predictions | HR@20 | MRR@20 | errors | model version at the end |")
print("|---|---|---|---|---|---|---|")
for label in ("off", "on"):
    version = json.load(open(f"{out}/{label}.model.json")).get("model_version")
    for part in ("second-half", "test"):
        r = json.load(open(f"{out}/{label}.{part}.json"))
        a = r["after_first_click"]
        print(f"| {label} | {part} | {a['predictions']} | {a['hr@20']:.4f} | {a['mrr@20']:.4f} | {r['errors']} | {version} |")
PY
python3 - "$OUT" <<'PY'
import csv, sys
out = sys.argv[1]
def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else float("nan")
known = {r[1] for r in list(csv.reader(open(f"{out}/first-half.txt"), delimiter="\t"))[1:]}
print()
print("| online learning | replayed | items first clicked there | recommended by the model | later clicks until then p25 / p50 / p75 / p90 | seconds p25 / p50 / p75 / p90 |")
print("|---|---|---|---|---|---|")
for label in ("off", "on"):
    seen = set(known)
    for part in ("second-half", "test"):
        first, soon = {}, {}
        for line in open(f"{out}/{label}.{part}.trace"):
            f = line.rstrip("\n").split("\t")
            n, t, kind = int(f[0]), int(f[1]), f[2]
            if kind == "c" and f[3] not in seen:
                seen.add(f[3])
                first[f[3]] = (n, t)
            elif kind == "r" and f[3] == "model":
                for item in f[4:]:
                    if item in first and item not in soon:
                        soon[item] = (n - first[item][0], (t - first[item][1]) / 1000)
        clicks = [c for c, _ in soon.values()]
        secs = [s for _, s in soon.values()]
        q = lambda xs, fmt: " / ".join(fmt.format(pct(xs, p)) for p in (0.25, 0.5, 0.75, 0.9)) if xs else "–"
        share = f"{len(soon)} ({100 * len(soon) / len(first):.1f} %)" if first else "0"
        print(f"| {label} | {part} | {len(first)} | {share} | {q(clicks, '{:.0f}')} | {q(secs, '{:.1f}')} |")
PY
