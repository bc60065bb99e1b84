package uk.lhs.common.lakehouse;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;

/**
 * Two processes creating one Delta table at once: the one that loses fails, either on the commit of version 0 or,
 * earlier, with {@code DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION}, because the winner has made {@code _delta_log} but
 * not yet written its first commit. Under load that gap lasts seconds (seen in {@code OverlappingRunsIT} on the lease
 * table), so the loser waits for the table to appear instead of failing. That failure is a Scala
 * {@code AnalysisException}, checked in Java's eyes: callers catch {@code Exception}, not {@code RuntimeException}.
 */
final class ConcurrentCreate {
    /** How long a failed CREATE waits for the other creator's first commit. */
    static final Duration WAIT = Duration.ofSeconds(30);

    private ConcurrentCreate() {}

    /** Whether a Delta table is at {@code location} now or appears there within {@link #WAIT}. */
    static boolean appeared(SparkSession spark, String location) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!committed(spark, location)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100 + ThreadLocalRandom.current().nextLong(200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return committed(spark, location);
            }
        }
        return true;
    }

    /**
     * Whether the table has a first commit, from a listing of its log: a Delta log cached when the table did not exist
     * yet would keep saying so.
     */
    private static boolean committed(SparkSession spark, String location) {
        return Lakehouse.logVersion(spark, location) >= 0;
    }
}
