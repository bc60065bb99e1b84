package uk.lhs.common.lakehouse;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Counts what a stage costs: Spark jobs and tasks (a {@link SparkListener} on the session's listener bus) and Delta
 * commits (counted by the {@link DeltaTableWriter}, through which every commit goes). Stages take a {@link #snapshot()}
 * before and after and record the difference.
 *
 * <p>The listener bus is asynchronous: {@link #snapshot()} first waits (bounded) for the bus to deliver the events
 * already posted, so a snapshot taken right after a job includes it.
 */
public final class CostCounter extends SparkListener {
    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final SparkSession spark;

    private CostCounter(SparkSession spark) {
        this.spark = spark;
    }

    /** A counter registered on the session's listener bus. */
    public static CostCounter attach(SparkSession spark) {
        CostCounter counter = new CostCounter(spark);
        spark.sparkContext().addSparkListener(counter);
        return counter;
    }

    /** Stops counting (removes the listener). */
    public void detach() {
        spark.sparkContext().removeSparkListener(this);
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        tasks.incrementAndGet();
    }

    /** Called by the writer once per Delta commit it made. */
    void commitMade() {
        commits.incrementAndGet();
    }

    /** Totals so far, after the listener bus has delivered the events already posted (waits at most 10 s). */
    public Cost snapshot() {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
        } catch (java.util.concurrent.TimeoutException e) {
            // a busy bus: report what has been delivered; the figures are then a lower bound
        }
        return new Cost(jobs.get(), tasks.get(), commits.get());
    }

    /**
     * Spark jobs, Spark tasks and Delta commits.
     *
     * @param jobs Spark jobs started
     * @param tasks Spark tasks ended (including failed and speculative attempts)
     * @param deltaCommits Delta commits made through the writer
     */
    public record Cost(long jobs, long tasks, long deltaCommits) {
        /** Nothing done. */
        public static final Cost ZERO = new Cost(0, 0, 0);

        /** What happened between {@code earlier} and this snapshot. */
        public Cost minus(Cost earlier) {
            return new Cost(jobs - earlier.jobs, tasks - earlier.tasks, deltaCommits - earlier.deltaCommits);
        }

        @Override
        public String toString() {
            return jobs + " Spark jobs, " + tasks + " tasks, " + deltaCommits + " Delta commits";
        }
    }
}
