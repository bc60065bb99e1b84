package uk.lhs.jobs.pipeline;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import uk.lhs.common.lakehouse.InputFile;
import uk.lhs.common.lakehouse.RunRecorder;
import uk.lhs.common.lakehouse.StageRecord;

/**
 * Whether a stage may be skipped because nothing it depends on changed since it last succeeded (issue #17.3). Pure:
 * the caller supplies the run records, the current Delta version of any table and the sha256 of the stage's files.
 *
 * <p>A stage is up to date only when its latest record (of any earlier run) succeeded with the same code version
 * (never a {@code -dirty} one, whose code may differ), settings hash (the configuration without its locations) and
 * {@code --period}; the files it depends on have the same names and sha256 (wherever they are); every table it read is still at the version it read (or, for a table it also wrote,
 * at the version it wrote); and every table it wrote exists at the highest version any recorded stage wrote — so a
 * table changed outside the pipeline, by a killed run, or deleted, is recomputed.
 */
public final class UpToDate {
    private UpToDate() {}

    /** Code versions ending so were built from a tree with uncommitted changes. */
    public static final String DIRTY = "-dirty";

    /**
     * Why the stage must run, or empty when it is up to date.
     *
     * @param stage the stage's name
     * @param runId the current run (its own records are ignored)
     * @param info the current run's code version, configuration hash and period
     * @param history every row of {@code gold.pipeline_runs}
     * @param filesNow the stage's files as they are now, with sha256
     * @param currentVersion the current Delta version of a table ({@code layer.name}), -1 when it does not exist
     */
    public static Optional<String> whyRun(
            String stage,
            String runId,
            RunRecorder.RunInfo info,
            List<StageRecord> history,
            List<InputFile> filesNow,
            ToLongFunction<String> currentVersion) {
        List<StageRecord> latest = StageRecord.latest(history);
        Optional<StageRecord> found = last(stage, runId, history);
        if (found.isEmpty()) {
            return Optional.of("no earlier run");
        }
        StageRecord last = found.get();
        if (!"succeeded".equals(last.status())) {
            return Optional.of("its last run (" + last.runId() + ") " + last.status());
        }
        if (info.gitCommit() == null || info.gitCommit().endsWith(DIRTY)) {
            return Optional.of("the code has uncommitted changes (" + info.gitCommit() + ")");
        }
        if (!info.gitCommit().equals(last.gitCommit()) || !Objects.equals(info.lhsVersion(), last.lhsVersion())) {
            return Optional.of("the code changed since run " + last.runId() + " (" + last.gitCommit() + " -> "
                    + info.gitCommit() + ")");
        }
        if (info.settingsHash() == null || !info.settingsHash().equals(last.settingsHash())) {
            return Optional.of("the configuration changed since run " + last.runId());
        }
        if (!Objects.equals(info.period(), last.period())) {
            return Optional.of("run " + last.runId() + " had --period " + last.period());
        }
        Optional<String> files = filesChanged(last.filesUsed(), filesNow);
        if (files.isPresent()) {
            return files;
        }
        for (Map.Entry<String, Long> read : new TreeMap<>(last.tablesRead()).entrySet()) {
            long expected = last.versions().getOrDefault(read.getKey(), read.getValue());
            long now = currentVersion.applyAsLong(read.getKey());
            if (now != expected) {
                return Optional.of(read.getKey() + " is at v" + now + ", it read v" + expected);
            }
        }
        Map<String, Long> highest = new HashMap<>();
        for (StageRecord r : latest) {
            r.versions().forEach((t, v) -> highest.merge(t, v, Math::max));
        }
        for (Map.Entry<String, Long> wrote : new TreeMap<>(last.versions()).entrySet()) {
            long now = currentVersion.applyAsLong(wrote.getKey());
            long known = highest.get(wrote.getKey());
            if (now < 0) {
                return Optional.of(wrote.getKey() + ", which it writes, is missing");
            }
            if (now != known) {
                return Optional.of(wrote.getKey() + ", which it writes, was changed outside the pipeline (v" + known
                        + " recorded, v" + now + " now)");
            }
        }
        return Optional.empty();
    }

    /** The stage's latest record from an earlier run (the latest row of the run that started last), if any. */
    public static Optional<StageRecord> last(String stage, String runId, List<StageRecord> history) {
        return StageRecord.latest(history).stream()
                .filter(r -> r.stage().equals(stage) && !r.runId().equals(runId))
                .max(Comparator.comparing(StageRecord::startedAt)
                        .thenComparing(StageRecord::recordedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    /**
     * Files compared by name and sha256, not folder: a landing folder or lakehouse copied or moved elsewhere with the
     * same contents is up to date.
     */
    private static Optional<String> filesChanged(List<InputFile> before, List<InputFile> now) {
        List<String> was = before.stream().map(UpToDate::identity).sorted().toList();
        List<String> is = now.stream().map(UpToDate::identity).sorted().toList();
        for (InputFile f : now) {
            if (!was.contains(identity(f))) {
                return Optional.of("new or changed file " + f.path());
            }
        }
        for (InputFile f : before) {
            if (!is.contains(identity(f))) {
                return Optional.of("file gone or changed: " + f.path());
            }
        }
        return was.equals(is) ? Optional.empty() : Optional.of("a file was duplicated or removed");
    }

    private static String identity(InputFile f) {
        String name = f.path().substring(f.path().lastIndexOf('/') + 1);
        return name + " " + f.sha256();
    }
}
