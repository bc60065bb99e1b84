package uk.lhs.jobs.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.lakehouse.LakehouseLease;
import uk.lhs.common.lakehouse.RunRecorder;
import uk.lhs.common.spark.SparkSessions;
import uk.lhs.common.tables.Tables;
import uk.lhs.jobs.cli.LhsCli;

/**
 * Fault injection (issue #9): each trial starts {@code bin/lhs STAGE} as its own process on a lakehouse holding the
 * output of the earlier stages, SIGKILLs it at a seeded random moment after the stage has recorded itself as
 * running, then checks that every table is readable with unique keys, that {@code gold.pipeline_runs} does not
 * show the killed run as succeeded, that a re-run marks it abandoned and converges to exactly the output of an
 * uninterrupted run ({@link LakehouseChecks#diff}). Overlap trials start two processes of the same stage at once
 * and check both succeed (Delta conflicts retried by the writer) and converge to the same output.
 *
 * <p>Run with {@code bin/fault-trials}; arguments: {@code ROOT LANDING WORKDIR TRIALS SEED}. The uninterrupted
 * baseline runs first, as child processes too, and gives each stage's duration, from which kill moments are drawn.
 */
public final class FaultTrials {
    static final List<String> STAGES = List.of("ingest", "indicators", "spc", "evaluate");
    /** Kill moments are drawn uniformly in [0, this fraction of the stage's uninterrupted duration). */
    static final double KILL_WINDOW = 0.9;
    /** A trial whose process ended before the kill is drawn again, at most this many times. */
    static final int MAX_DRAWS = 4;

    private final Path root;
    private final Path landing;
    private final Path work;
    private final SparkSession spark;

    FaultTrials(Path root, Path landing, Path work) {
        this.root = root;
        this.landing = landing;
        this.work = work;
        this.spark = session(work.resolve("harness").toString());
    }

    /** The harness's own local Spark session (checks and in-process re-runs). */
    static SparkSession session(String lakehouse) {
        LhsConfig config =
                LhsConfig.defaults().with("spark.default-master", "local[2]").with("lakehouse", lakehouse);
        SparkSession s = SparkSessions.create(config);
        s.sparkContext().setLogLevel("ERROR");
        return s;
    }

    /**
     * Arguments: {@code ROOT LANDING WORKDIR SEED FIRST LAST OVERLAPS}: kill trials FIRST..LAST (1-based, inclusive;
     * 0 0 for none) and OVERLAPS overlap trials. The baseline is run once per WORKDIR and reused (so several harness
     * processes can share it, each taking a range of trials); trial i draws from its own
     * {@code SplittableRandom(SEED, i)}, whose seed goes through a 64-bit mixer: the first {@code nextDouble()} of
     * {@code java.util.Random} with neighbouring seeds is nearly the same (seed 1: 0.373-0.376 for all twenty trials,
     * so every trial of a stage was killed at the same moment).
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path landing = Path.of(args[1]).toAbsolutePath();
        Path work = Path.of(args[2]).toAbsolutePath();
        long seed = Long.parseLong(args[3]);
        int first = Integer.parseInt(args[4]);
        int last = Integer.parseInt(args[5]);
        int overlapTrials = Integer.parseInt(args[6]);
        FaultTrials h = new FaultTrials(root, landing, work);
        int failures = h.runAll(first, last, overlapTrials, seed);
        h.spark.stop();
        System.exit(failures == 0 ? 0 : 1);
    }

    int runAll(int first, int last, int overlapTrials, long seed) throws Exception {
        long t0 = System.nanoTime();
        double[] durations = baseline();
        int passed = 0;
        int trials = first < 1 ? 0 : last - first + 1;
        List<String> failures = new ArrayList<>();
        for (int i = Math.max(first, 1) - 1; i < last; i++) {
            int s = i % STAGES.size();
            String result;
            long ts = System.nanoTime();
            try {
                result = killTrial(i, s, durations[s], new SplittableRandom(seed * 1_000_003L + i));
            } catch (Exception | AssertionError e) {
                result = "FAIL " + e;
            }
            System.out.printf(
                    "trial %2d %-10s %s (%.0f s)%n", i + 1, STAGES.get(s), result, (System.nanoTime() - ts) / 1e9);
            if (result.startsWith("ok")) {
                passed++;
            } else {
                failures.add("trial " + (i + 1) + " " + STAGES.get(s) + ": " + result);
            }
        }
        int overlapPassed = 0;
        for (int i = 0; i < overlapTrials; i++) {
            int s = i % STAGES.size();
            String result;
            long ts = System.nanoTime();
            try {
                result = overlapTrial(i, s);
            } catch (Exception | AssertionError e) {
                result = "FAIL " + e;
            }
            System.out.printf(
                    "overlap %2d %-10s %s (%.0f s)%n", i + 1, STAGES.get(s), result, (System.nanoTime() - ts) / 1e9);
            if (result.startsWith("ok")) {
                overlapPassed++;
            } else {
                failures.add("overlap " + (i + 1) + " " + STAGES.get(s) + ": " + result);
            }
        }
        System.out.printf(
                "SUMMARY kill trials passed: %d/%d; overlap trials passed: %d/%d; total %.0f s (seed %d)%n",
                passed, trials, overlapPassed, overlapTrials, (System.nanoTime() - t0) / 1e9, seed);
        failures.forEach(f -> System.out.println("  " + f));
        return failures.size();
    }

    /**
     * Uninterrupted child runs of each stage; snapshots of the lakehouse before and after each; returns each stage's
     * duration (s) from its running record to its exit. Reused when a previous invocation completed it.
     */
    synchronized double[] baseline() throws Exception {
        Path done = work.resolve("baseline-durations.txt");
        if (Files.exists(done)) {
            return Files.readAllLines(done).stream()
                    .mapToDouble(Double::parseDouble)
                    .toArray();
        }
        Path lh = work.resolve("baseline");
        deleteTree(lh);
        for (int k = 0; k <= STAGES.size(); k++) {
            deleteTree(snapshot(k));
        }
        Files.createDirectories(lh);
        copyTree(lh, snapshot(0));
        double[] durations = new double[STAGES.size()];
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < STAGES.size(); s++) {
            long before = runsVersion(lh);
            Process p = start(STAGES.get(s), lh, work.resolve("baseline-" + STAGES.get(s) + ".log"), 3);
            long started = waitForRunningRecord(p, lh, before);
            int code = p.waitFor();
            durations[s] = (System.nanoTime() - started) / 1e9;
            if (code != 0) {
                throw new IllegalStateException("baseline " + STAGES.get(s) + " failed (exit " + code + "), see "
                        + work.resolve("baseline-" + STAGES.get(s) + ".log"));
            }
            copyTree(lh, snapshot(s + 1));
            lines.add(Double.toString(durations[s]));
            System.out.printf("baseline %-10s %.1f s after its running record%n", STAGES.get(s), durations[s]);
        }
        Files.write(done, lines);
        return durations;
    }

    private Path snapshot(int stagesDone) {
        return work.resolve("snapshot-" + stagesDone);
    }

    String killTrial(int i, int s, double duration, SplittableRandom random) throws Exception {
        String stage = STAGES.get(s);
        for (int draw = 1; draw <= MAX_DRAWS; draw++) {
            // A fresh path per attempt: Delta caches table state by path within this JVM.
            Path lh = work.resolve("trial-" + (i + 1) + "-" + draw);
            deleteTree(lh);
            copyTree(snapshot(s), lh);
            double delay = random.nextDouble() * KILL_WINDOW * duration;
            long before = runsVersion(lh);
            Path log = work.resolve("trial-" + (i + 1) + ".log");
            Process p = start(stage, lh, log, 3);
            long started = waitForRunningRecord(p, lh, before);
            long killAt = started + (long) (delay * 1e9);
            while (p.isAlive() && System.nanoTime() < killAt) {
                Thread.sleep(20);
            }
            if (!p.isAlive()) {
                deleteTree(lh);
                continue; // finished before the drawn moment: draw again
            }
            p.destroyForcibly(); // SIGKILL on Unix
            p.waitFor();
            String runId = runId(log);
            String result = afterKill(stage, s, lh, runId, delay, draw);
            if (result.startsWith("ok")) {
                deleteTree(lh); // failed trials keep their lakehouse for inspection
            }
            return result;
        }
        return "FAIL the stage finished before the kill in " + MAX_DRAWS + " draws";
    }

    private String afterKill(String stage, int s, Path lh, String runId, double delay, int draw) {
        List<String> problems = new ArrayList<>(LakehouseChecks.integrity(spark, lh.toString()));
        Lakehouse lakehouse = new Lakehouse(spark, lh.toString());
        Row killed = runRecord(lakehouse, runId, stage);
        String killedStatus = killed == null ? null : killed.getAs("status");
        if (killed == null) {
            problems.add("no pipeline_runs record of killed run " + runId);
        } else if ("succeeded".equals(killedStatus)) {
            problems.add("killed run " + runId + " recorded as succeeded");
        }
        int code = LhsCli.commandLine()
                .execute(
                        stage,
                        "--lakehouse",
                        lh.toString(),
                        "--conf",
                        "lhs.landing=" + landing,
                        "--conf",
                        "lhs.runs.abandon-after=0s",
                        "--conf",
                        "lhs.spark.default-master=local[2]");
        if (code != 0) {
            problems.add("re-run exited " + code);
        }
        Row after = runRecord(new Lakehouse(spark, lh.toString()), runId, stage);
        if (after == null
                || !"failed".equals(after.getAs("status"))
                || !String.valueOf(after.<String>getAs("error")).startsWith(RunRecorder.ABANDONED)) {
            problems.add("killed run not marked abandoned by the re-run: " + after);
        }
        problems.addAll(leasesLeft(spark, lh));
        // Multiset equality with the uninterrupted run's tables also rules out duplicated keys after the re-run.
        for (LakehouseChecks.TableDiff d :
                LakehouseChecks.diff(spark, lh.toString(), snapshot(s + 1).toString())) {
            if (!d.same()) {
                problems.add(d.toString());
            }
        }
        String what = String.format(
                "killed %.2f s in (draw %d), record '%s' -> 'failed (abandoned)', re-run equal",
                delay, draw, killedStatus);
        return problems.isEmpty() ? "ok " + what : "FAIL " + String.join("; ", problems);
    }

    String overlapTrial(int i, int s) throws Exception {
        String stage = STAGES.get(s);
        Path lh = work.resolve("overlap-" + (i + 1));
        deleteTree(lh);
        copyTree(snapshot(s), lh);
        Process a = start(stage, lh, work.resolve("overlap-" + (i + 1) + "-a.log"), 12);
        Process b = start(stage, lh, work.resolve("overlap-" + (i + 1) + "-b.log"), 12);
        int codeA = a.waitFor();
        int codeB = b.waitFor();
        List<String> problems = new ArrayList<>();
        if (codeA != 0 || codeB != 0) {
            problems.add("exit codes " + codeA + ", " + codeB + " (logs "
                    + work.resolve("overlap-" + (i + 1) + "-*.log") + ")");
        }
        problems.addAll(LakehouseChecks.integrity(spark, lh.toString()));
        for (LakehouseChecks.TableDiff d :
                LakehouseChecks.diff(spark, lh.toString(), snapshot(s + 1).toString())) {
            if (!d.same()) {
                problems.add(d.toString());
            }
        }
        problems.addAll(leasesLeft(spark, lh));
        long succeeded = RunRecorder.latest(new Lakehouse(spark, lh.toString()).read(Tables.PIPELINE_RUNS))
                .filter("stage = '" + stage + "' AND status = 'succeeded'")
                .count();
        String retries = grepRetries(work.resolve("overlap-" + (i + 1) + "-a.log"))
                + grepRetries(work.resolve("overlap-" + (i + 1) + "-b.log"));
        return problems.isEmpty()
                ? "ok both runs succeeded (" + succeeded + " succeeded records for the stage)" + retries
                        + ", output equal"
                : "FAIL " + String.join("; ", problems);
    }

    /**
     * Stage leases still held once every process has ended: none may be (each run releases its own; the re-run takes
     * over a killed run's lease, its holder process being gone, and releases it).
     */
    static List<String> leasesLeft(SparkSession spark, Path lh) {
        String table = lh.resolve(LakehouseLease.TABLE_DIR).toString();
        if (!io.delta.tables.DeltaTable.isDeltaTable(spark, table)) {
            return List.of();
        }
        List<Row> rows = spark.read().format("delta").load(table).collectAsList();
        return rows.isEmpty() ? List.of() : List.of("stage leases still held: " + rows);
    }

    private static String grepRetries(Path log) {
        try {
            return Files.readString(log).contains("gave up after") ? " [a writer gave up]" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Row runRecord(Lakehouse lakehouse, String runId, String stage) {
        List<Row> rows = RunRecorder.latest(lakehouse.read(Tables.PIPELINE_RUNS))
                .filter(org.apache
                        .spark
                        .sql
                        .functions
                        .col("run_id")
                        .equalTo(runId)
                        .and(org.apache.spark.sql.functions.col("stage").equalTo(stage)))
                .collectAsList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Starts {@code bin/lhs STAGE} in the repository root (where conf/ resolves) on lakehouse {@code lh}. */
    private Process start(String stage, Path lh, Path log, int commitRetries) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(
                root.resolve("bin/lhs").toString(),
                stage,
                "--lakehouse",
                lh.toString(),
                "--conf",
                "lhs.landing=" + landing,
                "--conf",
                "lhs.delta.commit-retries=" + commitRetries,
                "--conf",
                "lhs.spark.default-master=local[2]");
        pb.directory(root.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        pb.environment().put("LHS_JAVA_OPTS", "-Xmx1g");
        return pb.start();
    }

    /**
     * Waits until the child has committed its {@code running} record: an append (WRITE) commit of {@code gold.pipeline_runs}
     * newer than {@code before}. Returns that moment (nanoTime).
     */
    private static long waitForRunningRecord(Process p, Path lh, long before) throws InterruptedException {
        Path deltaLog = lh.resolve("gold/pipeline_runs/_delta_log");
        while (true) {
            long v = runsVersion(lh);
            if (v > before) {
                try {
                    String commit = Files.readString(deltaLog.resolve(String.format("%020d.json", v)));
                    if (commit.contains("\"operation\":\"WRITE\"")) {
                        return System.nanoTime();
                    }
                } catch (IOException e) {
                    // being written: look again
                }
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(
                        "the stage process exited (" + p.exitValue() + ") before recording itself as running");
            }
            Thread.sleep(50);
        }
    }

    /** Latest committed version of gold.pipeline_runs, -1 when absent (file system only, no Spark). */
    static long runsVersion(Path lh) {
        Path deltaLog = lh.resolve("gold/pipeline_runs/_delta_log");
        if (!Files.isDirectory(deltaLog)) {
            return -1;
        }
        try (Stream<Path> files = Files.list(deltaLog)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("\\d{20}\\.json"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, 20)))
                    .max()
                    .orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String runId(Path log) throws IOException {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("run ")) {
                return line.substring(4, line.indexOf(' ', 4));
            }
        }
        throw new IllegalStateException("no run id in " + log);
    }

    static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            Files.createDirectories(to);
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
