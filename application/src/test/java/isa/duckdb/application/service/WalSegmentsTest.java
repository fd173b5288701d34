package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.InMemoryObjectStorage;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.DatabaseName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log segments of {@code --durability commit} in storage: fenced stores, the chain replayed, old ones dropped. */
class WalSegmentsTest {
    private static final String BUCKET = "user-alice-duckdb";
    private static final DatabaseKey KEY = new DatabaseKey(BUCKET, DatabaseName.of("ledger"));
    private static final DatabaseOwner A = new DatabaseOwner("duckdb-service-a", "10.0.0.1:50052");
    private static final DatabaseOwner B = new DatabaseOwner("duckdb-service-b", "10.0.0.2:50052");
    private static final OwnershipLease A1 = new OwnershipLease(BUCKET, "ledger", 1, A);
    private static final OwnershipLease B2 = new OwnershipLease(BUCKET, "ledger", 2, B);

    @TempDir
    Path folder;

    private final InMemoryObjectStorage storage = new InMemoryObjectStorage();
    private final GenerationFence fence = new GenerationFence(storage);
    private final WalSegments segments = new WalSegments(storage, fence);
    private final byte[] log = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    @BeforeEach
    void bucket() {
        storage.ensureBucket(BUCKET);
    }

    @Test
    void storedSegmentsComeBackAsOneLogInOrder() throws Exception {
        fence.enter(KEY, A1);
        segments.store(KEY, A1, engine(), folder, "b1", 0, 0, 4);
        segments.store(KEY, A1, engine(), folder, "b1", 1, 4, 15);
        segments.store(KEY, A1, engine(), folder, "b1", 2, 15, 20);

        List<WalSegments.Segment> chain = segments.chain(KEY, "b1");
        Path replayed = folder.resolve("replayed.wal");
        segments.download(KEY, chain, replayed, folder);

        assertThat(chain).extracting(WalSegments.Segment::seq).containsExactly(0L, 1L, 2L);
        assertThat(Files.readAllBytes(replayed)).isEqualTo(log);
        assertThat(keys()).first().asString()
                .isEqualTo(".wal/ledger/b1/0000000000-g1-duckdb-service-a");
    }

    @Test
    void segmentsOfAnotherBaseAreNotPartOfTheChain() {
        fence.enter(KEY, A1);
        segments.store(KEY, A1, engine(), folder, "b0", 0, 0, 10);
        segments.store(KEY, A1, engine(), folder, "b1", 0, 0, 5);

        assertThat(segments.chain(KEY, "b1")).hasSize(1);
        assertThat(segments.chain(KEY, "b2")).isEmpty();
    }

    @Test
    void aMissingSegmentEndsTheChain() {
        fence.enter(KEY, A1);
        segments.store(KEY, A1, engine(), folder, "b1", 0, 0, 5);
        segments.store(KEY, A1, engine(), folder, "b1", 2, 10, 15);

        assertThat(segments.chain(KEY, "b1")).extracting(WalSegments.Segment::seq).containsExactly(0L);
    }

    @Test
    void anInstanceThatLostItsLeaseCannotShipAndLeavesNoSegment() {
        fence.enter(KEY, A1);
        fence.enter(KEY, B2);

        assertThatThrownBy(() -> segments.store(KEY, A1, engine(), folder, "b1", 0, 0, 5))
                .isInstanceOf(SupersededException.class);
        assertThat(segments.chain(KEY, "b1")).isEmpty();
        assertThat(keys()).isEmpty();
    }

    @Test
    void ofTwoSegmentsWithOneNumberTheNewerGenerationsIsReplayed() {
        fence.enter(KEY, B2);
        segments.store(KEY, B2, engine(), folder, "b1", 0, 0, 5);
        storage.put(BUCKET, StorageLayout.walSegmentKey(KEY.name(), "b1", 0, 1, A.instanceId()), new byte[] {1});

        assertThat(segments.chain(KEY, "b1")).extracting(WalSegments.Segment::generation).containsExactly(2L);
    }

    @Test
    void aNewBaseDropsEverySegmentOfOtherBases() {
        fence.enter(KEY, A1);
        segments.store(KEY, A1, engine(), folder, "b0", 0, 0, 5);
        segments.store(KEY, A1, engine(), folder, "b1", 0, 0, 5);
        storage.put(BUCKET, "ledger.duckdb", new byte[] {1});

        segments.dropAllBut(KEY, "b1");

        assertThat(keys()).containsExactly("ledger.duckdb", ".wal/ledger/b1/0000000000-g1-duckdb-service-a");
    }

    @Test
    void theContentIdFollowsTheFilesBytes() throws Exception {
        Path one = Files.write(folder.resolve("one"), new byte[] {1, 2, 3});
        Path same = Files.write(folder.resolve("same"), new byte[] {1, 2, 3});
        Path other = Files.write(folder.resolve("other"), new byte[] {1, 2, 4});

        assertThat(WalSegments.contentId(one)).hasSize(16).isEqualTo(WalSegments.contentId(same))
                .isNotEqualTo(WalSegments.contentId(other));
    }

    private List<String> keys() {
        return storage.list(BUCKET, "").stream().map(StoredObject::key).filter(k -> !k.equals(".generation/ledger"))
                .sorted((a, b) -> order(a) - order(b)).toList();
    }

    private static int order(String key) {
        return key.startsWith(".wal") ? 1 : 0;
    }

    /** An engine whose log holds {@link #log}. */
    private EngineDatabase engine() {
        return new EngineDatabase() {
            @Override
            public long walLength() {
                return log.length;
            }

            @Override
            public void copyWal(long from, long to, Path target) {
                try {
                    Files.write(target, Arrays.copyOfRange(log, (int) from, (int) to));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public EngineSession openSession() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void snapshotTo(Path target) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String changeMarker() {
                return "";
            }

            @Override
            public int tableCount() {
                return 0;
            }

            @Override
            public long sizeBytes() {
                return log.length;
            }

            @Override
            public long memoryBytes() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }
}
