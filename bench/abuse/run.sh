#!/usr/bin/env bash
# Bounded abuse probes (issue 10): starts the Release server on a free loopback port three times, sends a fixed amount
# of hostile traffic through bench/SessionRec.Abuse and prints one line per figure:
#   1. shipped defaults: poisoning, sybil rounds and forged feedback (what the defaults defend), one client's flood
#      against the per-address rate limit;
#   2. per-address and per-session rate limits lifted, because one loopback address stands in for many clients:
#      poisoning and forged feedback again (the learning defences without the limiter), memory, slow uploads, fuzz;
#   3. rate limits lifted, per-address learning budget and item ledger off, Sessions__MaxActive=50000: poisoning
#      against the per-session ledger alone, then the session cap.
# Waits on /ready. Loopback only; stops only the server processes it started, by PID. About 5 minutes on 2 cores.
# `run.sh memory` runs only the memory probe, on a fresh server with the limits of phase 2 lifted (about 2 minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
server=""
stop_server() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
trap stop_server EXIT

dotnet build -c Release src/SessionRec.Server >/dev/null
dotnet build -c Release bench/SessionRec.Abuse >/dev/null
server_dll=$(dotnet msbuild src/SessionRec.Server -getProperty:TargetPath -p:Configuration=Release)
abuse_dll=$(dotnet msbuild bench/SessionRec.Abuse -getProperty:TargetPath -p:Configuration=Release)

start_server() {   # env assignments for the server, if any, come as arguments
  port=$(free_port)
  echo "== server on 127.0.0.1:$port with ${*:-the shipped defaults (no settings overridden)}"
  env "$@" dotnet "$server_dll" --urls "http://127.0.0.1:$port" >"${TMPDIR:-/tmp}/sessionrec-abuse-$port.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/ready" >/dev/null && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.5
  done
  echo "the server did not become ready; see ${TMPDIR:-/tmp}/sessionrec-abuse-$port.log" >&2
  exit 1
}

# One loopback address stands in for many clients: lift the per-address and per-session token buckets.
lifted=(RateLimits__Public__PermitsPerSecond=1000000 RateLimits__Public__Burst=1000000
        RateLimits__PerSession__PermitsPerSecond=1000000 RateLimits__PerSession__Burst=1000000)

if [ "${1:-}" = memory ]; then
  start_server "${lifted[@]}"
  echo "   (rate limits lifted, the memory probe alone on a fresh server)"
  timeout 600 dotnet "$abuse_dll" memory "http://127.0.0.1:$port" "$server"
  exit 0
fi

start_server
timeout 600 dotnet "$abuse_dll" defaults "http://127.0.0.1:$port"
stop_server

start_server "${lifted[@]}"
echo "   (rate limits lifted: the figures below measure the learning defences and the store bounds, not the limiter)"
timeout 900 dotnet "$abuse_dll" lifted "http://127.0.0.1:$port" "$server"
stop_server

start_server "${lifted[@]}" Learning__MaxPerSourcePerMinute=0 Learning__MaxItemsPerSource=0 Sessions__MaxActive=50000
echo "   (rate limits lifted, the per-address learning budget and item ledger off)"
timeout 300 dotnet "$abuse_dll" ledger "http://127.0.0.1:$port"
stop_server
