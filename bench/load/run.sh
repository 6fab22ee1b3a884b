#!/usr/bin/env bash
# Load test of the embedded service: starts it on a free loopback port (Release), warms it up, drives mixed
# click/recommend traffic with wrk for DURATION seconds at CONNECTIONS connections, prints wrk's figures and the
# service's own /api/v1/metrics, then stops the service it started. Needs wrk (Debian package). The per-address rate
# limit is lifted for the run (one wrk client is one address); the per-session limit stays as configured.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${DURATION:-30}"
CONNECTIONS="${CONNECTIONS:-16}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet build -c Release src/SessionRec.Server >/dev/null
server_dll=$(dotnet msbuild src/SessionRec.Server -getProperty:TargetPath -p:Configuration=Release)
log="${TMPDIR:-/tmp}/sessionrec-load-$port.log"
# wrk sends ~20k requests/s from one address: lift the per-address limit (per session, 10,000 sessions stay far below
# it). The server runs from its dll, not through `dotnet run`, so the PID we stop is the server's own.
echo "server on 127.0.0.1:$port with RateLimits__Public__PermitsPerSecond=1000000 RateLimits__Public__Burst=1000000 (per-session limit as shipped)"
RateLimits__Public__PermitsPerSecond=1000000 RateLimits__Public__Burst=1000000 \
  dotnet "$server_dll" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
ready=""
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/ready" >/dev/null && { ready=1; break; }
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
[ -n "$ready" ] || { echo "the server did not become ready; see $log" >&2; exit 1; }

wrk -t2 -c"$CONNECTIONS" -d5s -s bench/load/mixed.lua "http://127.0.0.1:$port" >/dev/null   # warm-up (JIT, tiering)
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/load/mixed.lua "http://127.0.0.1:$port"
echo "service metrics:"
curl -s "http://127.0.0.1:$port/api/v1/metrics"
echo
