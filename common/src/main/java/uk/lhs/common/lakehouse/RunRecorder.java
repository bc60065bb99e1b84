package uk.lhs.common.lakehouse;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.tables.DeltaTableWriter;
import uk.lhs.common.tables.Tables;
import uk.lhs.common.tables.WriteResult;

/**
 * Records every stage of a run in {@code gold.pipeline_runs}: a {@code running} row when the stage starts (so a run
 * killed mid-stage is visible), then its outcome, inputs and the Delta versions it wrote.
 */
public final class RunRecorder {
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final DeltaTableWriter writer;
  private final Clock clock;
  private final String runId;
  private final RunInfo info;

  /** Facts about the code and deployment, identical for every stage of a run. */
  public record RunInfo(String gitCommit, String configHash, String lhsVersion, String sparkMaster,
      String environment, String period) {}

  public RunRecorder(SparkSession spark, DeltaTableWriter writer, Clock clock, String runId, RunInfo info) {
    this.spark = spark;
    this.writer = writer;
    this.clock = clock;
    this.runId = runId;
    this.info = info;
  }

  /** A new run id: UTC start time plus a random suffix, sortable by time. */
  public static String newRunId(Clock clock) {
    byte[] suffix = new byte[3];
    ThreadLocalRandom.current().nextBytes(suffix);
    return RUN_ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
  }

  public String runId() {
    return runId;
  }

  /** Marks the stage as running; returns its start time. */
  public Instant started(String stage) {
    Instant now = clock.instant();
    write(stage, "running", now, null, null, List.of(), List.of());
    return now;
  }

  /** Records the stage's successful end. */
  public void succeeded(String stage, Instant startedAt, List<InputFile> inputs, List<WriteResult> writes) {
    write(stage, "succeeded", startedAt, clock.instant(), null, inputs, writes);
  }

  /** Records the stage's failure with a one-line cause. */
  public void failed(String stage, Instant startedAt, String error, List<InputFile> inputs,
      List<WriteResult> writes) {
    write(stage, "failed", startedAt, clock.instant(), error, inputs, writes);
  }

  private void write(String stage, String status, Instant started, Instant ended, String error,
      List<InputFile> inputs, List<WriteResult> writes) {
    List<Row> files = new ArrayList<>();
    for (InputFile f : inputs) {
      files.add(RowFactory.create(f.path(), f.sha256(), f.rows()));
    }
    List<Row> versions = new ArrayList<>();
    for (WriteResult w : writes) {
      versions.add(RowFactory.create(w.table(), w.version(), w.rowsInserted(), w.rowsUpdated()));
    }
    Row row = RowFactory.create(runId, stage, status, Timestamp.from(started),
        ended == null ? null : Timestamp.from(ended), info.period(), error, files, versions, info.gitCommit(),
        info.configHash(), info.lhsVersion(), info.sparkMaster(), info.environment());
    writer.writeRows(Tables.PIPELINE_RUNS, List.of(row), null);
  }
}
