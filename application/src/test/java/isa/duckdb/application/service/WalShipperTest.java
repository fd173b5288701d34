package isa.duckdb.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shipping a database's log before writes are answered ({@code --durability commit}), with a scripted log. */
class WalShipperTest {
    private final AtomicLong logLength = new AtomicLong();
    private volatile String fileMarker = "file-1";
    private final List<String> shipments = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failNext;
    private volatile CountDownLatch holdStore;
    private final CountDownLatch storing = new CountDownLatch(1);
    private final ExecutorService writers = Executors.newCachedThreadPool();

    private final WalShipper.Log log = new WalShipper.Log() {
        @Override
        public long length() {
            return logLength.get();
        }

        @Override
        public String fileMarker() {
            return fileMarker;
        }
    };

    private final WalShipper.Sink sink = (base, seq, from, to) -> {
        storing.countDown();
        CountDownLatch hold = holdStore;
        if (hold != null) {
            await(hold);
        }
        RuntimeException failure = failNext;
        if (failure != null) {
            failNext = null;
            throw failure;
        }
        shipments.add(base + "#" + seq + "[" + from + "," + to + ")");
    };

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void aWriteReturnsOnlyOnceItsLogBytesAreStoredAsTheNextSegment() {
        WalShipper shipper = new WalShipper("ledger", log, sink, "b1");
        logLength.set(120);
        shipper.shipThrough(120);
        logLength.set(200);
        shipper.shipThrough(200);

        assertThat(shipments).containsExactly("b1#0[0,120)", "b1#1[120,200)");
        assertThat(shipper.shippedLength()).isEqualTo(200);
    }

    @Test
    void writersThatCommitWhileAShipmentIsUnderWayShareTheNextOne() throws Exception {
        WalShipper shipper = new WalShipper("ledger", log, sink, "b1");
        holdStore = new CountDownLatch(1);
        logLength.set(10);
        Future<?> leader = writers.submit(() -> shipper.shipThrough(10));
        await(storing);
        List<Future<?>> followers = new ArrayList<>();
        logLength.set(20);
        followers.add(writers.submit(() -> shipper.shipThrough(20)));
        logLength.set(30);
        followers.add(writers.submit(() -> shipper.shipThrough(30)));
        followers.add(writers.submit(() -> shipper.shipThrough(25)));
        waitUntilBlocked(followers.size() + 1);

        holdStore.countDown();
        leader.get(10, TimeUnit.SECONDS);
        for (Future<?> follower : followers) {
            follower.get(10, TimeUnit.SECONDS);
        }

        assertThat(shipments).as("one shipment for the leader, one for the three writers behind it")
                .containsExactly("b1#0[0,10)", "b1#1[10,30)");
    }

    @Test
    void aShipmentStorageRefusesIsUnavailableAndIsRetriedFromTheSameOffsetByTheNextWrite() {
        WalShipper shipper = new WalShipper("ledger", log, sink, "b1");
        logLength.set(50);
        failNext = new ServiceException(ErrorKind.UNAVAILABLE, "storage at host:9000 is unreachable");

        assertThatThrownBy(() -> shipper.shipThrough(50)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("committed the write on this instance, but it is not durable",
                    "treat its outcome as unknown");
        });
        assertThat(shipper.shippedLength()).isZero();

        logLength.set(80);
        shipper.shipThrough(80);
        assertThat(shipments).containsExactly("b1#0[0,80)");
    }

    @Test
    void nothingShipsWithoutAStoredBaseUntilASyncStoresOne() {
        WalShipper shipper = new WalShipper("ledger", log, sink, null);
        logLength.set(40);

        assertThatThrownBy(() -> shipper.shipThrough(40)).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
        assertThat(shipments).isEmpty();

        fileMarker = "file-2";
        logLength.set(0);
        shipper.rebase("b2");
        logLength.set(30);
        shipper.shipThrough(30);
        assertThat(shipments).containsExactly("b2#0[0,30)");
    }

    @Test
    void aCheckpointOfTheFileBehindTheShippersBackStopsShippingUntilTheNextBase() {
        WalShipper shipper = new WalShipper("ledger", log, sink, "b1");
        logLength.set(60);
        shipper.shipThrough(60);
        fileMarker = "file-2";
        logLength.set(90);

        assertThatThrownBy(() -> shipper.shipThrough(90)).isInstanceOf(ServiceException.class);
        assertThat(shipper.needsBase()).isTrue();
        assertThat(shipments).containsExactly("b1#0[0,60)");
    }

    @Test
    void aShipmentTheFenceRefusesIsRethrownAsSuperseded() {
        WalShipper shipper = new WalShipper("ledger", log, sink, "b1");
        logLength.set(10);
        failNext = new SupersededException("database 'ledger' is owned by instance b (generation 2) now");

        assertThatThrownBy(() -> shipper.shipThrough(10)).isInstanceOf(SupersededException.class);
    }

    @Test
    void aWriteAlreadyCoveredByAnEarlierShipmentReturnsWithoutShipping() {
        WalShipper shipper = new WalShipper("ledger", log, sink, "b1");
        logLength.set(70);
        shipper.shipThrough(70);

        shipper.shipThrough(50);

        assertThat(shipments).hasSize(1);
    }

    private void waitUntilBlocked(int count) throws InterruptedException {
        for (int i = 0; i < 2000; i++) {
            long waiting = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getState() != Thread.State.RUNNABLE)
                    .filter(t -> List.of(t.getStackTrace()).stream()
                            .anyMatch(f -> f.getMethodName().equals("shipThrough")))
                    .count();
            if (waiting >= count) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the writers did not all wait for the shipment under way");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
