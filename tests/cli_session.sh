#!/usr/bin/env bash
# The README's command-line session against a live service, with the built jar (cli/target/duckdb-cli.jar):
# create a database, import a generated 50 MB CSV (progress lines on stderr), list, query in three formats,
# export, list and cancel a long query from a second client, drop. Fails on the first unexpected answer.
#   DUCKDB_CLI_ENDPOINT=127.0.0.1:50052 bash tests/cli_session.sh
set -euo pipefail
cd "$(dirname "$0")/.."

jar=cli/target/duckdb-cli.jar
[[ -f "$jar" ]] || mvn -B -q -DskipTests package -pl cli -am
export DUCKDB_CLI_ENDPOINT="${DUCKDB_CLI_ENDPOINT:-localhost:50052}"
export DUCKDB_CLI_USER=cli_session_user
export DUCKDB_CLI_DATABASE="session_$$_$RANDOM"
cli() { java -jar "$jar" "$@"; }

work="$(mktemp -d)"
trap 'cli drop "$DUCKDB_CLI_DATABASE" --purge --force >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
python3 - "$work/orders.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,customer,amount\n")
    i, size = 0, 0
    while size < 50 * 1024 * 1024:
        line = f"{i},customer-{i % 5000},{(i % 100000) / 4}\n"
        f.write(line); size += len(line); i += 1
PY

set -x
cli create "$DUCKDB_CLI_DATABASE"
cli databases
cli import "$work/orders.csv" --table orders
cli tables
cli query "SELECT customer, count(*) AS orders, sum(amount) AS total FROM orders GROUP BY customer ORDER BY total DESC LIMIT 5"
cli query --format csv --param min=10 --param max=12 "SELECT id, customer, amount FROM orders WHERE id BETWEEN \$min AND \$max ORDER BY id"
cli query --format json "SELECT id, amount FROM orders WHERE id = 3"
cli export "SELECT * FROM orders WHERE amount > 24000" --to cli-exports/large-orders.csv --overwrite
set +x

# A long query in the background, listed and cancelled from a second client: it must end with exit code 9.
cli query "SELECT count(*) FROM range(1000000) a, range(1000000) b" >"$work/long.out" 2>&1 &
long=$!
id=""
for ((i = 0; i < 60; i++)); do
    id="$(cli queries | awk -v db="$DUCKDB_CLI_DATABASE" '$5 == db && $7 == "ExecuteQueryStream" {print $1; exit}')"
    [[ -n "$id" ]] && break
    sleep 0.5
done
[[ -n "$id" ]] || { echo "the long query was never listed"; exit 1; }
cli queries
cli cancel "$id"
status=0
wait "$long" || status=$?
cat "$work/long.out"
[[ $status -eq 9 ]] || { echo "the cancelled query exited with $status, expected 9 (CANCELLED)"; exit 1; }

set -x
cli drop "$DUCKDB_CLI_DATABASE" --purge
set +x
echo "CLI session completed"
