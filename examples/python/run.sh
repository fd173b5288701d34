#!/usr/bin/env bash
# Runs duckdb_client_example.py with Debian's Python gRPC (no PyPI needed).
#   bash examples/python/run.sh [--host HOST] [--port PORT] [--tls-ca FILE] [--token TOKEN]
# (--tls-ca / --token default to DUCKDB_TLS_CA / DUCKDB_TOKEN: TLS trusting that CA, and a bearer token)
# Installs what is missing from Debian, generates the stubs from api/proto/ with Debian's own
# protoc (so they match Debian's python3-protobuf), then runs the example with the args given.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
generated="$here/generated"
packages=(python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if ((${#missing[@]} > 0)); then
    echo "Installing from Debian: ${missing[*]}"
    as_root=()
    if [[ "$(id -u)" != 0 ]]; then
        as_root=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    if ! "${as_root[@]}" apt-get install -y "${missing[@]}"; then
        "${as_root[@]}" apt-get update
        "${as_root[@]}" apt-get install -y "${missing[@]}"
    fi
fi

plugin="$(command -v grpc_python_plugin)"
rm -rf "$generated"
mkdir -p "$generated"
/usr/bin/protoc \
    -I "$repo/api/proto" -I /usr/include \
    --python_out="$generated" \
    --grpc_python_out="$generated" \
    --plugin=protoc-gen-grpc_python="$plugin" \
    "$repo"/api/proto/*.proto

exec /usr/bin/python3 "$here/duckdb_client_example.py" "$@"
