package isa.duckdb.adapters.grpc;

import isa.duckdb.application.port.in.BackupOutcome;
import isa.duckdb.application.port.in.BackupUseCase;
import isa.duckdb.application.port.in.BatchCommand;
import isa.duckdb.application.port.in.BatchOutcome;
import isa.duckdb.application.port.in.CheckHealthUseCase;
import isa.duckdb.application.port.in.ControlQueriesUseCase;
import isa.duckdb.application.port.in.CreateDatabaseCommand;
import isa.duckdb.application.port.in.CreateFunctionCommand;
import isa.duckdb.application.port.in.CreateFunctionUseCase;
import isa.duckdb.application.port.in.CreateTableCommand;
import isa.duckdb.application.port.in.CreateViewCommand;
import isa.duckdb.application.port.in.CreatedTable;
import isa.duckdb.application.port.in.DatabaseMetrics;
import isa.duckdb.application.port.in.DatabasePage;
import isa.duckdb.application.port.in.DatabaseView;
import isa.duckdb.application.port.in.DeleteDatabaseCommand;
import isa.duckdb.application.port.in.DropTableCommand;
import isa.duckdb.application.port.in.ExecuteBatchUseCase;
import isa.duckdb.application.port.in.ExecuteQueryUseCase;
import isa.duckdb.application.port.in.ExecuteStatementUseCase;
import isa.duckdb.application.port.in.ExportOutcome;
import isa.duckdb.application.port.in.ExportQueryCommand;
import isa.duckdb.application.port.in.GetMetricsUseCase;
import isa.duckdb.application.port.in.HealthReport;
import isa.duckdb.application.port.in.ImportObjectCommand;
import isa.duckdb.application.port.in.ImportStreamCommand;
import isa.duckdb.application.port.in.ImportStreamUseCase;
import isa.duckdb.application.port.in.IncomingImport;
import isa.duckdb.application.port.in.ListDatabasesQuery;
import isa.duckdb.application.port.in.ListTablesQuery;
import isa.duckdb.application.port.in.ManageDatabasesUseCase;
import isa.duckdb.application.port.in.ManageExtensionsUseCase;
import isa.duckdb.application.port.in.ManageTablesUseCase;
import isa.duckdb.application.port.in.ManageViewsUseCase;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.PrepareStatementUseCase;
import isa.duckdb.application.port.in.PreparedStatementInfo;
import isa.duckdb.application.port.in.QueryCommand;
import isa.duckdb.application.port.in.QueryObjectCommand;
import isa.duckdb.application.port.in.RunningQueryView;
import isa.duckdb.application.port.in.ServiceMetrics;
import isa.duckdb.application.port.in.StatementCommand;
import isa.duckdb.application.port.in.TableRef;
import isa.duckdb.application.port.in.TransferDataUseCase;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.EngineExtension;
import isa.duckdb.domain.TableDescription;
import isa.duckdb.domain.TableStatistics;
import isa.duckdb.domain.TenantId;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Hand-written stand-ins for the use cases behind the gRPC adapter: each remembers what it was given
 * (commands and cancellation signals) and answers what the test told it to. An answer nobody set fails
 * the call loudly.
 */
final class UseCaseStubs {
    final Databases databases = new Databases();
    final Queries queries = new Queries();
    final Statements statements = new Statements();
    final Batches batches = new Batches();
    final Preparer preparer = new Preparer();
    final Transfers transfers = new Transfers();
    final Uploads uploads = new Uploads();
    final Backups backups = new Backups();
    final Views views = new Views();
    final Unused catalog = new Unused();
    final Health health = new Health();
    final Metrics metrics = new Metrics();
    final Control control = new Control();

    /** What a stub answers: a value, or a failure it throws; the test sets it. */
    static final class Answer<R> {
        private volatile Supplier<R> supplier = () -> {
            throw new AssertionError("this test did not expect the call");
        };

        void is(R value) {
            supplier = () -> value;
        }

        void fails(RuntimeException failure) {
            supplier = () -> {
                throw failure;
            };
        }

        void by(Supplier<R> answer) {
            supplier = answer;
        }

        R get() {
            return supplier.get();
        }
    }

    /** Arguments of calls that take more than one. */
    record Call(TenantId tenant, String databaseRef, String argument) {
    }

    static final class Databases implements ManageDatabasesUseCase {
        final List<Object> received = new CopyOnWriteArrayList<>();
        final Answer<DatabaseView> view = new Answer<>();
        final Answer<DatabasePage> page = new Answer<>();
        final Answer<String> deleted = new Answer<>();

        @Override
        public DatabaseView create(CreateDatabaseCommand command) {
            received.add(command);
            return view.get();
        }

        @Override
        public DatabasePage list(ListDatabasesQuery query) {
            received.add(query);
            return page.get();
        }

        @Override
        public DatabaseView describe(TenantId tenant, String databaseRef) {
            received.add(new Call(tenant, databaseRef, ""));
            return view.get();
        }

        @Override
        public String delete(DeleteDatabaseCommand command) {
            received.add(command);
            return deleted.get();
        }
    }

    static final class Queries implements ExecuteQueryUseCase {
        final List<QueryCommand> commands = new CopyOnWriteArrayList<>();
        final List<CancellationSignal> signals = new CopyOnWriteArrayList<>();
        final Answer<OpenQuery> opens = new Answer<>();
        final Answer<String> plan = new Answer<>();

        @Override
        public OpenQuery open(QueryCommand command, CancellationSignal signal) {
            commands.add(command);
            signals.add(signal);
            return opens.get();
        }

        @Override
        public String explain(QueryCommand command, CancellationSignal signal) {
            commands.add(command);
            signals.add(signal);
            return plan.get();
        }
    }

    static final class Statements implements ExecuteStatementUseCase {
        final List<StatementCommand> commands = new CopyOnWriteArrayList<>();
        final List<CancellationSignal> signals = new CopyOnWriteArrayList<>();
        final Answer<Long> affected = new Answer<>();

        @Override
        public long execute(StatementCommand command, CancellationSignal signal) {
            commands.add(command);
            signals.add(signal);
            return affected.get();
        }
    }

    static final class Batches implements ExecuteBatchUseCase {
        final List<BatchCommand> commands = new CopyOnWriteArrayList<>();
        final Answer<BatchOutcome> outcome = new Answer<>();

        @Override
        public BatchOutcome execute(BatchCommand command, CancellationSignal signal) {
            commands.add(command);
            return outcome.get();
        }
    }

    static final class Preparer implements PrepareStatementUseCase {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final Answer<PreparedStatementInfo> info = new Answer<>();

        @Override
        public PreparedStatementInfo prepare(TenantId tenant, String databaseRef, String sql) {
            calls.add(new Call(tenant, databaseRef, sql));
            return info.get();
        }
    }

    static final class Transfers implements TransferDataUseCase {
        final List<Object> received = new CopyOnWriteArrayList<>();
        final Answer<Long> imported = new Answer<>();
        final Answer<ExportOutcome> exported = new Answer<>();
        final Answer<OpenQuery> queried = new Answer<>();

        @Override
        public long importObject(ImportObjectCommand command, CancellationSignal signal) {
            received.add(command);
            return imported.get();
        }

        @Override
        public ExportOutcome exportQuery(ExportQueryCommand command, CancellationSignal signal) {
            received.add(command);
            return exported.get();
        }

        @Override
        public OpenQuery queryObject(QueryObjectCommand command, CancellationSignal signal) {
            received.add(command);
            return queried.get();
        }
    }

    /** Begins uploads into {@link RecordingImport}s, or fails as told. */
    static final class Uploads implements ImportStreamUseCase {
        final List<ImportStreamCommand> begun = new CopyOnWriteArrayList<>();
        final List<RecordingImport> uploads = new CopyOnWriteArrayList<>();
        final Answer<RecordingImport> next = new Answer<>();

        Uploads() {
            next.by(RecordingImport::new);
        }

        @Override
        public IncomingImport begin(ImportStreamCommand command) {
            begun.add(command);
            RecordingImport upload = next.get();
            uploads.add(upload);
            return upload;
        }
    }

    /** Keeps the bytes it is sent; completing answers {@link #rows} (or its failure). */
    static final class RecordingImport implements IncomingImport {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Answer<Long> rows = new Answer<>();
        volatile boolean completed;
        volatile boolean aborted;

        RecordingImport() {
            rows.is(0L);
        }

        @Override
        public synchronized void write(byte[] chunk) {
            received.writeBytes(chunk);
        }

        @Override
        public long complete(CancellationSignal signal) {
            long imported = rows.get();
            completed = true;
            return imported;
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }

    static final class Backups implements BackupUseCase {
        final List<Object> received = new CopyOnWriteArrayList<>();
        final Answer<BackupOutcome> backup = new Answer<>();
        final Answer<DatabaseView> restored = new Answer<>();

        @Override
        public BackupOutcome backup(TenantId tenant, String databaseRef, String backupName, boolean incremental) {
            received.add(new Call(tenant, databaseRef, backupName));
            return backup.get();
        }

        @Override
        public DatabaseView restore(TenantId tenant, String backupPath, String newDatabaseName) {
            received.add(new Call(tenant, backupPath, newDatabaseName));
            return restored.get();
        }
    }

    static final class Views implements ManageViewsUseCase {
        final List<Object> received = new CopyOnWriteArrayList<>();
        final Answer<String> sentence = new Answer<>();
        final Answer<List<String>> names = new Answer<>();

        @Override
        public String create(CreateViewCommand command, CancellationSignal signal) {
            received.add(command);
            return sentence.get();
        }

        @Override
        public List<String> list(TenantId tenant, String databaseRef, CancellationSignal signal) {
            received.add(new Call(tenant, databaseRef, ""));
            return names.get();
        }

        @Override
        public String drop(TableRef view, CancellationSignal signal) {
            received.add(view);
            return sentence.get();
        }
    }

    /** The table, function and extension use cases, which these tests do not call. */
    static final class Unused implements ManageTablesUseCase, CreateFunctionUseCase, ManageExtensionsUseCase {
        @Override
        public CreatedTable create(CreateTableCommand command, CancellationSignal signal) {
            throw unexpected();
        }

        @Override
        public List<TableDescription> list(ListTablesQuery query, CancellationSignal signal) {
            throw unexpected();
        }

        @Override
        public TableDescription describe(TableRef table, CancellationSignal signal) {
            throw unexpected();
        }

        @Override
        public TableStatistics statistics(TableRef table, boolean includeColumns, CancellationSignal signal) {
            throw unexpected();
        }

        @Override
        public String drop(DropTableCommand command, CancellationSignal signal) {
            throw unexpected();
        }

        @Override
        public String create(CreateFunctionCommand command, CancellationSignal signal) {
            throw unexpected();
        }

        @Override
        public List<EngineExtension> list(TenantId tenant, String databaseRef, CancellationSignal signal) {
            throw unexpected();
        }

        @Override
        public String install(TenantId tenant, String databaseRef, String extensionName, CancellationSignal signal) {
            throw unexpected();
        }

        private static AssertionError unexpected() {
            return new AssertionError("this test did not expect the call");
        }
    }

    static final class Health implements CheckHealthUseCase {
        final List<String> checked = new CopyOnWriteArrayList<>();
        final Answer<HealthReport> report = new Answer<>();

        @Override
        public HealthReport check(String tenantDatabase) {
            checked.add(tenantDatabase);
            return report.get();
        }
    }

    static final class Metrics implements GetMetricsUseCase {
        final List<String> databasesAsked = new CopyOnWriteArrayList<>();
        final Answer<ServiceMetrics> service = new Answer<>();
        final Answer<DatabaseMetrics> database = new Answer<>();

        @Override
        public ServiceMetrics serviceMetrics() {
            return service.get();
        }

        @Override
        public DatabaseMetrics databaseMetrics(String tenantDatabase) {
            databasesAsked.add(tenantDatabase);
            return database.get();
        }
    }

    static final class Control implements ControlQueriesUseCase {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final Answer<List<RunningQueryView>> listed = new Answer<>();
        final Answer<RunningQueryView> cancelled = new Answer<>();

        @Override
        public List<RunningQueryView> list(TenantId caller) {
            calls.add(new Call(caller, "", "list"));
            return listed.get();
        }

        @Override
        public RunningQueryView cancel(TenantId caller, String callId) {
            calls.add(new Call(caller, "", callId));
            return cancelled.get();
        }
    }
}
