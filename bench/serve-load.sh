#!/usr/bin/env bash
# Load benchmark of callflow-server on loopback (a benchmark, not a test): wrk against
#   1. GET /health                    (the floor: HTTP and routing only)
#   2. POST /voice/helpdesk           (a new call of the help desk: a session, a lookup-free start, TwiML)
#   3. POST /call/input?s=TOKEN       (a mid-call step: a digit at the main menu)
# Usage: bench/serve-load.sh [seconds per run, default 10] [connections, default 64]
# Needs wrk (apt-get install wrk). Builds the release server first; CONFIG=debug uses the debug
# binaries as they are (no build); SERVER_BIN=PATH a given server binary.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
CONNECTIONS=${2:-64}
# wrk's threads: 2, one per core, as the server's event loops (one per core, NIO's default;
# NIO_SINGLETON_GROUP_LOOP_COUNT=N sets them). Fewer on either side measured slower on this
# 2-core machine (docs/performance.md). WRK_THREADS=N to try others.
THREADS=${WRK_THREADS:-2}
PORT=${PORT:-18080}
command -v wrk >/dev/null || { echo "serve-load: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

CONFIG=${CONFIG:-release}
# SERVER_BIN=PATH measures that binary as it is (no build), e.g. to compare two builds.
if [ -z "${SERVER_BIN:-}" ] && [ "$CONFIG" = release ]; then swift build -c release --product callflow-server >/dev/null; fi
SERVER_BIN=${SERVER_BIN:-.build/$CONFIG/callflow-server}
COMPILER=.build/debug/callflow
[ -x "$COMPILER" ] || { swift build --product callflow >/dev/null; }
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
# The help desk without its CRM lookup at the start would not be the help desk: the new-call
# webhook answers a platinum caller (no lookup: the start rule queues the call), and the mid-call
# step is a digit at the main menu of a call whose lookup is unconfigured (an error result, no I/O):
# `1`, the ticket entry (a Gather again). Not a key that queues the call: that stores a newer
# token, and every repeat of the same action URL would find the call queued (a fallback answer).
"$COMPILER" compile flows/helpdesk.yaml -o "$WORK/helpdesk.cft" >/dev/null
export CALLFLOW_SESSION_KEY=bench-session-key-0123456789abcdef
unset TWILIO_AUTH_TOKEN
LOG_LEVEL=critical "$SERVER_BIN" --tables "$WORK" --port "$PORT" --public-url "http://127.0.0.1:$PORT" \
    --spool "$WORK/outbox" --test-clock &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done

BODY='CallSid=CA0123456789abcdef0123456789abcdef&From=%2B4930123456&To=%2B49305550100&AccountSid=AC1&CallStatus=ringing'
# A call at the main menu (Tuesday 10:00: the desk is open): its Gather action URL.
ACTION=$(curl -fs -X POST -H 'X-Callflow-Clock: 2026-11-24T10:00' --data "$BODY" "http://127.0.0.1:$PORT/voice/helpdesk" \
    | sed -n 's/.*<Gather[^>]* action="\([^"]*\)".*/\1/p' | sed 's/&amp;/\&/g')
[ -n "$ACTION" ] || { echo "serve-load: no Gather action in the new-call answer" >&2; exit 1; }

cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = "$BODY&Digits=1"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["X-Callflow-Clock"] = "2026-11-24T10:00"
LUA
cat > "$WORK/newcall.lua" <<LUA
wrk.method = "POST"
wrk.body = "$BODY"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["X-Callflow-Clock"] = "2026-11-24T10:00"
LUA

# The server's CPU time (user + system, clock ticks) from /proc: per request it is steadier than
# req/s on a shared machine, where the other processes decide how much of the cores wrk and the
# server get.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat" 2>/dev/null || echo 0; }
TICK=$(getconf CLK_TCK)

run() { # name, url, [script]
    local out c0 c1
    c0=$(cpu_ticks)
    if [ -n "${3:-}" ]; then
        out=$(wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s --latency -s "$3" "$2")
    else
        out=$(wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s --latency "$2")
    fi
    c1=$(cpu_ticks)
    local rps p50 p99 errors requests cpu
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1=="50%" {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {print $2}')
    errors=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    cpu=$(awk -v c=$((c1 - c0)) -v r="${requests:-0}" -v t="$TICK" 'BEGIN { if (r > 0) printf "%.0f", c / t * 1e6 / r; else print "?" }')
    printf '%-22s %10s req/s   p50 %8s   p99 %8s   server CPU %4s us/req   non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "$cpu" "${errors:-0}"
    echo "$rps" > "$WORK/$1.rps"
}
echo "callflow-server ($CONFIG) on loopback: $CONNECTIONS connections, $THREADS wrk threads, ${SECONDS_PER_RUN}s each"
run health "http://127.0.0.1:$PORT/health"
run new-call "http://127.0.0.1:$PORT/voice/helpdesk?caller.tier=platinum" "$WORK/newcall.lua"
run mid-call-gather "$ACTION" "$WORK/post.lua"
awk -v h="$(cat "$WORK/health.rps")" -v n="$(cat "$WORK/new-call.rps")" -v m="$(cat "$WORK/mid-call-gather.rps")" \
    'BEGIN { printf "new-call / health: %.2f   mid-call / health: %.2f   (goal: new-call >= 0.5)\n", n / h, m / h }'
