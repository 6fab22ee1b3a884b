#!/usr/bin/env bash
# A/B arms against offline evaluation: trains V-SKNN and popularity on yoochoose-100k train_full.txt, evaluates each
# offline on test.txt (next-item, seen items kept, HR@10), then serves both as experiment arms (50/50 by the keyed
# session hash) with the Release server and replays test.txt through the HTTP API with `sessionrec simulate`
# (recommend, feedback, click for every click). Prints each arm's online Hit Rate@10 on the recommendations its model
# made (cold starts of first clicks left out, as offline) beside the offline figure. Each arm sees about half the
# sessions, so the two differ by sampling as well (about half a point for these sizes). Stops only the server it
# started, by PID. OUT keeps the models and outputs (default: a temp dir).
set -euo pipefail
source "$(dirname "$0")/../quality/serve-and-replay.sh"
setup
D="$DATA"
for kind in vsknn popularity; do
  [ -f "$OUT/$kind/manifest.json" ] || "$CLI" train --data "$D/train_full.txt" --format sessions --model "$kind" --out "$OUT/$kind" >/dev/null
  "$CLI" evaluate --model "$OUT/$kind" --data "$D/test.txt" --format sessions --protocol next-item --k 10 --exclude-seen false --json >"$OUT/$kind.offline.json"
done

port=$(free_port)
(cd "$SERVER_DIR" && exec env Recommendations__ExcludeSeen=false ColdStart__MinClicksForModel=1 "${LIFTED_LIMITS[@]}" \
  Privacy__SessionIdSecret=ab-replay-fixed-secret-0001 \
  Experiments__Arms__0__Name=vsknn Experiments__Arms__0__Model__Path="$OUT/vsknn" Experiments__Arms__0__Weight=1 \
  Experiments__Arms__1__Name=popularity Experiments__Arms__1__Model__Path="$OUT/popularity" Experiments__Arms__1__Weight=1 \
  ./SessionRec.Server --urls "http://127.0.0.1:$port" >"$OUT/server.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/ready" >/dev/null && break; sleep 0.5; done
"$CLI" simulate --url "http://127.0.0.1:$port" --data "$D/test.txt" --format sessions --rate 0 --concurrency 4 --k 10 --json >"$OUT/simulate.json"
curl -s "http://127.0.0.1:$port/api/v1/metrics" >"$OUT/metrics.json"
python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
metrics = json.load(open(f"{out}/metrics.json"))
print("| arm | share | requests | cold-start % | model recommendations resolved | online HR@10 (model's) | offline HR@10 (all of test.txt) | difference (points) |")
print("|---|---|---|---|---|---|---|---|")
for arm in metrics["arms"]:
    offline = json.load(open(f"{out}/{arm['name']}.offline.json"))
    def walk(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if isinstance(v, (int, float)) and k.lower() in ("hr@10",):
                    yield v
                yield from walk(v)
        elif isinstance(o, list):
            for v in o:
                yield from walk(v)
    hr = next(walk(offline)) * 100
    online = arm["model_hit_rate_at_10"]
    print(f"| {arm['name']} | {arm['weight']:.2f} | {arm['requests']} | {arm['coldstart_percentage']:.1f} | {arm['model_resolved_recommendations']} | {online:.2f} % | {hr:.2f} % | {online - hr:+.2f} |")
vs = metrics["arms"][1]["vs_control"]
print(f"popularity vs vsknn, all resolved recommendations: {vs['difference_points']:+.2f} points, 95 % CI [{vs['ci95_low']:.2f}, {vs['ci95_high']:.2f}], significant: {vs['significant']}")
PY
