package isa.duckdb.application.service;

import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Fencing of database uploads (issue 13): an instance that lost a database's lease without knowing it yet (a
 * long pause, a partition) must not replace a newer owner's state in storage.
 *
 * <p>The object {@code .generation/{name}} ({@link StorageLayout#generationKey}) names the database's current
 * lease: {@code instance_id} and {@code generation}. Each owner writes it when it takes the lease, before it
 * reads the database ({@link #enter}). Every upload of the database ({@link #upload}) goes to a key of its own
 * ({@code .staged/{name}-g{generation}.duckdb}); the fence is read before and after that upload, and only when
 * both readings still name the uploader's lease is the staged object copied over {@code {name}.duckdb} (a
 * storage-side copy). Otherwise {@link SupersededException} is thrown and the database object is left as the
 * newer owner wrote it. The one window left is the storage-side copy itself (after the second reading): an
 * owner paused exactly there can still land its copy after a newer owner started; see README, "Several
 * instances".
 *
 * <p>The fence compares identity (instance and generation), not order, so generations of different
 * coordinators (a Consul {@code LockIndex}, a storage marker's count) never need to be comparable.
 */
final class GenerationFence {
    private static final System.Logger LOG = System.getLogger(GenerationFence.class.getName());

    /** A lease as the fence and working copies record it. */
    record Holder(String instanceId, long generation) {

        static Holder of(OwnershipLease lease) {
            return new Holder(lease.owner().instanceId(), lease.generation());
        }

        String text() {
            return "instance_id=" + instanceId + "\ngeneration=" + generation + "\n";
        }
    }

    private final ObjectStorage storage;

    GenerationFence(ObjectStorage storage) {
        this.storage = storage;
    }

    /**
     * Records the lease as the database's current one, so that uploads of any earlier lease are refused from
     * now on. Nothing when the bucket does not exist (no database is stored there yet, so none can be
     * overwritten; the bucket's creator enters again before its first upload).
     *
     * @throws ServiceException UNAVAILABLE when storage cannot be reached
     */
    void enter(DatabaseKey key, OwnershipLease lease) {
        try {
            storage.put(key.bucket(), StorageLayout.generationKey(key.name()),
                    Holder.of(lease).text().getBytes(StandardCharsets.UTF_8));
        } catch (ServiceException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
        }
    }

    /**
     * Stores {@code file} as the database's object if {@code lease} is still the database's recorded lease.
     *
     * @throws SupersededException when another lease was recorded (before or during the upload); the database
     *     object is then untouched by this call
     * @throws ServiceException the storage's error when an upload, read or copy failed
     */
    void upload(DatabaseKey key, OwnershipLease lease, Path file) {
        requireCurrent(key, lease);
        String staged = StorageLayout.stagedKey(key.name(), lease.generation());
        try {
            storage.upload(key.bucket(), staged, file);
            requireCurrent(key, lease);
            storage.copy(key.bucket(), staged, key.objectKey());
        } finally {
            deleteQuietly(key, staged);
        }
    }

    /**
     * Whether a working copy written under {@code recorded} is outdated: the fence names another lease now (a
     * newer owner served the database after it). False when no fence is stored (nothing to compare with).
     *
     * @throws ServiceException UNAVAILABLE when storage cannot be reached
     */
    boolean supersedes(DatabaseKey key, Holder recorded) {
        return current(key).map(holder -> !holder.equals(recorded)).orElse(false);
    }

    private Optional<Holder> current(DatabaseKey key) {
        return storage.get(key.bucket(), StorageLayout.generationKey(key.name())).map(GenerationFence::parse);
    }

    /** Throws {@link SupersededException} unless the fence names {@code lease} (UNAVAILABLE: storage unreachable). */
    void requireCurrent(DatabaseKey key, OwnershipLease lease) {
        Optional<Holder> holder = current(key);
        if (holder.isPresent() && holder.get().instanceId().equals(lease.owner().instanceId())
                && holder.get().generation() == lease.generation()) {
            return;
        }
        String now = holder.map(h -> "instance " + h.instanceId() + " (generation " + h.generation() + ")")
                .orElse("no owner (the database was deleted)");
        throw new SupersededException("database '" + key.name() + "' is owned by " + now + " now, not by this "
                + "instance (" + lease.owner().instanceId() + ", generation " + lease.generation() + "); its upload "
                + "was refused so that the newer owner's state stays in storage");
    }

    private void deleteQuietly(DatabaseKey key, String staged) {
        try {
            storage.delete(key.bucket(), staged);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove the staged upload {0} of {1}: {2}", staged, key, e.getMessage());
        }
    }

    /** An unreadable fence names nobody, so it refuses every upload until an owner enters again. */
    static Holder parse(byte[] bytes) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
            return new Holder(properties.getProperty("instance_id", ""),
                    Long.parseLong(properties.getProperty("generation", "-1")));
        } catch (IOException | NumberFormatException e) {
            return new Holder("", -1);
        }
    }
}
