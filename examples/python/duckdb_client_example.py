#!/usr/bin/env python3
"""A tour of the DuckDB analytics service (isa.duckdb.DuckDBService) from Python.

Run it with `bash examples/python/run.sh [--host HOST] [--port PORT] [--tls-ca FILE] [--token TOKEN]`
(or DUCKDB_TLS_CA / DUCKDB_TOKEN in the environment): that script installs
Debian's python3-grpcio and protobuf packages if missing and generates the stubs into
examples/python/generated/ first.

Each section shows one part of the API. Every RPC of the wire contract must work: a gRPC
error, UNIMPLEMENTED included, fails the section. Every database the tour creates has a
unique name and is deleted at the end, also when a section fails. Exit status 0 means every
section worked.
"""

import argparse
import datetime
import os
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "generated"))

try:
    import grpc
    from google.protobuf import json_format
    from google.protobuf.timestamp_pb2 import Timestamp

    import duckdb_service_pb2 as pb
    import duckdb_service_pb2_grpc as pb_grpc
except ImportError as missing:
    sys.exit(f"Cannot import the gRPC stubs ({missing}). Run: bash examples/python/run.sh")

USER = "example_user"
CALL_TIMEOUT = 60  # seconds for a unary call
STREAM_TIMEOUT = 600  # seconds for the whole streamed result
STREAMED_ROWS = 1_000_000
DATA_BUCKET = "duckdb-data"  # the server namespaces it: user-example-user-duckdb-data
EXPORT_KEY = "examples/orders.csv"  # one fixed key, overwritten on every run


class ExampleFailure(Exception):
    """A call answered, but not with what the example needs."""


def succeeded(response, what):
    """Returns the response if success is set, else fails with the server's error."""
    if not response.success:
        raise ExampleFailure(f"{what}: {response.error}")
    return response


def typed(value):
    """The Python value a wire Value carries (the contract's typed result values)."""
    kind = value.WhichOneof("value")
    if kind is None or kind == "null_value":
        return None
    if kind == "timestamp_value":
        return value.timestamp_value.ToDatetime(tzinfo=datetime.timezone.utc)
    if kind == "struct_value":  # STRUCT and MAP; LIST/ARRAY come as {"items": [...]}
        return json_format.MessageToDict(value.struct_value)
    return getattr(value, kind)


def timestamp(moment):
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def section(title):
    print()
    print(f"== {title}")


class Tour:
    def __init__(self, stub, run_id):
        self.stub = stub
        self.database = f"example_{run_id}"
        self.restored = f"example_{run_id}_restored"
        self.backup = f"example_{run_id}"
        self.to_delete = []

    def run(self):
        self.health_check()
        self.manage_databases()
        self.create_table()
        self.insert_rows()
        self.query_typed_values()
        self.stream_large_result()
        self.run_batches()
        self.tables_and_schema()
        self.import_and_export()
        self.backup_and_restore()
        self.extensions()

    # -- sections -------------------------------------------------------------------------

    def health_check(self):
        section("1. Health check")
        health = self.stub.HealthCheck(pb.HealthCheckRequest(detailed=True), timeout=CALL_TIMEOUT)
        succeeded(health, "HealthCheck")
        if not health.healthy:
            raise ExampleFailure(f"the service is not healthy: {health.status}")
        details = json_format.MessageToDict(health.details)
        print(f"  status={health.status} healthy={health.healthy}")
        for key in sorted(details):
            print(f"    {key}: {details[key]}")

    def manage_databases(self):
        section("2. Create and manage databases")
        created = succeeded(self.stub.CreateDatabase(pb.CreateDatabaseRequest(
            user_id=USER, database_name=self.database, metadata={"purpose": "python example"}),
            timeout=CALL_TIMEOUT), "CreateDatabase")
        self.to_delete.append(self.database)
        info = created.database_info
        print(f"  created '{info.database_name}' id={info.database_id} bucket={info.minio_bucket}")

        listed = succeeded(self.stub.ListDatabases(pb.ListDatabasesRequest(
            user_id=USER, name_filter="example_", page_size=100), timeout=CALL_TIMEOUT), "ListDatabases")
        names = [d.database_name for d in listed.databases]
        if self.database not in names:
            raise ExampleFailure(f"ListDatabases does not show '{self.database}'")
        print(f"  ListDatabases(name_filter='example_'): {listed.total_count} database(s), ours included")

        # Every database_id field takes the id or the name.
        described = succeeded(self.stub.GetDatabaseInfo(pb.GetDatabaseInfoRequest(
            user_id=USER, database_id=info.database_id), timeout=CALL_TIMEOUT), "GetDatabaseInfo")
        d = described.database_info
        print(f"  GetDatabaseInfo: tables={d.table_count} size={d.size_bytes} bytes "
              f"created={d.created_at.ToDatetime():%Y-%m-%d %H:%M:%S} metadata={dict(d.metadata)}")

    def create_table(self):
        section("3. Create a table with a schema")
        columns = [
            pb.ColumnInfo(name="id", data_type="INTEGER", nullable=False, is_primary_key=True),
            pb.ColumnInfo(name="customer", data_type="VARCHAR", nullable=False),
            pb.ColumnInfo(name="amount", data_type="DECIMAL(10,2)", nullable=True),
            pb.ColumnInfo(name="ordered_at", data_type="TIMESTAMP", nullable=True),
            pb.ColumnInfo(name="paid", data_type="BOOLEAN", nullable=True, default_value="false"),
        ]
        request = pb.CreateTableRequest(user_id=USER, database_id=self.database, table_name="orders",
                                        columns=columns, primary_keys=["id"], comment="python example")
        created = self.stub.CreateTable(request, timeout=CALL_TIMEOUT)
        succeeded(created, "CreateTable")
        print(f"  CreateTable: {created.message or 'orders created'}")
        for column in created.table_info.columns:
            print(f"    {column.name} {column.data_type}{'' if column.nullable else ' NOT NULL'}")

    def insert_rows(self):
        section("4. Insert rows (parameters bound by position and by name)")
        orders = [
            (1, "alice", "12.50", datetime.datetime(2024, 1, 15, 9, 30), True),
            (2, "bob", "99.99", datetime.datetime(2024, 2, 1, 14, 0), False),
            (3, "carol", "5.00", datetime.datetime(2024, 3, 10, 18, 45), True),
        ]
        for order_id, customer, amount, ordered_at, paid in orders:
            response = self.statement("INSERT INTO orders VALUES (?, ?, ?, ?, ?)", {
                "1": pb.Value(int_value=order_id),
                "2": pb.Value(string_value=customer),
                "3": pb.Value(string_value=amount),  # DECIMAL travels as exact digits
                "4": pb.Value(timestamp_value=timestamp(ordered_at)),
                "5": pb.Value(bool_value=paid),
            })
            print(f"  inserted order {order_id}: affected_rows={response.affected_rows}")
        response = self.statement(
            "INSERT INTO orders (id, customer, amount) VALUES ($id, $customer, NULL)",
            {"id": pb.Value(int_value=4), "customer": pb.Value(string_value="dave")})
        print(f"  inserted order 4 with named parameters and a NULL amount: affected_rows={response.affected_rows}")

    def query_typed_values(self):
        section("5. Query with typed values")
        result = self.query("SELECT id, customer, amount, ordered_at, paid FROM orders "
                            "WHERE id >= $first ORDER BY id", {"first": pb.Value(int_value=1)})
        print("  " + " | ".join(f"{c} ({t})" for c, t in zip(result.columns, result.column_types)))
        for row in result.rows:
            print("    " + " | ".join(repr(typed(v)) for v in row.values))
        if result.row_count != 4:
            raise ExampleFailure(f"expected 4 orders, got {result.row_count}")

        result = self.query("""SELECT 9007199254740993::BIGINT AS big, 3.5::DOUBLE AS ratio,
                                      12.345::DECIMAL(10,3) AS exact, DATE '2024-01-15' AS day,
                                      TIMESTAMPTZ '2024-01-15 09:30:00+00' AS moment,
                                      [1, 2, 3] AS list, {'city': 'Oslo', 'zip': 150} AS struct,
                                      '\\xAA\\xBB'::BLOB AS blob, NULL AS nothing""")
        print("  every DuckDB type arrives as a typed value:")
        for column, column_type, value in zip(result.columns, result.column_types, result.rows[0].values):
            python = typed(value)
            print(f"    {column:8} {column_type:26} {value.WhichOneof('value'):16} "
                  f"-> {type(python).__name__}: {python!r}")

    def stream_large_result(self):
        section(f"6. Stream a large result ({STREAMED_ROWS:,} rows)")
        request = pb.ExecuteQueryRequest(
            user_id=USER, database_id=self.database,
            query=f"SELECT range AS id, 'row-' || range AS label, range * 0.5 AS half FROM range({STREAMED_ROWS})")
        started = time.monotonic()
        rows = chunks = lasts = 0
        first = last = None
        for chunk in self.stub.ExecuteQueryStream(request, timeout=STREAM_TIMEOUT):
            succeeded(chunk, "ExecuteQueryStream")
            if chunks == 0:
                print(f"  columns: {list(zip(chunk.columns, chunk.column_types))}")
            chunks += 1
            rows += len(chunk.rows)
            lasts += chunk.is_last
            if chunk.rows:
                if first is None:
                    first = typed(chunk.rows[0].values[0])
                last = typed(chunk.rows[-1].values[0])
        seconds = time.monotonic() - started
        if rows != STREAMED_ROWS or lasts != 1:
            raise ExampleFailure(f"stream delivered {rows} rows with {lasts} final chunk(s)")
        print(f"  streamed {rows:,} rows in {chunks} chunks in {seconds:.2f} s "
              f"({rows / seconds:,.0f} rows/s); ids {first}..{last}")

    def run_batches(self):
        section("7. Batches")
        batch = succeeded(self.stub.ExecuteBatch(pb.ExecuteBatchRequest(
            user_id=USER, database_id=self.database, transaction=True, statements=[
                "INSERT INTO orders (id, customer, amount) VALUES (5, 'erin', 20.00)",
                "INSERT INTO orders (id, customer, amount) VALUES (6, 'frank', 7.25)",
                "UPDATE orders SET paid = true WHERE amount < 10",
            ]), timeout=CALL_TIMEOUT), "ExecuteBatch")
        for number, result in enumerate(batch.results, start=1):
            print(f"  statement {number}: success={result.success} affected_rows={result.affected_rows}")
        print(f"  transaction committed in {batch.total_execution_time_ms:.1f} ms")

        failing = self.stub.ExecuteBatch(pb.ExecuteBatchRequest(
            user_id=USER, database_id=self.database, transaction=True, statements=[
                "INSERT INTO orders (id, customer) VALUES (7, 'grace')",
                "INSERT INTO orders (id, customer) VALUES (1, 'duplicate id')",
            ]), timeout=CALL_TIMEOUT)
        if failing.success:
            raise ExampleFailure("a batch inserting a duplicate primary key succeeded")
        count = typed(self.query("SELECT count(*) FROM orders").rows[0].values[0])
        if count != 6:
            raise ExampleFailure(f"the failed transaction was not rolled back: {count} orders")
        print(f"  a failing transaction is rolled back whole: {failing.error.splitlines()[0]}")
        print(f"  orders now: {count}")

    def tables_and_schema(self):
        section("8. Tables and schema")
        tables = self.stub.ListTables(pb.ListTablesRequest(
            user_id=USER, database_id=self.database), timeout=CALL_TIMEOUT)
        succeeded(tables, "ListTables")
        for table in tables.tables:
            print(f"  table {table.table_name}: {table.row_count} rows, {len(table.columns)} columns")
        schema = self.stub.GetTableSchema(pb.GetTableSchemaRequest(
            user_id=USER, database_id=self.database, table_name="orders"), timeout=CALL_TIMEOUT)
        succeeded(schema, "GetTableSchema")
        for column in schema.table_info.columns:
            key = " PRIMARY KEY" if column.is_primary_key else ""
            print(f"    {column.name} {column.data_type}{'' if column.nullable else ' NOT NULL'}{key}")
        print("  the same through SQL (information_schema):")
        result = self.query("SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                            "WHERE table_name = 'orders' ORDER BY ordinal_position")
        for row in result.rows:
            name, data_type, nullable = (typed(v) for v in row.values)
            print(f"    {name} {data_type}{'' if nullable == 'YES' else ' NOT NULL'}")

    def import_and_export(self):
        section("9. Export to and import from object storage")
        exported = self.stub.ExportToMinIO(pb.ExportToMinIORequest(
            user_id=USER, database_id=self.database, query="SELECT id, customer, amount FROM orders ORDER BY id",
            bucket_name=DATA_BUCKET, object_key=EXPORT_KEY, format="csv", overwrite=True), timeout=CALL_TIMEOUT)
        succeeded(exported, "ExportToMinIO")
        print(f"  exported {exported.rows_exported} rows to {DATA_BUCKET}/{EXPORT_KEY} ({exported.file_size} bytes)")
        imported = self.stub.ImportFromMinIO(
            pb.ImportFromMinIORequest(user_id=USER, database_id=self.database, table_name="orders_copy",
                                      bucket_name=DATA_BUCKET, object_key=EXPORT_KEY, format="csv",
                                      create_table=True), timeout=CALL_TIMEOUT)
        succeeded(imported, "ImportFromMinIO")
        copied = typed(self.query("SELECT count(*) FROM orders_copy").rows[0].values[0])
        if copied != exported.rows_exported:
            raise ExampleFailure(f"exported {exported.rows_exported} rows but orders_copy holds {copied}")
        print(f"  imported {imported.rows_imported} rows into orders_copy")

    def backup_and_restore(self):
        section("10. Backups")
        backup = self.stub.BackupDatabase(pb.BackupDatabaseRequest(
            user_id=USER, database_id=self.database, backup_name=self.backup), timeout=CALL_TIMEOUT)
        succeeded(backup, "BackupDatabase")
        print(f"  backup {backup.backup_path} ({backup.backup_size} bytes)")
        restored = self.stub.RestoreDatabase(
            pb.RestoreDatabaseRequest(user_id=USER, backup_path=backup.backup_path,
                                      new_database_name=self.restored), timeout=CALL_TIMEOUT)
        self.to_delete.append(self.restored)
        succeeded(restored, "RestoreDatabase")
        count = typed(self.query("SELECT count(*) FROM orders", database=self.restored).rows[0].values[0])
        print(f"  restored as '{self.restored}' with {count} orders")

    def extensions(self):
        section("11. Extensions")
        listed = self.stub.ListExtensions(pb.ListExtensionsRequest(
            user_id=USER, database_id=self.database), timeout=CALL_TIMEOUT)
        succeeded(listed, "ListExtensions")
        loaded = [e.name for e in listed.extensions if e.loaded]
        print(f"  {len(listed.extensions)} extensions known, loaded: {', '.join(loaded) or 'none'}")
        installed = self.stub.InstallExtension(
            pb.InstallExtensionRequest(user_id=USER, database_id=self.database, extension_name="json"),
            timeout=CALL_TIMEOUT)
        if installed.success:
            print(f"  InstallExtension(json): {installed.message or 'installed'}")
        elif installed.error.startswith(("PERMISSION_DENIED", "FAILED_PRECONDITION")):
            print(f"  InstallExtension(json) declined by the server's policy: {installed.error}")
        else:
            raise ExampleFailure(f"InstallExtension: {installed.error}")

    # -- cleanup and helpers --------------------------------------------------------------

    def cleanup(self):
        """Deletes every database this run created, for good (no -deleted- backup kept)."""
        section("12. Delete databases")
        problems = []
        for name in reversed(self.to_delete):
            try:
                response = self.stub.DeleteDatabase(pb.DeleteDatabaseRequest(
                    user_id=USER, database_id=name, delete_from_minio=True, force=True), timeout=CALL_TIMEOUT)
            except grpc.RpcError as error:
                problems.append(f"{name}: gRPC {error.code().name}: {error.details()}")
                continue
            if response.success:
                print(f"  deleted '{name}'")
            else:
                problems.append(f"{name}: {response.error}")
        return problems

    def statement(self, sql, parameters=None):
        return succeeded(self.stub.ExecuteStatement(pb.ExecuteStatementRequest(
            user_id=USER, database_id=self.database, statement=sql, parameters=parameters or {}),
            timeout=CALL_TIMEOUT), "ExecuteStatement")

    def query(self, sql, parameters=None, database=None):
        return succeeded(self.stub.ExecuteQuery(pb.ExecuteQueryRequest(
            user_id=USER, database_id=database or self.database, query=sql, parameters=parameters or {}),
            timeout=CALL_TIMEOUT), "ExecuteQuery")


class _BearerToken(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor,
                   grpc.StreamUnaryClientInterceptor, grpc.StreamStreamClientInterceptor):
    """Adds `authorization: Bearer <token>` to every call (plain text or TLS alike)."""

    def __init__(self, token):
        self._header = ("authorization", f"Bearer {token}")

    def _with_token(self, details):
        metadata = list(details.metadata or []) + [self._header]
        return details._replace(metadata=metadata) if hasattr(details, "_replace") else _Details(details, metadata)

    def intercept_unary_unary(self, continuation, details, request):
        return continuation(self._with_token(details), request)

    def intercept_unary_stream(self, continuation, details, request):
        return continuation(self._with_token(details), request)

    def intercept_stream_unary(self, continuation, details, requests):
        return continuation(self._with_token(details), requests)

    def intercept_stream_stream(self, continuation, details, requests):
        return continuation(self._with_token(details), requests)


class _Details(grpc.ClientCallDetails):
    def __init__(self, details, metadata):
        self.method = details.method
        self.timeout = details.timeout
        self.metadata = metadata
        self.credentials = details.credentials
        self.wait_for_ready = getattr(details, "wait_for_ready", None)
        self.compression = getattr(details, "compression", None)


def open_channel(target, tls_ca, token):
    """Plain text, or TLS trusting the CA file; with a token every call carries it."""
    if tls_ca:
        with open(tls_ca, "rb") as ca:
            channel = grpc.secure_channel(target, grpc.ssl_channel_credentials(root_certificates=ca.read()))
    else:
        channel = grpc.insecure_channel(target)
    return grpc.intercept_channel(channel, _BearerToken(token)) if token else channel, channel


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="localhost", help="service host (default: localhost)")
    parser.add_argument("--port", type=int, default=50052, help="service port (default: 50052)")
    parser.add_argument("--tls-ca", default=os.environ.get("DUCKDB_TLS_CA", ""),
                        help="speak TLS, trusting this CA certificate file (PEM); env DUCKDB_TLS_CA")
    parser.add_argument("--token", default=os.environ.get("DUCKDB_TOKEN", ""),
                        help="send 'authorization: Bearer TOKEN' with every call; env DUCKDB_TOKEN")
    args = parser.parse_args()

    target = f"[{args.host}]:{args.port}" if ":" in args.host else f"{args.host}:{args.port}"
    print(f"DuckDB service at {target} ({'TLS' if args.tls_ca else 'plain text'}"
          f"{', with a token' if args.token else ''}), user '{USER}'")
    channel, raw_channel = open_channel(target, args.tls_ca, args.token)
    try:
        grpc.channel_ready_future(raw_channel).result(timeout=15)
    except grpc.FutureTimeoutError:
        print(f"FAILED: cannot connect to {target} within 15 s", file=sys.stderr)
        return 1

    tour = Tour(pb_grpc.DuckDBServiceStub(channel), uuid.uuid4().hex[:12])
    failure = None
    try:
        tour.run()
    except ExampleFailure as error:
        failure = str(error)
    except grpc.RpcError as error:
        failure = f"gRPC {error.code().name}: {error.details()}"
    finally:
        try:
            problems = tour.cleanup()
        except Exception as error:  # the channel itself broke; report it with the rest
            problems = [f"cleanup: {error}"]
        raw_channel.close()

    if failure:
        print(f"\nFAILED: {failure}", file=sys.stderr)
    for problem in problems:
        print(f"FAILED to delete {problem}", file=sys.stderr)
    if failure or problems:
        return 1
    print()
    print("All examples completed successfully!")
    return 0


if __name__ == "__main__":
    sys.exit(main())
