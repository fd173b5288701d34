#!/usr/bin/env bash
# The fault suite of issue 13 (README, "Fault suite"): the built service jar as separate processes on loopback,
# S3Proxy on loopback, Consul's fake agent as its own process (or the agent CONSUL_HTTP_ADDR names), writers that
# record every acknowledged insert; one line per scenario, exit 1 when a scenario's expectation failed.
#   bash tests/faults/run.sh [scenario,scenario…]      (default: all; names as printed)
# Builds the service and bench jars if missing. Every scenario has its own timeout; the whole suite takes ~7 min on a loaded 2-core machine.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
service_jar="$repo/bootstrap/target/duckdb-service.jar"
bench_jar="$repo/bench/target/bench.jar"
if [[ ! -f "$service_jar" || ! -f "$bench_jar" ]]; then
    echo "== building the service and bench jars (mvn -B -q -DskipTests package -pl bootstrap,bench -am)"
    (cd "$repo" && mvn -B -q -DskipTests package -pl bootstrap,bench -am)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/duckdb-faults.XXXXXX")"
cleanup() {
    local status=$?
    if ((status != 0)); then
        for log in "$work"/*/*.log; do
            if [[ -f "$log" ]] && grep -qE " (WARN|ERROR) " "$log"; then
                echo "== ${log#"$work"/}: last warnings and errors"
                grep -E " (WARN|ERROR) " "$log" | grep -v slow_query | tail -n 8
            fi
        done
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

args=(--service-jar "$service_jar" --work "$work")
if [[ -n "${1:-}" ]]; then args+=(--only "$1"); fi
# The whole suite is bounded even if a scenario's own timeout could not stop it.
timeout --signal=TERM --kill-after=30 1800 java -Xmx512m -cp "$bench_jar" isa.duckdb.bench.FaultSuite "${args[@]}"
