package uk.lhs.jobs.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import uk.lhs.common.lakehouse.CostCounter;
import uk.lhs.common.lakehouse.InputFile;
import uk.lhs.common.lakehouse.LakehouseLease;
import uk.lhs.common.lakehouse.RunRecorder;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.tables.Tables;

/**
 * The ordered stages of a scheduled run. Each stage is recorded in {@code gold.pipeline_runs} (running, then
 * succeeded or failed, with what it read and wrote and what it cost); the first failure (any {@link Throwable}, an
 * {@link OutOfMemoryError} included) is recorded and rethrown for the CLI to report. A stage whose inputs are unchanged
 * since its last success ({@link UpToDate}) is skipped as {@code up to date} unless {@code --force}.
 */
public final class Pipeline {
    private Pipeline() {}

    /**
     * How to run.
     *
     * @param force recompute every stage even when up to date
     * @param verbose print each stage's cost (Spark jobs, tasks, Delta commits) and why it ran
     */
    public record Options(boolean force, boolean verbose) {
        public static final Options DEFAULT = new Options(false, false);
    }

    /**
     * Result of one stage within a run.
     *
     * @param upToDate whether it was skipped as up to date
     * @param cost Spark jobs, tasks and Delta commits (its run records excluded)
     */
    public record StageResult(String stage, StageOutput output, boolean upToDate, CostCounter.Cost cost) {}

    /** Runs the given stages with the default options (skip what is up to date, no cost per stage printed). */
    public static List<StageResult> run(JobContext ctx, List<Stage> toRun, String period, PrintStream console) {
        return run(ctx, toRun, period, console, Options.DEFAULT);
    }

    /**
     * Runs the given stages in order under one run id.
     *
     * @return what each stage read and wrote
     */
    public static List<StageResult> run(
            JobContext ctx, List<Stage> toRun, String period, PrintStream console, Options options) {
        // One writer at a time per stage (issue #18): the lease is taken before the up-to-date check, so the check
        // never reads a table an overlapping run is writing; an overlapping run waits up to lhs.lease.wait.
        String runId = RunRecorder.newRunId(ctx.clock());
        RunRecorder recorder = new RunRecorder(
                ctx.spark(),
                ctx.writer(),
                ctx.clock(),
                runId,
                new RunRecorder.RunInfo(
                        ctx.gitCommit(),
                        ctx.config().hash(),
                        ctx.build().version(),
                        ctx.spark().sparkContext().master(),
                        ctx.config().environment(),
                        period,
                        settingsHash(ctx)),
                ctx.config().runsAbandonAfter());
        CostCounter counter = ctx.costCounter();
        ctx.writer().countCommitsIn(counter);
        console.println("run " + runId + " (" + toRun.size() + " stage" + (toRun.size() == 1 ? "" : "s")
                + ", lakehouse " + ctx.lakehouse().root() + ")");
        List<StageResult> results = new ArrayList<>();
        long runStart = System.nanoTime();
        CostCounter.Cost runBefore = counter.snapshot();
        Map<String, List<InputFile>> prehashed = new HashMap<>();
        if (!options.force()) {
            Optional<List<StageResult>> all = allUpToDate(ctx, toRun, period, console, recorder, counter, prehashed);
            if (all.isPresent()) {
                results.addAll(all.get());
                toRun = List.of();
            }
        }
        for (Stage stage : toRun) {
            StageOutput out = new StageOutput(runId);
            long t0 = System.nanoTime();
            LakehouseLease lease;
            try {
                lease = LakehouseLease.acquire(
                        ctx.lakehouse(),
                        stage.name(),
                        runId,
                        ctx.config().leaseWait(),
                        ctx.config().leaseTtl());
            } catch (RuntimeException refused) { // held by another run longer than lhs.lease.wait
                String cause = oneLine(refused);
                try {
                    Instant started = recorder.started(stage.name());
                    recorder.failed(stage.name(), started, cause, facts(out, List.of(), CostCounter.Cost.ZERO));
                } catch (Throwable recordFailure) {
                    refused.addSuppressed(recordFailure);
                }
                throw new StageFailed(stage.name(), runId, cause, refused);
            }
            try (lease) {
                results.add(runStage(
                        ctx, stage, period, console, options, recorder, counter, out, t0, prehashed.get(stage.name())));
            }
        }
        CostCounter.Cost total = counter.snapshot().minus(runBefore);
        long skipped = results.stream().filter(StageResult::upToDate).count();
        console.printf(
                "total %.1f s: %d Spark jobs, %d tasks, %d Delta commits (+%d for the run records)%s%n",
                (System.nanoTime() - runStart) / 1e9,
                total.jobs(),
                total.tasks(),
                total.deltaCommits(),
                recorder.commits(),
                skipped == 0 ? "" : "; " + skipped + " of " + results.size() + " stages up to date");
        return results;
    }

    /**
     * The quick path of a run with nothing new (issue #17): every stage checked without its lease, and when all are up
     * to date, one append records them all. Safe without leases because the check only hashes files and lists Delta
     * logs and writes nothing but run records: a table another run is writing has a newer version than its last
     * success recorded (a commit made) or the same one (none yet), and either way the answer is right as of the
     * listing. When any stage is not up to date (or a check fails), nothing is recorded here and every stage goes
     * through its lease as usual; the hashes computed here are kept in {@code prehashed} for that stage.
     */
    private static Optional<List<StageResult>> allUpToDate(
            JobContext ctx,
            List<Stage> stages,
            String period,
            PrintStream console,
            RunRecorder recorder,
            CostCounter counter,
            Map<String, List<InputFile>> prehashed) {
        long t0 = System.nanoTime();
        CostCounter.Cost before = counter.snapshot();
        Map<String, List<InputFile>> used = new LinkedHashMap<>();
        // Each table's version is listed once and the same value both checked and recorded: a commit another run
        // makes meanwhile is never recorded as one this run found up to date (issue #18: no stage records another
        // run's version).
        Map<String, Long> seen = new HashMap<>();
        java.util.function.ToLongFunction<String> version = t -> seen.computeIfAbsent(t, k -> currentVersion(ctx, k));
        for (Stage stage : stages) {
            List<InputFile> files;
            try {
                files = hashed(ctx, stage.filesUsed(ctx, period));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // the stage's own check, under its lease, says why
            }
            prehashed.put(stage.name(), files);
            if (UpToDate.whyRun(stage.name(), recorder.runId(), recorder.info(), recorder.history(), files, version)
                    .isPresent()) {
                return Optional.empty();
            }
            used.put(stage.name(), files);
        }
        CostCounter.Cost cost = counter.snapshot().minus(before);
        Map<String, RunRecorder.Facts> facts = new LinkedHashMap<>();
        List<StageResult> results = new ArrayList<>();
        for (Stage stage : stages) {
            var last = UpToDate.last(stage.name(), recorder.runId(), recorder.history())
                    .orElseThrow();
            List<WriteResult> current = new ArrayList<>();
            new TreeMap<>(last.versions())
                    .forEach((t, v) -> current.add(new WriteResult(t, version.applyAsLong(t), 0, 0)));
            // The check's cost is the run's, not one stage's: recorded on the first stage, zero on the others.
            CostCounter.Cost own = results.isEmpty() ? cost : CostCounter.Cost.ZERO;
            facts.put(
                    stage.name(),
                    new RunRecorder.Facts(List.of(), current, last.tablesRead(), used.get(stage.name()), own, true));
            results.add(new StageResult(stage.name(), new StageOutput(recorder.runId()), true, own));
        }
        recorder.upToDate(facts);
        for (Stage stage : stages) {
            console.printf("  %-11s up to date%n", stage.name());
        }
        console.printf(
                "  (%d stages checked in %.1f s without leases: nothing new)%n",
                stages.size(), (System.nanoTime() - t0) / 1e9);
        return Optional.of(results);
    }

    /** One stage under its lease: skipped when up to date, else run and recorded. */
    private static StageResult runStage(
            JobContext ctx,
            Stage stage,
            String period,
            PrintStream console,
            Options options,
            RunRecorder recorder,
            CostCounter counter,
            StageOutput out,
            long t0,
            List<InputFile> prehashed) {
        String runId = out.runId();
        CostCounter.Cost checkBefore = counter.snapshot();
        List<InputFile> used = new ArrayList<>();
        Optional<String> why = options.force() ? Optional.of("--force") : Optional.empty();
        try {
            used.addAll(prehashed != null ? prehashed : hashed(ctx, stage.filesUsed(ctx, period)));
        } catch (IOException | RuntimeException e) {
            why = Optional.of("its files could not be listed: " + oneLine(e)); // the stage reports it properly
        }
        if (why.isEmpty()) {
            recorder.refreshHistory(); // a run that held this lease may have recorded this stage meanwhile
            why = UpToDate.whyRun(
                    stage.name(), runId, recorder.info(), recorder.history(), used, t -> currentVersion(ctx, t));
        }
        if (why.isEmpty()) {
            var last = UpToDate.last(stage.name(), runId, recorder.history()).orElseThrow();
            List<WriteResult> current = new ArrayList<>();
            new TreeMap<>(last.versions())
                    .forEach((t, v) -> current.add(new WriteResult(t, currentVersion(ctx, t), 0, 0)));
            CostCounter.Cost cost = counter.snapshot().minus(checkBefore); // the check: listing, hashing
            recorder.upToDate(
                    stage.name(), new RunRecorder.Facts(List.of(), current, last.tablesRead(), used, cost, true));
            console.printf("  %-11s up to date (%.1f s)%n", stage.name(), (System.nanoTime() - t0) / 1e9);
            return new StageResult(stage.name(), out, true, cost);
        }
        if (options.verbose()) {
            console.println("  " + stage.name() + ": running because " + why.get());
        }
        Instant started = recorder.started(stage.name());
        CostCounter.Cost before = counter.snapshot(); // the stage's own cost, its run records excluded
        try {
            stage.run(ctx, period, out);
        } catch (Throwable e) { // OutOfMemoryError included: the run record must not stay 'running'
            String cause = oneLine(e);
            try {
                recorder.failed(
                        stage.name(),
                        started,
                        cause,
                        facts(out, used, counter.snapshot().minus(before)));
            } catch (Throwable recordFailure) {
                e.addSuppressed(recordFailure);
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw new StageFailed(stage.name(), runId, cause, e);
        }
        CostCounter.Cost cost = counter.snapshot().minus(before);
        recorder.succeeded(stage.name(), started, facts(out, used, cost));
        console.printf(
                "  %-11s ok in %.1f s%s%n",
                stage.name(), (System.nanoTime() - t0) / 1e9, options.verbose() ? " (" + cost + ")" : "");
        out.messages().forEach(m -> console.println("    " + m));
        return new StageResult(stage.name(), out, false, cost);
    }

    /** Configuration keys that say where things are (their files are hashed instead) or how runs are housekept. */
    static final java.util.Set<String> NOT_SETTINGS = java.util.Set.of(
            "lhs.lakehouse",
            "lhs.landing",
            "lhs.reference-dir",
            "lhs.indicators-dir",
            "lhs.interventions",
            "lhs.git-commit",
            "lhs.runs.abandon-after",
            "lhs.lease.wait",
            "lhs.lease.ttl");

    /** sha256 of the configuration without {@link #NOT_SETTINGS}: a moved lakehouse or landing folder is no change. */
    static String settingsHash(JobContext ctx) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(ctx.config().flatten()).forEach((k, v) -> {
            if (!NOT_SETTINGS.contains(k)) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
        return uk.lhs.common.text.Hashing.sha256(sb.toString());
    }

    private static RunRecorder.Facts facts(StageOutput out, List<InputFile> used, CostCounter.Cost cost) {
        return new RunRecorder.Facts(out.inputs(), out.writes(), out.tablesRead(), used, cost, false);
    }

    /** The current Delta version of a table by {@code layer.name}; -1 when it does not exist or is unknown. */
    private static long currentVersion(JobContext ctx, String table) {
        return Tables.byQualifiedName(table)
                .map(t -> ctx.lakehouse().currentVersion(t))
                .orElse(-1L);
    }

    /** Streams each file through sha256 (no file is held in memory); a missing file is listed with a null hash. */
    static List<InputFile> hashed(JobContext ctx, List<String> paths) throws IOException {
        Configuration hadoop = ctx.spark().sparkContext().hadoopConfiguration();
        Map<String, InputFile> out = new TreeMap<>();
        for (String p : paths) {
            Path path = new Path(p);
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                out.put(p, new InputFile(p, null, null));
                continue;
            }
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            try (InputStream in = new DigestInputStream(fs.open(path), sha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
            out.put(p, new InputFile(p, HexFormat.of().formatHex(sha.digest()), null));
        }
        return new ArrayList<>(out.values());
    }

    /** First line of an exception's message, or its class name: what run records and the CLI show. */
    public static String oneLine(Throwable e) {
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = e.getClass().getSimpleName();
        } else if (e instanceof Error) {
            msg = e.getClass().getSimpleName() + ": " + msg; // "Java heap space" alone does not say what happened
        }
        msg = msg.strip();
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    /** A stage failed; the run record says so. */
    public static final class StageFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StageFailed(String stage, String runId, String cause, Throwable e) {
            super("stage " + stage + " of run " + runId + " failed: " + cause, e);
        }
    }
}
