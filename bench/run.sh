#!/usr/bin/env bash
# The side-by-side benchmark of issue 11: the service against PostgreSQL and in-process DuckDB.
#   bash bench/run.sh [rows] [s3-megabytes]        (defaults 2000000 and 1024; s3-megabytes 0 skips that part)
# Environment: BENCH_REPEATS (3 interleaved rounds), BENCH_WARMUP (1 unmeasured round first), BENCH_SECONDS (3 s per rate measurement),
# BENCH_SERVICE_XMX (256m), BENCH_HEAP_MB (size of the heap-probe stream; default ten times the -Xmx).
# Installs PostgreSQL from Debian if missing, runs a private cluster on loopback in a temporary
# folder (removed at the end), builds the jars if missing, then runs bench/target/bench.jar.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-2000000}"
s3_mb="${2:-1024}"
repeats="${BENCH_REPEATS:-3}"
warmup="${BENCH_WARMUP:-1}"
seconds="${BENCH_SECONDS:-3}"
xmx="${BENCH_SERVICE_XMX:-256m}"

as_root() {
    if ((EUID == 0)); then "$@"; else sudo "$@"; fi
}

pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; fi
}

if [[ -z "$(pg_bin)" ]]; then
    echo "== installing PostgreSQL from Debian (apt-get install -y postgresql)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
bin="$(pg_bin)"
if [[ -z "$bin" ]]; then
    echo "PostgreSQL's initdb and pg_ctl were not found under /usr/lib/postgresql/*/bin" >&2
    exit 1
fi

# initdb refuses to run as root: as root the cluster belongs to the postgres user.
as_cluster_owner() {
    if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

work="$(mktemp -d "${TMPDIR:-/tmp}/duckdb-bench.XXXXXX")"
pg="$(mktemp -d "${TMPDIR:-/tmp}/duckdb-bench-pg.XXXXXX")"
pg_started=""
cleanup() {
    local status=$?
    if [[ -n "$pg_started" ]]; then
        as_cluster_owner "$bin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if ((status != 0)); then
        for log in "$work"/*.log "$work"/s3-part/*.log "$pg/log"; do
            if [[ -f "$log" ]]; then echo "== $log (tail)"; tail -n 30 "$log"; fi
        done
    fi
    rm -rf "$work" "$pg"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ((EUID == 0)); then chown postgres: "$pg"; fi
pg_port="$(free_port)"
echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (private cluster in $pg)"
as_cluster_owner "$bin/initdb" -D "$pg/data" -U bench --auth=trust -E UTF8 --locale=C >"$work/initdb.log" 2>&1
as_cluster_owner "$bin/pg_ctl" -D "$pg/data" -l "$pg/log" -w -t 60 \
    -o "-p $pg_port -k $pg -c listen_addresses=127.0.0.1" start >/dev/null
pg_started=1

service_jar="$repo/bootstrap/target/duckdb-service.jar"
bench_jar="$repo/bench/target/bench.jar"
if [[ ! -f "$service_jar" || ! -f "$bench_jar" ]]; then
    echo "== building the service and bench jars (mvn -B -q -DskipTests package -pl bootstrap,bench -am)"
    (cd "$repo" && mvn -B -q -DskipTests package -pl bootstrap,bench -am)
fi

args=(--rows "$rows" --repeats "$repeats" --warmup "$warmup" --seconds "$seconds" --pg-port "$pg_port" --pg-user bench
      --service-jar "$service_jar" --service-xmx "$xmx" --work "$work" --s3-mb "$s3_mb")
if [[ -n "${BENCH_HEAP_MB:-}" ]]; then args+=(--heap-mb "$BENCH_HEAP_MB"); fi

java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED -Darrow.enable_unsafe_memory_access=true \
    -jar "$bench_jar" "${args[@]}"
