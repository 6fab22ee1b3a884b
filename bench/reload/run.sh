#!/usr/bin/env bash
# Hot reload under load: starts the Release server on a free loopback port serving a V-SKNN directory, drives mixed
# click/recommend traffic with wrk for DURATION seconds and meanwhile reloads RELOADS times, alternating a SASRec and
# the V-SKNN directory (POST /api/v1/admin/model/reload). Prints wrk's figures (non-2xx, max latency), each reload's
# answer, and the server's resident memory before the run, after it and after IDLE more seconds. Both models are
# trained on yoochoose-100k train_tr.txt into MODELS (kept and reused; SASRec with a short SASREC_BUDGET: this
# measures serving, not quality). Stops only the server it started, by PID. Needs wrk (Debian package). With
# dotnet-gcdump on PATH (or GCDUMP=path; `dotnet tool install --tool-path DIR dotnet-gcdump`), each memory reading
# also follows a full blocking GC that tool induces, so it shows what is still referenced rather than what the GC
# has not got round to collecting.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${DURATION:-30}"
RELOADS="${RELOADS:-10}"
CONNECTIONS="${CONNECTIONS:-16}"
IDLE="${IDLE:-10}"
DATA="${DATA:-../shared/data/yoochoose-100k}"
MODELS="${MODELS:-${TMPDIR:-/tmp}/sessionrec-reload-models}"
SASREC_BUDGET="${SASREC_BUDGET:-60}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

dotnet build -c Release src/SessionRec.Cli >/dev/null
dotnet build -c Release src/SessionRec.Server >/dev/null
cli_dll=$(dotnet msbuild src/SessionRec.Cli -getProperty:TargetPath -p:Configuration=Release)
server_dll=$(dotnet msbuild src/SessionRec.Server -getProperty:TargetPath -p:Configuration=Release)
if [ ! -f "$MODELS/vsknn/manifest.json" ]; then
  dotnet "$cli_dll" train --data "$DATA/train_tr.txt" --format sessions --model vsknn --out "$MODELS/vsknn" >/dev/null
fi
if [ ! -f "$MODELS/sasrec/manifest.json" ]; then
  dotnet "$cli_dll" train --data "$DATA/train_tr.txt" --format sessions --model sasrec --validation "$DATA/train_valid.txt" \
    --time-budget "$SASREC_BUDGET" --threads 1 --seed 1 --out "$MODELS/sasrec" >/dev/null
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
log="${TMPDIR:-/tmp}/sessionrec-reload-$port.log"
echo "server on 127.0.0.1:$port serving $MODELS/vsknn with RateLimits__Public__PermitsPerSecond/Burst and RateLimits__Admin__PermitsPerSecond/Burst=1000000 (per-session limit as shipped)"
Model__Path="$MODELS/vsknn" \
RateLimits__Public__PermitsPerSecond=1000000 RateLimits__Public__Burst=1000000 \
RateLimits__Admin__PermitsPerSecond=1000000 RateLimits__Admin__Burst=1000000 \
  dotnet "$server_dll" --urls "$url" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
ready=""
for _ in $(seq 1 240); do
  curl -sf "$url/ready" >/dev/null && { ready=1; break; }
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
[ -n "$ready" ] || { echo "the server did not become ready; see $log" >&2; exit 1; }
rss() { awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$server/status"; }
GCDUMP="${GCDUMP:-$(command -v dotnet-gcdump || true)}"
# Induces a full GC (collecting a heap dump does) and reports the managed heap it found.
full_gc() {
  [ -n "$GCDUMP" ] || return 0
  local dump="${TMPDIR:-/tmp}/sessionrec-reload-$port.gcdump"
  "$GCDUMP" collect -p "$server" -o "$dump" >/dev/null 2>&1 || { echo "(dotnet-gcdump failed)"; return 0; }
  echo "managed heap after a full GC: $("$GCDUMP" report "$dump" 2>/dev/null | awk '{gsub(",","",$1)} $1 ~ /^[0-9]+$/ {s+=$1} END {printf "%.1f MB", s/1048576}'), RSS $(rss)"
  rm -f "$dump"
}
reload() { curl -s -o /dev/stderr -w '%{http_code}' -X POST "$url/api/v1/admin/model/reload" -H 'Content-Type: application/json' -d "{\"path\":\"$1\"}"; }

# Warm-up: JIT and tiering of both models' paths, so "before" holds what steady serving holds.
wrk -t2 -c"$CONNECTIONS" -d5s -s bench/reload/mixed.lua "$url" -- "$MODELS/vsknn/items.txt" >/dev/null
reload "$MODELS/sasrec" 2>/dev/null >/dev/null
wrk -t2 -c"$CONNECTIONS" -d5s -s bench/reload/mixed.lua "$url" -- "$MODELS/vsknn/items.txt" >/dev/null
reload "$MODELS/vsknn" 2>/dev/null >/dev/null
sleep "$IDLE"
echo "RSS before: $(rss)"
full_gc

wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/reload/mixed.lua "$url" -- "$MODELS/vsknn/items.txt" >"$log.wrk" &
load=$!
gap=$(python3 -c "print($DURATION / ($RELOADS + 1))")
for i in $(seq 1 "$RELOADS"); do
  sleep "$gap"
  dir="$MODELS/vsknn"; [ $((i % 2)) -eq 1 ] && dir="$MODELS/sasrec"
  status=$(reload "$dir" 2>"$log.reload")
  echo "reload $i -> $(basename "$dir"): HTTP $status $(cat "$log.reload")"
done
wait $load
cat "$log.wrk"
echo "RSS right after: $(rss)"
sleep "$IDLE"
echo "RSS after ${IDLE} s idle: $(rss)"
full_gc
echo "model: $(curl -s "$url/api/v1/model")"
echo "service metrics: $(curl -s "$url/api/v1/metrics")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
