package isa.duckdb.application.service;

import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The local folders under the work root:
 * <pre>
 * {workRoot}/{bucket}/{name}/{name}.duckdb     an open database's working copy
 * {workRoot}/{bucket}/{name}/scratch/          the only folder its engine may read and write files in
 * {workRoot}/{bucket}/{name}/snapshot.upload   a snapshot on its way to storage
 * {workRoot}/{bucket}/{name}/lease.properties  the ownership lease the working copy is written under
 * {workRoot}/.incoming/{prefix}-{uuid}         files that belong to no open database yet
 * {workRoot}/.superseded/{bucket}/{name}-g{generation}-{millis}.duckdb
 *                                              a copy whose upload was refused (another owner took over),
 *                                              kept for an operator; never uploaded or opened by the service
 * </pre>
 * A working copy that exists while its database is not open was left by a run that did not
 * close it (a crash): a leftover.
 */
final class WorkingCopies {
    static final String SCRATCH_DIR = "scratch";
    static final String INCOMING_DIR = ".incoming";
    static final String SUPERSEDED_DIR = ".superseded";
    private static final String SNAPSHOT_FILE = "snapshot.upload";
    private static final String LEASE_FILE = "lease.properties";

    /** A working copy found on disk: its database, folder and database file. */
    record Leftover(DatabaseKey key, Path directory, Path file) {
    }

    private final Path workRoot;

    WorkingCopies(Path workRoot) {
        this.workRoot = workRoot;
    }

    Path directory(DatabaseKey key) {
        return workRoot.resolve(key.bucket()).resolve(key.name().value());
    }

    static Path databaseFile(Path directory, DatabaseKey key) {
        return directory.resolve(key.objectKey());
    }

    static Path scratch(Path directory) {
        return directory.resolve(SCRATCH_DIR);
    }

    static Path snapshotFile(Path directory) {
        return directory.resolve(SNAPSHOT_FILE);
    }

    /** Creates the database's folder and its scratch folder. INTERNAL when the disk refuses. */
    Path prepare(DatabaseKey key) {
        Path directory = directory(key);
        try {
            Files.createDirectories(scratch(directory));
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "cannot prepare the working copy of " + key.name(), e);
        }
        return directory;
    }

    /**
     * Records beside the working copy in {@code directory} the lease it is written under, so that a run finding
     * it left over can tell whether another owner served the database since. INTERNAL when the disk refuses.
     */
    void recordLease(Path directory, OwnershipLease lease) {
        try {
            Files.writeString(directory.resolve(LEASE_FILE), GenerationFence.Holder.of(lease).text());
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "cannot prepare the working copy", e);
        }
    }

    /** The lease a working copy was written under; empty when none was recorded (an older run) or unreadable. */
    Optional<GenerationFence.Holder> recordedLease(Path directory) {
        try {
            return Optional.of(GenerationFence.parse(Files.readAllBytes(directory.resolve(LEASE_FILE))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes the database's folder with everything in it, if present. */
    void remove(DatabaseKey key) {
        LocalFiles.deleteRecursively(directory(key));
    }

    /**
     * Moves the database file of a closed working copy (its engine closed) to {@code .superseded/}, out of the
     * service's reach, so that changes no owner may upload any more are not deleted with the folder.
     *
     * @param stamp distinguishes copies set aside of one lease (milliseconds since the epoch)
     * @return the copy's path relative to the work root (for logs: no absolute server path)
     * @throws ServiceException INTERNAL when the disk refuses
     */
    Path setAside(DatabaseKey key, Path directory, long generation, long stamp) {
        Path relative = Path.of(SUPERSEDED_DIR, key.bucket(),
                key.name().value() + "-g" + generation + "-" + stamp + StorageLayout.DATABASE_SUFFIX);
        Path target = workRoot.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            Files.move(databaseFile(directory, key), target);
            Path wal = directory.resolve(key.objectKey() + ".wal");
            if (Files.exists(wal)) {
                Files.move(wal, target.resolveSibling(target.getFileName() + ".wal"));
            }
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "cannot set aside the working copy of " + key.name(), e);
        }
        return relative;
    }

    /** A fresh path in the spool folder. INTERNAL when the folder cannot be made. */
    Path incomingFile(String prefix) {
        Path incoming = workRoot.resolve(INCOMING_DIR);
        try {
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "cannot prepare a spool folder", e);
        }
        return incoming.resolve(prefix + "-" + UUID.randomUUID());
    }

    /** Drops the spool folder (half-received uploads of a previous run). */
    void dropIncoming() {
        LocalFiles.deleteRecursively(workRoot.resolve(INCOMING_DIR));
    }

    /**
     * Every folder holding a database file, open or not: bucket folders starting with a dot and
     * folders whose name is no valid database name are skipped.
     */
    List<Leftover> workingCopiesOnDisk() {
        List<Leftover> found = new ArrayList<>();
        if (!Files.isDirectory(workRoot)) {
            return found;
        }
        try (Stream<Path> buckets = Files.list(workRoot)) {
            for (Path bucket : buckets.filter(Files::isDirectory)
                    .filter(b -> !b.getFileName().toString().startsWith(".")).toList()) {
                collect(bucket, found);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static void collect(Path bucketDirectory, List<Leftover> found) throws IOException {
        try (Stream<Path> names = Files.list(bucketDirectory)) {
            for (Path directory : names.filter(Files::isDirectory).toList()) {
                String name = directory.getFileName().toString();
                if (!DatabaseName.isValid(name)) {
                    continue;
                }
                DatabaseKey key = new DatabaseKey(bucketDirectory.getFileName().toString(), DatabaseName.of(name));
                Path file = databaseFile(directory, key);
                if (Files.exists(file)) {
                    found.add(new Leftover(key, directory, file));
                }
            }
        }
    }
}
