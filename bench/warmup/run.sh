#!/usr/bin/env bash
# The first visitor's /recommend latency as the service records it (the dashboard's p99 after one request), with
# the start-up warm-up off and on: RUNS servers each (default 3), Release build, free loopback ports. Kills only
# the servers it started, by PID.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${RUNS:-3}"
dotnet build -c Release "$ROOT/src/SessionRec.Server" >/dev/null
SERVER_DIR="$ROOT/src/SessionRec.Server/bin/Release/net10.0"
LOG="$(mktemp)"

first_request_ms() {
  local warmup="$1" port server
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  (cd "$SERVER_DIR" && exec env Hosting__WarmUp="$warmup" ./SessionRec.Server --urls "http://127.0.0.1:$port" >"$LOG" 2>&1) &
  server=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
  sleep 3 # the warm-up call runs right after start; give both modes the same quiet time
  local base="http://127.0.0.1:$port/api/v1"
  curl -fs "$base/click" -H 'Content-Type: application/json' -d '{"session_id":"w1","item_id":"P00001"}' >/dev/null
  curl -fs "$base/recommend" -H 'Content-Type: application/json' -d '{"session_id":"w1","k":10}' >/dev/null
  curl -fs "$base/metrics" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p99_latency_ms"])'
  kill "$server"
  wait "$server" 2>/dev/null || true
}

echo "| warm-up | first /recommend, server-side ms (one per run) |"
echo "|---|---|"
for warmup in false true; do
  values=()
  for _ in $(seq 1 "$RUNS"); do values+=("$(first_request_ms "$warmup")"); done
  echo "| $warmup | ${values[*]} |"
done
rm -f "$LOG"
