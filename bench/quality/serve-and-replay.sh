# Sourced by the bench/quality scripts: serve a model directory on a free loopback port with the Release server and
# replay a click log through the HTTP API with `sessionrec simulate`. Only servers started here are stopped, by PID.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CLI="$ROOT/src/SessionRec.Cli/bin/Release/net10.0/sessionrec"
SERVER_DIR="$ROOT/src/SessionRec.Server/bin/Release/net10.0"

# setup: DATA (default ../shared/data/yoochoose-100k next to the repo), OUT (default a temp dir), Release builds.
setup() {
  DATA="${DATA:-$ROOT/../shared/data/yoochoose-100k}"
  OUT="${OUT:-$(mktemp -d)}"
  mkdir -p "$OUT"
  dotnet build -c Release "$ROOT/src/SessionRec.Cli" >/dev/null
  dotnet build -c Release "$ROOT/src/SessionRec.Server" >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# The replay comes from one loopback address as fast as it can: the per-address and per-session rate limits, the
# per-address learning budget and the per-address item ledger (which would stop trending and the bandit learning from
# it) are lifted, so every visitor of the log is served and learned from as if it came from its own address.
LIFTED_LIMITS=(
  RateLimits__Public__PermitsPerSecond=1000000 RateLimits__Public__Burst=1000000
  RateLimits__PerSession__PermitsPerSecond=1000000 RateLimits__PerSession__Burst=1000000
  Learning__MaxPerSourcePerMinute=0 Learning__MaxItemsPerSource=0
)

# replay MODEL_DIR TEST_FILE OUT_JSON [KEY=VALUE server settings...]: prints nothing, writes simulate --json output.
replay() {
  local model="$1" test="$2" out="$3"
  shift 3
  local port
  port=$(free_port)
  (cd "$SERVER_DIR" && exec env Model__Path="$model" Recommendations__ExcludeSeen=false "${LIFTED_LIMITS[@]}" "$@" \
    ./SessionRec.Server --urls "http://127.0.0.1:$port" >"$out.server.log" 2>&1) &
  local server=$!
  local up=0
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null; then up=1; break; fi
    sleep 0.5
  done
  if [ "$up" != 1 ]; then
    kill "$server" 2>/dev/null || true
    echo "server for $model did not come up; see $out.server.log" >&2
    return 1
  fi
  # rate 0: no pacing; sessions are still replayed click by click (recommend, feedback, click).
  "$CLI" simulate --url "http://127.0.0.1:$port" --data "$test" --format sessions --rate 0 --concurrency 4 --k 20 --json >"$out" \
    || { kill "$server" 2>/dev/null || true; return 1; }
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}

# row LABEL CONFIG JSON: one Markdown table row from a simulate --json file.
row() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
label, config, path = sys.argv[1:4]
r = json.load(open(path))
k = r["k"]
def f(g): return f'{r[g][f"hr@{k}"]:.4f} / {r[g][f"mrr@{k}"]:.4f}'
print(f'| {label} | {config} | {r["after_first_click"]["predictions"]} | **{f("after_first_click")}** | {f("after_one_click")} | {f("repeat_targets")} | {f("new_targets")} | {f("all")} | {r["errors"]} |')
PY
}

header() {
  echo "| model | configuration | predictions | after first click HR@20 / MRR@20 | after one click | repeat targets | new targets | every click (first click: cold start) | errors |"
  echo "|---|---|---|---|---|---|---|---|---|"
}
