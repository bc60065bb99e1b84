package uk.lhs.common.lakehouse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;

/**
 * Every table of the lakehouse as it stood when one pipeline run ended: the analysis a researcher pins to a
 * {@code run_id} reads the same rows months later, whatever has run since (Delta time travel, {@code versionAsOf}).
 *
 * <p>A table's pinned version is the highest Delta version recorded in {@code gold.pipeline_runs} by the run itself
 * or by any stage that ended before the run ended — so a table the run did not write (say, {@code silver.spells} in a
 * run without new spell files) is read as the earlier run left it. Tables that did not exist yet are absent.
 * {@code gold.pipeline_runs} itself is not pinned (its own versions are not recorded). The table is append-only: each
 * stage's latest row ({@link StageRecord#latest(List)}) is what counts.
 *
 * @param lakehouse where the tables live
 * @param runId the pinned run
 * @param status succeeded when every stage succeeded, otherwise failed or running
 * @param startedAt when its first stage started
 * @param endedAt when its last stage ended (null if a stage never ended)
 * @param stages its stages in order
 * @param versions {@code layer.name} to the pinned Delta version, for every table that existed at the end of the run
 * @param writtenByRun the tables this run itself wrote (the others were pinned from earlier runs)
 * @param gitCommit the code's commit
 * @param configHash sha256 of the configuration
 * @param lhsVersion LHS Lakehouse version
 * @param inputs files the run's stages read (path, sha256, rows), in stage order
 */
public record RunSnapshot(
        Lakehouse lakehouse,
        String runId,
        String status,
        Instant startedAt,
        Instant endedAt,
        List<String> stages,
        SortedMap<String, Long> versions,
        Set<String> writtenByRun,
        String gitCommit,
        String configHash,
        String lhsVersion,
        List<InputFile> inputs) {

    /** The run id that selects the latest run whose stages all succeeded. */
    public static final String LATEST = "latest";

    public RunSnapshot {
        stages = List.copyOf(stages);
        versions = new TreeMap<>(versions);
        writtenByRun = Set.copyOf(writtenByRun);
        inputs = List.copyOf(inputs);
    }

    /**
     * Pins {@code runId} (null or {@value #LATEST}: the latest run whose stages all succeeded) from the stage records
     * of {@code gold.pipeline_runs}. Pure: it reads nothing.
     *
     * @throws IllegalArgumentException when the run id is unknown or no run has succeeded
     */
    public static RunSnapshot resolve(Lakehouse lakehouse, List<StageRecord> records, String runId) {
        Map<String, List<StageRecord>> byRun = StageRecord.latest(records).stream()
                .sorted(Comparator.comparing(StageRecord::startedAt).thenComparing(StageRecord::runId))
                .collect(Collectors.groupingBy(StageRecord::runId, LinkedHashMap::new, Collectors.toList()));
        String target = runId == null || runId.isBlank() || LATEST.equalsIgnoreCase(runId.strip())
                ? latestSucceeded(byRun)
                : runId.strip();
        List<StageRecord> stages = byRun.get(target);
        if (stages == null) {
            List<String> known = new ArrayList<>(byRun.keySet());
            throw new IllegalArgumentException("no run " + target + " in gold.pipeline_runs of " + lakehouse.root()
                    + "; the latest runs are " + known.subList(Math.max(0, known.size() - 5), known.size()));
        }
        String status = status(stages);
        Instant started = stages.get(0).startedAt();
        Instant ended = stages.stream().anyMatch(s -> s.endedAt() == null)
                ? null
                : stages.stream()
                        .map(StageRecord::endedAt)
                        .max(Comparator.naturalOrder())
                        .orElseThrow();
        Map<String, Long> versions = new TreeMap<>();
        Set<String> written = new LinkedHashSet<>();
        List<InputFile> inputs = new ArrayList<>();
        for (StageRecord s : stages) {
            if (!s.upToDate()) { // an up-to-date stage records the versions it found, having written nothing
                written.addAll(s.versions().keySet());
            }
            inputs.addAll(s.inputs());
        }
        for (StageRecord s : StageRecord.latest(records)) {
            boolean ownStage = s.runId().equals(target);
            boolean endedBefore = s.endedAt() != null
                    && (ended == null
                            ? !s.endedAt().isAfter(lastEnd(stages))
                            : !s.endedAt().isAfter(ended));
            if (ownStage || endedBefore) {
                s.versions().forEach((table, v) -> versions.merge(table, v, Math::max));
            }
        }
        versions.remove(Tables.PIPELINE_RUNS.qualifiedName());
        StageRecord first = stages.get(0);
        return new RunSnapshot(
                lakehouse,
                target,
                status,
                started,
                ended,
                stages.stream().map(StageRecord::stage).toList(),
                new TreeMap<>(versions),
                written,
                first.gitCommit(),
                first.configHash(),
                first.lhsVersion(),
                inputs);
    }

    private static Instant lastEnd(List<StageRecord> stages) {
        return stages.stream()
                .map(s -> s.endedAt() == null ? s.startedAt() : s.endedAt())
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }

    private static String status(List<StageRecord> stages) {
        if (stages.stream().anyMatch(s -> "failed".equals(s.status()))) {
            return "failed";
        }
        return stages.stream().allMatch(s -> "succeeded".equals(s.status())) ? "succeeded" : "running";
    }

    private static String latestSucceeded(Map<String, List<StageRecord>> byRun) {
        String latest = null;
        Instant latestStart = null;
        for (Map.Entry<String, List<StageRecord>> run : byRun.entrySet()) {
            Instant start = run.getValue().get(0).startedAt();
            if ("succeeded".equals(status(run.getValue())) && (latestStart == null || !start.isBefore(latestStart))) {
                latest = run.getKey();
                latestStart = start;
            }
        }
        if (latest == null) {
            throw new IllegalArgumentException("no pipeline run has succeeded yet (gold.pipeline_runs has "
                    + byRun.size() + " run(s)); run `lhs run` first or name a run id");
        }
        return latest;
    }

    /** The pinned Delta version of a table. */
    public long version(TableContract table) {
        Long v = versions.get(table.qualifiedName());
        if (v == null) {
            throw new IllegalStateException(table.qualifiedName() + " did not exist when run " + runId
                    + " ended (pinned tables: " + versions.keySet() + ")");
        }
        return v;
    }

    /** The table's rows as they were at the end of the run (Delta time travel). */
    public Dataset<Row> read(TableContract table) {
        return lakehouse.readVersion(table, version(table));
    }

    /** Like {@link #read(TableContract)}, by {@code layer.name}. */
    public Dataset<Row> read(String qualifiedName) {
        return read(Tables.byQualifiedName(qualifiedName)
                .orElseThrow(() -> new IllegalArgumentException("no table " + qualifiedName + "; tables: "
                        + Tables.all().stream()
                                .map(TableContract::qualifiedName)
                                .toList())));
    }

    /**
     * Registers every pinned table as a temporary view named {@code layer_name} (e.g. {@code gold_spc_points}), so
     * SQL in a notebook reads the pinned versions. Returns the view names.
     */
    public List<String> registerViews() {
        List<String> views = new ArrayList<>();
        for (String table : versions.keySet()) {
            String view = table.replace('.', '_');
            read(table).createOrReplaceTempView(view);
            views.add(view);
        }
        return views;
    }

    /** What a notebook prints first: the run, the code and configuration, every table's version, the input files. */
    public String provenance() {
        StringBuilder b = new StringBuilder();
        b.append("run ")
                .append(runId)
                .append(" (")
                .append(status)
                .append("), ")
                .append(startedAt)
                .append(" to ")
                .append(Objects.toString(endedAt, "(not ended)"))
                .append('\n');
        b.append("stages: ").append(String.join(", ", stages)).append('\n');
        b.append("code: lhs ")
                .append(lhsVersion)
                .append(", git commit ")
                .append(gitCommit)
                .append('\n');
        b.append("config sha256: ").append(configHash).append('\n');
        b.append("lakehouse: ").append(lakehouse.root()).append('\n');
        b.append("tables (Delta version; * = written by this run, others as earlier runs left them):\n");
        versions.forEach(
                (t, v) -> b.append(String.format("  %-36s v%-5d%s%n", t, v, writtenByRun.contains(t) ? " *" : "")));
        b.append("input files read by this run (").append(inputs.size()).append("):\n");
        for (InputFile f : inputs) {
            b.append("  ").append(f.path());
            if (f.sha256() != null) {
                b.append("  sha256 ").append(f.sha256());
            }
            if (f.rows() != null) {
                b.append("  rows ").append(f.rows());
            }
            b.append('\n');
        }
        return b.toString();
    }
}
