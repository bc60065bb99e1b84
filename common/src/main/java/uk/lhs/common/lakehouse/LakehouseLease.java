package uk.lhs.common.lakehouse;

import io.delta.tables.DeltaTable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One writer at a time per stage: a lease on a stage of one lakehouse, held by one run, taken by a conditional Delta
 * commit and released on {@link #close()}.
 *
 * <p>The leases live in a small Delta table, {@code <lakehouse>/}{@value #TABLE_DIR} (one row per held stage: holder
 * run id, host and process id, acquired_at, expires_at; internal, so not among the contracts in {@code tables/}).
 * Acquiring reads the stage's row and, when there is none or its holder is gone, commits a MERGE whose update is
 * conditioned on the row being exactly the one it read (compare-and-set on holder and expiry). Two acquirers racing
 * for the same stage cannot both win: both MERGEs read the (unpartitioned) table, so whichever commits second fails
 * Delta's conflict check with a {@code ConcurrentAppendException} or {@code ConcurrentDeleteReadException} (MERGE vs
 * MERGE "can conflict" under both isolation levels, and files added anywhere in an unpartitioned table conflict with a
 * transaction that read it: docs.delta.io/concurrency-control, "Write conflicts" and "ConcurrentAppendException"); the
 * loser reads the winner's row and waits. A MERGE that committed reports how many rows it inserted or updated, so the
 * acquirer knows whether its condition held.
 *
 * <p>A holder is gone when its lease expired ({@code expires_at}, renewed by a heartbeat every fifth of the TTL while
 * the lease is held, so a killed run's lease lapses within one TTL), or at once when it ran on this host and its
 * process no longer exists. An overlapping run polls until the lease is free or {@code wait} has passed, then stops
 * with {@link Unavailable}, whose one-line message names the holder's run id and since when it has held the stage.
 *
 * <pre>{@code
 * try (LakehouseLease lease = LakehouseLease.acquire(lakehouse, "ingest", runId, wait, ttl)) {
 *     ... the stage's writes ...
 * }
 * }</pre>
 */
public final class LakehouseLease implements AutoCloseable {
    /** The lease table, relative to the lakehouse root. */
    public static final String TABLE_DIR = "_lhs/leases";
    /** Default {@code lhs.lease.wait}. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);
    /** Default {@code lhs.lease.ttl}. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** Heartbeats per TTL: a lease survives four missed renewals. */
    static final int HEARTBEATS_PER_TTL = 5;
    /** How many times a renewal or release is retried when another lease commit got in first. */
    static final int COMMIT_ATTEMPTS = 20;

    private final SparkSession spark;
    private final String table;
    private final Holder held;
    private final Duration ttl;
    private final Thread heartbeat;
    private final Object monitor = new Object();
    private volatile boolean closed;
    private volatile String lost;

    /**
     * A row of the lease table.
     *
     * @param stage the stage the lease is on
     * @param runId the holder's run id
     * @param acquiredAt when the holder took the lease
     * @param expiresAt when it lapses unless renewed
     * @param host the holder's host name
     * @param pid the holder's process id
     */
    public record Holder(String stage, String runId, Instant acquiredAt, Instant expiresAt, String host, long pid) {
        /** Whether this lease still excludes others at {@code now} (seen from this process). */
        boolean live(Instant now) {
            if (!now.isBefore(expiresAt)) {
                return false;
            }
            if (host.equals(HOST) && pid != PID) {
                return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            }
            return true;
        }

        /** What a waiting or refused run is told. */
        String describe() {
            return "run " + runId + " (pid " + pid + " on " + host + ") since " + acquiredAt;
        }
    }

    /** The lease was held by another run for longer than the wait. */
    public static final class Unavailable extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    static final String HOST = hostName();
    static final long PID = ProcessHandle.current().pid();

    private LakehouseLease(SparkSession spark, String table, Holder held, Duration ttl) {
        this.spark = spark;
        this.table = table;
        this.held = held;
        this.ttl = ttl;
        this.heartbeat = new Thread(this::heartbeatLoop, "lhs-lease-" + held.stage());
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    /** {@link #acquire(Lakehouse, String, String, Duration, Duration)} with the default TTL. */
    public static LakehouseLease acquire(Lakehouse lakehouse, String stage, String runId, Duration wait) {
        return acquire(lakehouse, stage, runId, wait, DEFAULT_TTL);
    }

    /**
     * Takes the lease on {@code stage}, waiting up to {@code wait} while another live run holds it.
     *
     * @param lakehouse the lakehouse the stage writes
     * @param stage the stage name
     * @param runId the run taking it
     * @param wait how long to wait for another run's lease
     * @param ttl how long the lease outlives its last renewal (a killed holder on another host blocks this long)
     * @throws Unavailable when another run still holds it after {@code wait}
     */
    public static LakehouseLease acquire(Lakehouse lakehouse, String stage, String runId, Duration wait, Duration ttl) {
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || wait.isNegative()) {
            throw new IllegalArgumentException(
                    "lease ttl must be at least 1s and wait not negative: " + ttl + ", " + wait);
        }
        SparkSession spark = lakehouse.spark();
        String table = lakehouse.root() + "/" + TABLE_DIR;
        ensureTable(spark, table);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (true) {
            long version = Lakehouse.logVersion(spark, table);
            Instant now = Instant.now();
            Optional<Holder> current = read(spark, table, stage);
            if (current.isEmpty()
                    || !current.get().live(now)
                    || current.get().runId().equals(runId)) {
                Holder mine = new Holder(
                        stage,
                        runId,
                        Instant.ofEpochMilli(now.toEpochMilli()),
                        Instant.ofEpochMilli(now.plus(ttl).toEpochMilli()),
                        HOST,
                        PID);
                if (take(spark, table, mine, current.orElse(null))) {
                    return new LakehouseLease(spark, table, mine, ttl);
                }
                continue; // another acquirer committed first: read its row and judge again
            }
            Holder other = current.get();
            if (!told && System.nanoTime() < deadline) {
                System.err.println("lhs: stage " + stage + " is held by " + other.describe() + "; run " + runId
                        + " waits up to " + human(wait) + " (lhs.lease.wait)");
                told = true;
            }
            // Poll without Spark jobs: the commit-file listing shows a release or renewal, the clock an expiry, the
            // process table a dead local holder; only then is the row read again.
            while (version == Lakehouse.logVersion(spark, table) && other.live(Instant.now())) {
                if (System.nanoTime() >= deadline) {
                    throw new Unavailable("stage " + stage + " of this lakehouse is held by " + other.describe()
                            + " (lease expires " + other.expiresAt() + " unless renewed); run " + runId
                            + " waited " + human(wait) + " (lhs.lease.wait) and stops");
                }
                sleep(Math.min(500 + ThreadLocalRandom.current().nextLong(500), remainingMillis(deadline) + 1));
            }
        }
    }

    /** The lease this object holds. */
    public Holder holder() {
        return held;
    }

    /** Why the lease was lost while held (a renewal found another holder), or null. */
    public String lost() {
        return lost;
    }

    /** Stops the heartbeat and deletes the lease row (if it is still this holder's); never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (monitor) {
            closed = true;
            monitor.notifyAll(); // a renewal in flight finishes first (join below): a commit is never interrupted
        }
        try {
            heartbeat.join(ttl.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            retrying(() -> spark.sql("DELETE FROM delta.`" + table + "` WHERE " + mineCondition(held))
                    .collectAsList());
        } catch (RuntimeException e) {
            System.err.println("lhs: could not release the lease on stage " + held.stage() + " (it lapses at the"
                    + " latest " + ttl + " after its last renewal): " + e.getMessage());
        }
        if (lost != null) {
            System.err.println("lhs: warning: " + lost);
        }
    }

    private void heartbeatLoop() {
        long every = Math.max(200, ttl.toMillis() / HEARTBEATS_PER_TTL);
        while (!closed) {
            synchronized (monitor) {
                try {
                    if (!closed) {
                        monitor.wait(every);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (closed) {
                return;
            }
            try {
                long until = Instant.now().plus(ttl).toEpochMilli();
                long renewed = retrying(() -> affected(spark.sql("UPDATE delta.`" + table
                        + "` SET expires_at = timestamp_millis(" + until + ") WHERE " + mineCondition(held))));
                if (renewed == 0 && !closed) {
                    lost = "the lease on stage " + held.stage() + " of run " + held.runId()
                            + " lapsed and was taken by another run while this run still held it";
                    return;
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    System.err.println("lhs: lease renewal failed (retried at the next heartbeat): " + e.getMessage());
                }
            }
        }
    }

    /**
     * The compare-and-set: inserts {@code mine} when the stage has no row, or replaces the row when it is still
     * exactly {@code seen} (null: none was seen, so only an insert may happen). Returns whether the commit made
     * {@code mine} the holder; false when the condition failed or another lease commit got in first.
     */
    static boolean take(SparkSession spark, String table, Holder mine, Holder seen) {
        String matched = seen == null
                ? "false"
                : "t.holder_run_id = " + quote(seen.runId()) + " AND unix_millis(t.acquired_at) = "
                        + seen.acquiredAt().toEpochMilli() + " AND unix_millis(t.expires_at) = "
                        + seen.expiresAt().toEpochMilli();
        String sql = "MERGE INTO delta.`" + table + "` t USING (SELECT " + quote(mine.stage()) + " AS stage, "
                + quote(mine.runId()) + " AS holder_run_id, timestamp_millis("
                + mine.acquiredAt().toEpochMilli() + ") AS acquired_at, timestamp_millis("
                + mine.expiresAt().toEpochMilli() + ") AS expires_at, " + quote(mine.host()) + " AS holder_host, "
                + mine.pid() + "L AS holder_pid) s ON t.stage = s.stage"
                + " WHEN MATCHED AND " + matched + " THEN UPDATE SET *"
                + " WHEN NOT MATCHED THEN INSERT *";
        try {
            return affected(spark.sql(sql)) == 1;
        } catch (RuntimeException e) {
            if (isConflict(e)) {
                sleep(50 + ThreadLocalRandom.current().nextLong(200));
                return false;
            }
            throw e;
        }
    }

    /** The stage's lease row, if any, as of the table's latest version. */
    static Optional<Holder> read(SparkSession spark, String table, String stage) {
        List<Row> rows = spark.sql("SELECT stage, holder_run_id, unix_millis(acquired_at), unix_millis(expires_at),"
                        + " holder_host, holder_pid FROM delta.`" + table + "` WHERE stage = " + quote(stage))
                .collectAsList();
        if (rows.size() > 1) {
            throw new IllegalStateException(
                    "lease table " + table + " holds " + rows.size() + " rows for stage " + stage + ": " + rows);
        }
        return rows.stream()
                .findFirst()
                .map(r -> new Holder(
                        r.getString(0),
                        r.getString(1),
                        Instant.ofEpochMilli(r.getLong(2)),
                        Instant.ofEpochMilli(r.getLong(3)),
                        r.getString(4),
                        r.getLong(5)));
    }

    private static void ensureTable(SparkSession spark, String table) {
        for (int attempt = 0; !DeltaTable.isDeltaTable(spark, table); attempt++) {
            try {
                spark.sql(
                        "CREATE TABLE IF NOT EXISTS delta.`" + table + "` (stage STRING NOT NULL, holder_run_id STRING"
                                + " NOT NULL, acquired_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL, holder_host"
                                + " STRING NOT NULL, holder_pid BIGINT NOT NULL) USING delta");
            } catch (Exception e) { // DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION is a checked AnalysisException
                // Two processes creating it at once: one commits version 0, the other fails and waits for it.
                if (ConcurrentCreate.appeared(spark, table)) {
                    return;
                }
                if (attempt >= 5) {
                    throw e;
                }
                sleep(100 + ThreadLocalRandom.current().nextLong(200));
            }
        }
    }

    /** A duration as lhs configuration writes it: {@code 10m}, {@code 30s}, {@code 1h30m}. */
    static String human(Duration d) {
        return d.isZero() ? "0s" : d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static String mineCondition(Holder h) {
        return "stage = " + quote(h.stage()) + " AND holder_run_id = " + quote(h.runId())
                + " AND unix_millis(acquired_at) = " + h.acquiredAt().toEpochMilli();
    }

    /** Rows a Delta DML statement changed: its {@code num_affected_rows}. */
    private static long affected(org.apache.spark.sql.Dataset<Row> result) {
        Row r = result.first();
        return r.getLong(r.fieldIndex("num_affected_rows"));
    }

    private static <T> T retrying(java.util.function.Supplier<T> body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return body.get();
            } catch (RuntimeException e) {
                if (attempt >= COMMIT_ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
                sleep(50 + ThreadLocalRandom.current().nextLong(100L * Math.min(attempt, 10)));
            }
        }
    }

    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.delta.exceptions.DeltaConcurrentModificationException
                    || t.getClass().getName().contains("ConcurrentModification")
                    || t.getClass().getName().contains("ProtocolChanged")) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a lakehouse lease", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
