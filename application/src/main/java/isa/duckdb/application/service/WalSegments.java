package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * The write-ahead-log segments of {@code --durability commit} in storage ({@link StorageLayout#walSegmentKey}):
 * storing one under the generation fence, finding the chain that applies to a base, and dropping the segments a
 * new base covers.
 *
 * <p>A segment belongs to the base whose content id ({@link #contentId}: the first 16 hex digits of the SHA-256 of
 * the database file) is in its key. DuckDB's log carries nothing that ties it to one database file (measured with
 * DuckDB 1.5: an older log replayed on a newer file applies its changes twice), so segments of any other base, left
 * by a crash between a base upload and the removal of the segments it covers, are never replayed.
 */
final class WalSegments {
    private static final System.Logger LOG = System.getLogger(WalSegments.class.getName());
    private static final int CONTENT_ID_HEX = 16;

    /** One stored segment, parsed from its key. */
    record Segment(String key, long seq, long generation) {
    }

    private final ObjectStorage storage;
    private final GenerationFence fence;

    WalSegments(ObjectStorage storage, GenerationFence fence) {
        this.storage = storage;
        this.fence = fence;
    }

    /**
     * Stores log bytes {@code [from, to)} of {@code engine} as segment {@code seq} on top of {@code base}, then reads
     * the fence: when it no longer names {@code lease}, the segment is removed again and {@link SupersededException}
     * thrown (an instance that lost its lease does not ship). {@code folder} holds the bytes in transit (the
     * database's working folder, not the tenant's scratch folder).
     */
    void store(DatabaseKey key, OwnershipLease lease, EngineDatabase engine, Path folder, String base, long seq,
            long from, long to) {
        String objectKey = StorageLayout.walSegmentKey(key.name(), base, seq, lease.generation(),
                lease.owner().instanceId());
        Path bytes = folder.resolve(".wal-segment-" + seq + "-" + Thread.currentThread().getId());
        try {
            engine.copyWal(from, to, bytes);
            storage.upload(key.bucket(), objectKey, bytes);
        } finally {
            LocalFiles.deleteQuietly(bytes);
        }
        try {
            fence.requireCurrent(key, lease);
        } catch (SupersededException e) {
            deleteQuietly(key, objectKey);
            LOG.log(Level.ERROR, "Log shipment of {0} refused, this instance no longer owns it: {1}", key,
                    e.getMessage());
            throw e;
        }
    }

    /** Whether any log segment of the database is stored (one listing of its {@code .wal/{name}/} prefix). */
    boolean anyStored(DatabaseKey key) {
        return storage.list(key.bucket(), StorageLayout.walPrefix(key.name())).iterator().hasNext();
    }

    /**
     * The segments to replay on top of base {@code base}, in order: sequence numbers from 0 without a gap (a gap
     * ends the chain, logged); of two segments with one number (a shipment an old owner made after losing its lease
     * and could not remove), the higher generation's.
     */
    List<Segment> chain(DatabaseKey key, String base) {
        TreeMap<Long, Segment> bySeq = new TreeMap<>();
        String prefix = StorageLayout.walBasePrefix(key.name(), base);
        for (StoredObject object : storage.list(key.bucket(), prefix)) {
            Segment segment = parse(object.key(), prefix);
            if (segment == null) {
                continue;
            }
            Segment other = bySeq.get(segment.seq());
            if (other != null) {
                LOG.log(Level.WARNING, "Two log segments {0} and {1} of {2}; replaying the one of the newer generation",
                        other.key(), segment.key(), key);
            }
            if (other == null || segment.generation() > other.generation()) {
                bySeq.put(segment.seq(), segment);
            }
        }
        List<Segment> chain = new ArrayList<>();
        long expected = 0;
        for (Segment segment : bySeq.values()) {
            if (segment.seq() != expected) {
                LOG.log(Level.ERROR, "Log segment {0} of {1} is missing; segments from {2} on are not replayed",
                        expected, key, segment.key());
                break;
            }
            chain.add(segment);
            expected++;
        }
        return chain;
    }

    /** Downloads the chain's segments and appends them, in order, to {@code walFile} (created or replaced). */
    void download(DatabaseKey key, List<Segment> chain, Path walFile, Path folder) {
        Path part = folder.resolve(".wal-replay-part");
        try (OutputStream out = Files.newOutputStream(walFile, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (Segment segment : chain) {
                storage.download(key.bucket(), segment.key(), part);
                try (InputStream in = Files.newInputStream(part)) {
                    in.transferTo(out);
                }
            }
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "could not write the replayed log of database '"
                    + key.name() + "'", e);
        } finally {
            LocalFiles.deleteQuietly(part);
        }
    }

    /**
     * Removes every segment not on top of {@code base} (a new base covers them); failures are logged, the next
     * base upload tries again and replay ignores them meanwhile.
     */
    void dropAllBut(DatabaseKey key, String base) {
        String keep = base == null ? null : StorageLayout.walBasePrefix(key.name(), base);
        try {
            for (StoredObject object : storage.list(key.bucket(), StorageLayout.walPrefix(key.name()))) {
                if (keep == null || !object.key().startsWith(keep)) {
                    storage.delete(key.bucket(), object.key());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove the log segments of {0} that its new base covers: {1}", key,
                    e.getMessage());
        }
    }

    /** The content id of a database file: the first 16 hex digits of its SHA-256. */
    static String contentId(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, CONTENT_ID_HEX);
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "could not read a database file to identify it", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private void deleteQuietly(DatabaseKey key, String objectKey) {
        try {
            storage.delete(key.bucket(), objectKey);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove the refused log segment {0} of {1}: {2}", objectKey, key,
                    e.getMessage());
        }
    }

    /** {@code {seq}-g{generation}-{instance}} after the prefix; null for anything else. */
    private static Segment parse(String objectKey, String prefix) {
        String rest = objectKey.substring(prefix.length());
        int dash = rest.indexOf("-g");
        if (dash != 10) {
            return null;
        }
        int next = rest.indexOf('-', dash + 2);
        try {
            long seq = Long.parseLong(rest.substring(0, dash));
            long generation = Long.parseLong(rest.substring(dash + 2, next < 0 ? rest.length() : next));
            return new Segment(objectKey, seq, generation);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
