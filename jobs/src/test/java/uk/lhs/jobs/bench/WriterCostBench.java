package uk.lhs.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import uk.lhs.common.lakehouse.CostCounter;
import uk.lhs.common.synthetic.SyntheticGenerator;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;
import uk.lhs.jobs.Stages;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;
import uk.lhs.jobs.pipeline.Stage;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * Measurement, not a test (not run by Failsafe's {@code *IT} pattern): a cold run of every stage on the demo sample
 * ({@link DemoLakehouse#OPTIONS}) with a {@link CostCounter}, printing Spark jobs, tasks and Delta commits per stage
 * and the commits found in the tables' logs, and dumping every table's content without its lineage and timestamp
 * columns (sorted rows, one file per table) under {@code jobs/target/writer-cost/<label>/}, so two versions of the
 * writer can be compared with {@code diff -r}. Run: {@code flock /tmp/lhs-test.lock mvn -B -o verify -pl jobs -am
 * -Dit.test=WriterCostBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dlhs.bench.label=after}.
 */
class WriterCostBench {
    @Test
    void coldRun() throws IOException {
        String label = System.getProperty("lhs.bench.label", "run");
        Path out = Path.of("target/writer-cost", label).toAbsolutePath();
        Path root = Files.createTempDirectory("writer-cost");
        SyntheticGenerator.generate(DemoLakehouse.OPTIONS, root.resolve("landing"));
        JobContext ctx = DemoLakehouse.context(root);
        CostCounter counter = CostCounter.attach(ctx.spark());
        ctx.writer().countCommitsIn(counter);
        List<String> report = new ArrayList<>();
        CostCounter.Cost start = counter.snapshot();
        long t0 = System.nanoTime();
        for (Stage stage : Stages.all()) {
            CostCounter.Cost before = counter.snapshot();
            long s0 = System.nanoTime();
            Pipeline.run(ctx, List.of(stage), null, DemoLakehouse.quiet());
            report.add(String.format(
                    "%-11s %s, %.1f s (incl. 2 run records)",
                    stage.name(), counter.snapshot().minus(before), (System.nanoTime() - s0) / 1e9));
        }
        report.add(String.format(
                "%-11s %s, %.1f s", "total", counter.snapshot().minus(start), (System.nanoTime() - t0) / 1e9));
        // What the writer's metrics lookup costs: the latest commit's history entry.
        CostCounter.Cost h0 = counter.snapshot();
        io.delta.tables.DeltaTable.forPath(ctx.spark(), ctx.lakehouse().location(Tables.PIPELINE_RUNS))
                .history(1)
                .select("version", "operation", "operationMetrics")
                .first();
        report.add("history(1) lookup: " + counter.snapshot().minus(h0));
        counter.detach();
        report.add("commits in the tables' logs: "
                + logCommits(Path.of(ctx.lakehouse().root().replaceFirst("^file:", ""))));
        Files.createDirectories(out);
        for (TableContract t : Tables.all()) {
            if (t == Tables.PIPELINE_RUNS) {
                continue;
            }
            Path file = out.resolve(t.qualifiedName() + ".txt");
            if (!ctx.lakehouse().exists(t)) {
                Files.writeString(file, "(no table)\n");
                continue;
            }
            List<Column> keep = new ArrayList<>();
            for (StructField f : t.schema().fields()) {
                if (!t.lineageColumns().contains(f.name())
                        && !f.dataType().equals(DataTypes.TimestampType)
                        && !f.name().endsWith("run_id")) {
                    keep.add(functions.col(f.name()));
                }
            }
            List<String> lines = new ArrayList<>();
            for (Row r :
                    ctx.lakehouse().read(t).select(keep.toArray(new Column[0])).collectAsList()) {
                lines.add(r.toString());
            }
            lines.sort(null);
            Files.write(file, lines);
            report.add(t.qualifiedName() + ": " + lines.size() + " rows, constraints "
                    + ctx.spark()
                            .sql("SHOW TBLPROPERTIES delta.`" + ctx.lakehouse().location(t) + "`")
                            .filter("key LIKE 'delta.constraints.%' OR key LIKE 'delta.%Retention%'")
                            .count());
        }
        Files.write(out.resolve("cost.txt"), report);
        report.forEach(System.out::println);
    }

    private static long logCommits(Path lakehouse) {
        try (Stream<Path> files = Files.walk(lakehouse)) {
            return files.filter(p -> p.getParent().getFileName().toString().equals("_delta_log")
                            && p.getFileName().toString().matches("\\d{20}\\.json"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
