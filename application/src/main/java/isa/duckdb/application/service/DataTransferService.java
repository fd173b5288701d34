package isa.duckdb.application.service;

import isa.duckdb.application.port.in.ExportOutcome;
import isa.duckdb.application.port.in.ExportQueryCommand;
import isa.duckdb.application.port.in.ImportObjectCommand;
import isa.duckdb.application.port.in.ImportStreamCommand;
import isa.duckdb.application.port.in.ImportStreamUseCase;
import isa.duckdb.application.port.in.IncomingImport;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.application.port.in.QueryObjectCommand;
import isa.duckdb.application.port.in.TransferDataUseCase;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.FileImport;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.EmbeddedQuery;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.FileOptions;
import isa.duckdb.domain.LegacyTablePrefix;
import isa.duckdb.domain.ObjectKey;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlLexer;
import isa.duckdb.domain.SqlToken;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Import, export and file queries. Bytes move between object storage and the database's own
 * scratch folder on the server side; DuckDB only ever reads and writes files there, and never
 * holds storage credentials.
 */
public final class DataTransferService implements TransferDataUseCase, ImportStreamUseCase {
    private static final String FILE_PLACEHOLDER = "$FILE";

    private final DatabaseCatalog catalog;
    private final DatabaseLifecycle lifecycle;
    private final ObjectStorage storage;
    private final BucketOwnership ownership;

    @Inject
    public DataTransferService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, ObjectStorage storage,
            BucketOwnership ownership) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.storage = storage;
        this.ownership = ownership;
    }

    @Override
    public long importObject(ImportObjectCommand command, CancellationSignal signal) {
        DatabaseDescriptor descriptor = catalog.resolve(command.tenant(), command.databaseRef());
        QualifiedName table = LegacyTablePrefix.of(command.tenant()).strip(QualifiedName.parse(command.table()));
        FileOptions options = FileOptions.forReading(command.format(), command.options());
        String bucket = readableBucket(command.tenant(), command.bucketName());
        ObjectKey key = ObjectKey.of(command.objectKey());
        try (Lease lease = lifecycle.acquire(descriptor, signal); EngineSession session = lease.openSession()) {
            Path file = scratchFile(lease, "import", key, options);
            try {
                storage.download(bucket, key.value(), file);
                return session.importFile(new FileImport(file, options, table, command.createTable(), command.truncate()),
                        signal);
            } finally {
                LocalFiles.deleteQuietly(file);
            }
        }
    }

    @Override
    public ExportOutcome exportQuery(ExportQueryCommand command, CancellationSignal signal) {
        DatabaseDescriptor descriptor = catalog.resolve(command.tenant(), command.databaseRef());
        String query = LegacyTablePrefix.of(command.tenant()).rewriteSql(EmbeddedQuery.check(command.query()));
        FileOptions options = FileOptions.forWriting(command.format(), command.options());
        String bucket = writableBucket(command.tenant(), command.bucketName());
        ObjectKey key = ObjectKey.of(command.objectKey());
        if (!command.overwrite() && storage.stat(bucket, key.value()).isPresent()) {
            throw ServiceException.alreadyExists("object '" + key + "' already exists in bucket '"
                    + command.bucketName() + "'; set overwrite to replace it");
        }
        try (Lease lease = lifecycle.acquire(descriptor, signal); EngineSession session = lease.openSession()) {
            Path file = scratchFile(lease, "export", key, options);
            try {
                long rows = session.exportQuery(query, file, options, signal);
                long size = Files.size(file);
                storage.upload(bucket, key.value(), file);
                return new ExportOutcome(rows, size, bucket, key.value());
            } catch (IOException e) {
                throw new ServiceException(ErrorKind.INTERNAL, "the exported file could not be read", e);
            } finally {
                LocalFiles.deleteQuietly(file);
            }
        }
    }

    @Override
    public OpenQuery queryObject(QueryObjectCommand command, CancellationSignal signal) {
        if (command.maxRows() < 0) {
            throw ServiceException.invalid("max_rows may not be negative");
        }
        DatabaseDescriptor descriptor = catalog.resolve(command.tenant(), command.databaseRef());
        String query = command.query() == null || command.query().isBlank()
                ? "SELECT * FROM " + FILE_PLACEHOLDER
                : LegacyTablePrefix.of(command.tenant()).rewriteSql(EmbeddedQuery.check(command.query()));
        if (!mentionsFile(query)) {
            throw ServiceException.invalid("the query must read the object as $FILE, e.g. SELECT count(*) FROM $FILE");
        }
        FileOptions options = FileOptions.forReading(command.format(), command.options());
        String bucket = readableBucket(command.tenant(), command.bucketName());
        ObjectKey key = ObjectKey.of(command.objectKey());
        Lease lease = lifecycle.acquire(descriptor, signal);
        Path file = null;
        EngineSession session = null;
        try {
            file = scratchFile(lease, "query", key, options);
            storage.download(bucket, key.value(), file);
            session = lease.openSession();
            String sql = replaceFile(query, session.fileReader(file, options));
            StatementOutcome outcome = session.run(new BoundSql(sql, List.of()), signal);
            Path downloaded = file;
            return new RunningQuery(outcome, command.maxRows(), signal,
                    List.of(session, lease, () -> LocalFiles.deleteQuietly(downloaded)), 0, (nanos, succeeded) -> { },
                    rows -> { });
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            lease.close();
            LocalFiles.deleteQuietly(file);
            throw e;
        }
    }

    @Override
    public IncomingImport begin(ImportStreamCommand command) {
        DatabaseDescriptor descriptor = catalog.resolve(command.tenant(), command.databaseRef());
        QualifiedName table = LegacyTablePrefix.of(command.tenant()).strip(QualifiedName.parse(command.table()));
        FileOptions options = FileOptions.forReading(command.format(), command.options());
        if (command.totalSize() < 0) {
            throw ServiceException.invalid("total_size may not be negative");
        }
        Path spool = lifecycle.incomingFile("upload");
        return new SpooledImport(spool, command.totalSize(), (file, signal) -> {
            try (Lease lease = lifecycle.acquire(descriptor, signal); EngineSession session = lease.openSession()) {
                Path staged = scratchFile(lease, "upload", null, options);
                try {
                    Files.move(file, staged, StandardCopyOption.REPLACE_EXISTING);
                    return session.importFile(new FileImport(staged, options, table, true, false), signal);
                } catch (IOException e) {
                    throw new ServiceException(ErrorKind.INTERNAL, "the upload could not be staged", e);
                } finally {
                    LocalFiles.deleteQuietly(staged);
                }
            }
        });
    }

    /** The caller's bucket, namespaced under its tenant; refused if another tenant owns the name. */
    private String readableBucket(TenantId tenant, String bucketName) {
        if (bucketName == null || bucketName.isBlank()) {
            throw ServiceException.invalid("bucket_name is required");
        }
        String bucket = tenant.namespacedBucket(bucketName.trim());
        ownership.check(bucket, tenant);
        return bucket;
    }

    private String writableBucket(TenantId tenant, String bucketName) {
        String bucket = readableBucket(tenant, bucketName);
        if (bucket.equals(tenant.databaseBucket())) {
            throw ServiceException.invalid("bucket_name '" + bucketName + "' is the bucket that holds your databases;"
                    + " export to another bucket");
        }
        ownership.claim(bucket, tenant);
        return bucket;
    }

    private static Path scratchFile(Lease lease, String purpose, ObjectKey key, FileOptions options) {
        try {
            Files.createDirectories(lease.scratch());
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "the scratch folder is not writable", e);
        }
        return lease.scratch().resolve(purpose + "-" + UUID.randomUUID() + suffix(key, options));
    }

    /** Keeps a compression suffix the caller's key carries (.gz, .zst) so the reader recognises it. */
    private static String suffix(ObjectKey key, FileOptions options) {
        String base = "." + options.format().extension();
        if (key == null) {
            return base;
        }
        String name = key.value().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            return base + ".gz";
        }
        if (name.endsWith(".zst")) {
            return base + ".zst";
        }
        return base;
    }

    private static boolean mentionsFile(String query) {
        return SqlLexer.tokenize(query).stream().anyMatch(t -> isFilePlaceholder(t, query));
    }

    private static String replaceFile(String query, String reader) {
        StringBuilder sql = new StringBuilder();
        for (SqlToken token : SqlLexer.tokenize(query)) {
            sql.append(isFilePlaceholder(token, query) ? reader : token.text(query));
        }
        return sql.toString();
    }

    private static boolean isFilePlaceholder(SqlToken token, String sql) {
        return token.kind() == SqlToken.Kind.PARAMETER && token.text(sql).equalsIgnoreCase(FILE_PLACEHOLDER);
    }
}
