#!/usr/bin/env bash
# End-to-end checks of a live DuckDB service (isa.duckdb.DuckDBService).
#   GRPC_ENDPOINT=host:port bash tests/duckdb_grpc_test.sh     (default localhost:50052)
# Runs the e2e-client jar (built here first if missing): one line PASS/FAIL/SKIP per check, then
# Passed/Failed/Skipped counts. RPCs the server answers UNIMPLEMENTED are SKIP; exit 1 on any FAIL.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
endpoint="${GRPC_ENDPOINT:-localhost:50052}"
jar="$repo/e2e-client/target/e2e-client.jar"

if [[ ! -f "$jar" ]]; then
    echo "Building the e2e client (mvn -B -q -DskipTests package -pl e2e-client -am)"
    (cd "$repo" && mvn -B -q -DskipTests package -pl e2e-client -am)
fi

exec java -jar "$jar" "$endpoint"
