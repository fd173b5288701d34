#!/usr/bin/env bash
# End-to-end checks of a live DuckDB service (isa.duckdb.DuckDBService).
#   GRPC_ENDPOINT=host:port bash tests/duckdb_grpc_test.sh [--tls-ca FILE] [--token TOKEN] [host:port]
# The endpoint defaults to GRPC_ENDPOINT, then localhost:50052; --tls-ca (or DUCKDB_TLS_CA) makes it speak TLS
# trusting that CA; --token (or DUCKDB_TOKEN) sends 'authorization: Bearer TOKEN' with every call.
# Runs the e2e-client jar (built here first if missing): one line PASS/FAIL/SKIP per check, then
# Passed/Failed/Skipped counts; exit 1 on any FAIL.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
jar="$repo/e2e-client/target/e2e-client.jar"

if [[ ! -f "$jar" ]]; then
    echo "Building the e2e client (mvn -B -q -DskipTests package -pl e2e-client -am)"
    (cd "$repo" && mvn -B -q -DskipTests package -pl e2e-client -am)
fi

exec java -jar "$jar" "$@"
