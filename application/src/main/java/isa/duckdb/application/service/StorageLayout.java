package isa.duckdb.application.service;

import isa.duckdb.domain.DatabaseName;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Every object key the service writes in a tenant's bucket, in one place. The layout is the one
 * the original service used (wire contract, "Buckets"; seed README's bucket tree), so its buckets stay readable:
 * <pre>
 * {name}.duckdb                          the database file (also the name of its local working copy)
 * .meta/{name}.properties                the database's descriptor (settings, metadata, statistics)
 * .owner                                 the tenant id that owns the bucket
 * .serving/{name}                        the instance serving the database now, with a heartbeat (no Consul)
 * .generation/{name}                     the lease (instance id, generation) allowed to upload the database
 * .staged/{name}-g{generation}.duckdb    an upload in progress, copied over {name}.duckdb once fenced
 * .wal/{name}/{base}/{seq}-g{generation}-{instance}   a write-ahead-log segment (--durability commit): the log
 *                                        bytes committed after the base whose content id is {base}; {seq} counts
 *                                        from 0000000000 per base, in ten digits
 * backups/{label}-{yyyyMMdd'T'HHmmss.SSS'Z'}.duckdb          a BackupDatabase copy
 * backups/{name}-deleted-{yyyyMMdd'T'HHmmss.SSS'Z'}.duckdb   the copy kept by DeleteDatabase
 * </pre>
 * Timestamps are UTC.
 */
public final class StorageLayout {
    /** Suffix of database files, in storage and in working folders. */
    public static final String DATABASE_SUFFIX = ".duckdb";
    static final String META_PREFIX = ".meta/";
    static final String OWNER_MARKER = ".owner";
    static final String SERVING_PREFIX = ".serving/";
    static final String GENERATION_PREFIX = ".generation/";
    static final String STAGED_PREFIX = ".staged/";
    static final String BACKUP_PREFIX = "backups/";
    static final String WAL_PREFIX = ".wal/";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StorageLayout() {
    }

    /** {@code {name}.duckdb}: the database file's key, and its working copy's file name. */
    public static String databaseKey(DatabaseName name) {
        return name.value() + DATABASE_SUFFIX;
    }

    /** The database a top-level key holds, if it is a database file's key with a valid name. */
    public static Optional<DatabaseName> databaseOf(String key) {
        if (key.contains("/") || !key.endsWith(DATABASE_SUFFIX)) {
            return Optional.empty();
        }
        String name = key.substring(0, key.length() - DATABASE_SUFFIX.length());
        return DatabaseName.isValid(name) ? Optional.of(DatabaseName.of(name)) : Optional.empty();
    }

    /** {@code .meta/{name}.properties}. */
    static String descriptorKey(DatabaseName name) {
        return META_PREFIX + name.value() + ".properties";
    }

    /** {@code .serving/{name}}: the marker of the instance serving the database (see {@link StorageMarkerOwnership}). */
    static String servingMarkerKey(DatabaseName name) {
        return SERVING_PREFIX + name.value();
    }

    /** {@code .generation/{name}}: the database's current lease (see {@link GenerationFence}). */
    static String generationKey(DatabaseName name) {
        return GENERATION_PREFIX + name.value();
    }

    /** {@code .staged/{name}-g{generation}.duckdb}: an upload of the database by the lease of that generation. */
    static String stagedKey(DatabaseName name, long generation) {
        return STAGED_PREFIX + name.value() + "-g" + generation + DATABASE_SUFFIX;
    }

    /** {@code .wal/{name}/}: every log segment of the database, of any base. */
    static String walPrefix(DatabaseName name) {
        return WAL_PREFIX + name.value() + "/";
    }

    /** {@code .wal/{name}/{base}/}: the log segments that apply on top of the base with content id {@code base}. */
    static String walBasePrefix(DatabaseName name, String base) {
        return walPrefix(name) + base + "/";
    }

    /**
     * {@code .wal/{name}/{base}/{seq}-g{generation}-{instance}}: segment {@code seq} (ten digits, so keys sort in
     * order) of the log on top of base {@code base}, shipped under the lease {@code generation}/{@code instance}.
     */
    static String walSegmentKey(DatabaseName name, String base, long seq, long generation, String instance) {
        return walBasePrefix(name, base) + String.format("%010d", seq) + "-g" + generation + "-" + instance;
    }

    /** {@code backups/{label}-{stamp}.duckdb}, the key of a backup taken at {@code at}. */
    static String backupKey(String label, Instant at) {
        return BACKUP_PREFIX + label + "-" + STAMP.format(at) + DATABASE_SUFFIX;
    }

    /** {@code backups/{name}-deleted-{stamp}.duckdb}, the copy DeleteDatabase keeps. */
    static String deletedCopyKey(DatabaseName name, Instant at) {
        return backupKey(name.value() + "-deleted", at);
    }
}
