package uk.lhs.common.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.testing.SharedSpark;

/**
 * The stage lease against real Delta commits: racing acquirers (threads of one JVM started by one latch, so their
 * MERGEs overlap) never both win; a waiting run gets the lease when the holder closes; a refused run is told the
 * holder's run id and since when; a lapsed lease or one whose holder process on this host is dead is taken over; the
 * heartbeat keeps a held lease alive past its TTL.
 */
class LakehouseLeaseIT {
    static SparkSession spark;
    static Lakehouse lakehouse;
    static ExecutorService pool;

    @BeforeAll
    static void setUp() {
        spark = SharedSpark.session();
        lakehouse = new Lakehouse(spark, SharedSpark.newLakehouse("lease").toString());
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    private String table() {
        return lakehouse.root() + "/" + LakehouseLease.TABLE_DIR;
    }

    /** Runs {@code n} tasks released together by one latch; returns their results in order. */
    private static <T> List<T> together(int n, IntFunction<T> task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                go.await();
                return task.apply(k);
            }));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    void racingCompareAndSetCommitsHaveOneWinner() throws Exception {
        // Fresh stage: every racer saw no row, so each MERGE may only insert; Delta's conflict check must stop all
        // but one. Then the same race to replace one lapsed holder.
        LakehouseLease.acquire(lakehouse, "warm-up", "r0", Duration.ZERO).close(); // creates the table
        for (int round = 0; round < 3; round++) {
            String stage = "cas-" + round;
            List<Boolean> won = together(
                    3,
                    k -> LakehouseLease.take(spark, table(), holder(stage, "run-" + k, Duration.ofMinutes(1)), null));
            assertEquals(1, won.stream().filter(b -> b).count(), "insert race " + round + ": " + won);
            LakehouseLease.Holder seen =
                    LakehouseLease.read(spark, table(), stage).orElseThrow();
            List<Boolean> replaced = together(
                    3,
                    k -> LakehouseLease.take(spark, table(), holder(stage, "next-" + k, Duration.ofMinutes(1)), seen));
            assertEquals(1, replaced.stream().filter(b -> b).count(), "replace race " + round + ": " + replaced);
            assertTrue(LakehouseLease.read(spark, table(), stage)
                    .orElseThrow()
                    .runId()
                    .startsWith("next-"));
        }
        assertEquals(
                0,
                spark.sql("SELECT stage FROM delta.`" + table() + "` GROUP BY stage HAVING count(*) > 1")
                        .count());
    }

    @Test
    void racingRunsOneHoldsTheOthersAreRefusedWithTheHolder() throws Exception {
        List<Object> outcomes = together(3, k -> {
            try {
                return LakehouseLease.acquire(lakehouse, "ingest", "run-" + k, Duration.ZERO);
            } catch (LakehouseLease.Unavailable e) {
                return e;
            }
        });
        List<LakehouseLease> held = outcomes.stream()
                .filter(o -> o instanceof LakehouseLease)
                .map(o -> (LakehouseLease) o)
                .toList();
        assertEquals(1, held.size(), outcomes.toString());
        LakehouseLease winner = held.get(0);
        for (Object o : outcomes) {
            if (o instanceof LakehouseLease.Unavailable e) {
                assertTrue(
                        e.getMessage().contains("held by run " + winner.holder().runId() + " ")
                                && e.getMessage()
                                        .contains("since " + winner.holder().acquiredAt())
                                && !e.getMessage().contains("\n"),
                        e.getMessage());
            }
        }
        winner.close();
        assertTrue(LakehouseLease.read(spark, table(), "ingest").isEmpty(), "close releases the lease");
        LakehouseLease.acquire(lakehouse, "ingest", "run-later", Duration.ZERO).close();
    }

    @Test
    void aWaitingRunGetsTheLeaseWhenTheHolderCloses() throws Exception {
        LakehouseLease first = LakehouseLease.acquire(lakehouse, "spc", "first", Duration.ZERO);
        Future<Instant> second = pool.submit(() -> {
            try (LakehouseLease l = LakehouseLease.acquire(lakehouse, "spc", "second", Duration.ofSeconds(60))) {
                return l.holder().acquiredAt();
            }
        });
        Thread.sleep(3000);
        assertFalse(second.isDone(), "the second run waits while the first holds the stage");
        Instant released = Instant.now();
        first.close();
        assertFalse(second.get().isBefore(released.minusMillis(1)), "taken only after the release");
        // Another stage is not held by a lease on spc.
        LakehouseLease.acquire(lakehouse, "evaluate", "other", Duration.ZERO).close();
    }

    @Test
    void aLapsedLeaseOrOneOfADeadLocalProcessIsTakenOver() throws Exception {
        // A run on another host that stopped renewing: its lease lapses after the TTL.
        LakehouseLease.acquire(lakehouse, "warm-up", "r0", Duration.ZERO).close();
        LakehouseLease.Holder remote =
                new LakehouseLease.Holder("indicators", "remote-run", now(), now().plusSeconds(3), "another-host", 1L);
        assertTrue(LakehouseLease.take(spark, table(), remote, null));
        assertThrows(
                LakehouseLease.Unavailable.class,
                () -> LakehouseLease.acquire(lakehouse, "indicators", "local", Duration.ZERO));
        try (LakehouseLease l = LakehouseLease.acquire(lakehouse, "indicators", "local", Duration.ofSeconds(30))) {
            assertEquals("local", l.holder().runId());
        }
        // A killed process on this host: its lease is free at once, long before its expiry.
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        LakehouseLease.Holder killed = new LakehouseLease.Holder(
                "ingest-dead", "killed-run", now(), now().plus(Duration.ofHours(1)), LakehouseLease.HOST, p.pid());
        assertTrue(LakehouseLease.take(spark, table(), killed, null));
        try (LakehouseLease l = LakehouseLease.acquire(lakehouse, "ingest-dead", "rerun", Duration.ZERO)) {
            assertEquals("rerun", l.holder().runId());
        }
    }

    @Test
    void theHeartbeatKeepsAHeldLeasePastItsTtl() throws Exception {
        try (LakehouseLease l =
                LakehouseLease.acquire(lakehouse, "long", "holder", Duration.ZERO, Duration.ofSeconds(3))) {
            Thread.sleep(7000);
            LakehouseLease.Holder row =
                    LakehouseLease.read(spark, table(), "long").orElseThrow();
            assertTrue(row.expiresAt().isAfter(l.holder().expiresAt()), "renewed: " + row);
            // Seen from another host (so the process check does not apply), the lease is still live.
            assertTrue(Instant.now().isBefore(row.expiresAt()), "still live: " + row);
            assertNull(l.lost());
        }
    }

    private static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    private static LakehouseLease.Holder holder(String stage, String runId, Duration ttl) {
        Instant now = now();
        return new LakehouseLease.Holder(stage, runId, now, now.plus(ttl), "test-host", 7L);
    }
}
