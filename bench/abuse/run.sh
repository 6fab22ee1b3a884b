#!/usr/bin/env bash
# Bounded abuse probes (issue 10): starts the Release server on a free loopback port, sends a fixed amount of hostile
# traffic through bench/SessionRec.Abuse and prints one line per figure: poisoning share, forged-feedback movement,
# memory growth, p99 under slow uploads, 5xx across a fuzz; then restarts it with Sessions__MaxActive=50000 for the
# cap. Loopback only; stops only the server processes it started, by PID. About 5 minutes on 2 cores.
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
  env "$@" dotnet "$server_dll" --urls "http://127.0.0.1:$port" >"${TMPDIR:-/tmp}/sessionrec-abuse-$port.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && return 0
    sleep 0.5
  done
  echo "the server did not come up; see ${TMPDIR:-/tmp}/sessionrec-abuse-$port.log" >&2
  exit 1
}

start_server
timeout 900 dotnet "$abuse_dll" main "http://127.0.0.1:$port" "$server"
stop_server

start_server Sessions__MaxActive=50000
timeout 300 dotnet "$abuse_dll" maxactive "http://127.0.0.1:$port"
stop_server
