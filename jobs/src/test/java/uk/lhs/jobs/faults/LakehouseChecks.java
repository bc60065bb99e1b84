package uk.lhs.jobs.faults;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;

/**
 * Checks on whole lakehouses, independent of the stages that wrote them: every table readable with unique keys
 * ({@link #integrity}), and two lakehouses holding the same rows ({@link #diff}). Used by the fault-injection
 * harness and the cluster smoke test (through {@link #main}).
 */
public final class LakehouseChecks {
    /** Relative tolerance for double columns when rows are not bit-identical (summation order across partitions). */
    static final double RELATIVE_TOLERANCE = 1e-9;

    private LakehouseChecks() {}

    /**
     * Every table of {@link Tables#all()} that exists is read in full, and its key (from the contract) is unique.
     *
     * @return one line per problem; empty when the lakehouse is sound
     */
    public static List<String> integrity(SparkSession spark, String root) {
        Lakehouse lakehouse = new Lakehouse(spark, root);
        List<String> problems = new ArrayList<>();
        for (TableContract t : Tables.all()) {
            if (!lakehouse.exists(t)) {
                continue;
            }
            try {
                Dataset<Row> rows = lakehouse.read(t);
                rows.count();
                Column[] keys = t.keys().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
                long dupes = rows.groupBy(keys).count().filter("count > 1").count();
                if (dupes > 0) {
                    problems.add(t.qualifiedName() + ": " + dupes + " duplicated keys (" + String.join(", ", t.keys())
                            + ")");
                }
            } catch (RuntimeException e) {
                problems.add(t.qualifiedName() + ": unreadable: " + firstLine(e));
            }
        }
        return problems;
    }

    /**
     * Compares every table except {@code gold.pipeline_runs} between two lakehouses, ignoring lineage columns (run
     * ids) and timestamp columns (when a row was computed). Rows must be equal as multisets (EXCEPT ALL both ways);
     * if they are not, rows are matched on the key and double columns may differ by {@link #RELATIVE_TOLERANCE}
     * (summation order differs with partitioning), every other column must be equal.
     *
     * @return one line per table: {@code equal}, {@code equal within 1e-9} or what differs
     */
    public static List<TableDiff> diff(SparkSession spark, String rootA, String rootB) {
        Lakehouse a = new Lakehouse(spark, rootA);
        Lakehouse b = new Lakehouse(spark, rootB);
        List<TableDiff> out = new ArrayList<>();
        for (TableContract t : Tables.all()) {
            if (t.equals(Tables.PIPELINE_RUNS)) {
                continue;
            }
            boolean inA = a.exists(t);
            boolean inB = b.exists(t);
            if (!inA || !inB) {
                out.add(new TableDiff(
                        t.qualifiedName(),
                        inA == inB,
                        inA == inB ? "absent from both" : "only in " + (inA ? "A" : "B"),
                        0));
                continue;
            }
            out.add(compare(t, a.read(t), b.read(t)));
        }
        return out;
    }

    /** Outcome for one table. */
    public record TableDiff(String table, boolean same, String detail, long rows) {
        @Override
        public String toString() {
            return String.format("%-34s %-5s %8d rows  %s", table, same ? "EQUAL" : "DIFF", rows, detail);
        }
    }

    static List<String> comparedColumns(TableContract t) {
        List<String> cols = new ArrayList<>();
        for (StructField f : t.schema().fields()) {
            boolean lineage = t.lineageColumns().contains(f.name()) || f.name().endsWith("run_id");
            boolean timestamp = f.dataType().equals(DataTypes.TimestampType);
            if (!lineage && !timestamp) {
                cols.add(f.name());
            }
        }
        return cols;
    }

    static TableDiff compare(TableContract t, Dataset<Row> rowsA, Dataset<Row> rowsB) {
        List<String> cols = comparedColumns(t);
        Column[] select = cols.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
        Dataset<Row> a = rowsA.select(select);
        Dataset<Row> b = rowsB.select(select);
        // EXCEPT ALL both ways and both row counts in one job: group identical rows, count them on each side.
        Row m = a.withColumn("_a", lit(1L))
                .withColumn("_b", lit(0L))
                .unionByName(b.withColumn("_a", lit(0L)).withColumn("_b", lit(1L)))
                .groupBy(select)
                .agg(sum("_a").as("na"), sum("_b").as("nb"))
                .agg(
                        sum("na"),
                        sum("nb"),
                        sum(greatest(col("na").minus(col("nb")), lit(0L))),
                        sum(greatest(col("nb").minus(col("na")), lit(0L))))
                .first();
        long countA = m.isNullAt(0) ? 0 : m.getLong(0);
        long countB = m.isNullAt(1) ? 0 : m.getLong(1);
        long onlyA = m.isNullAt(2) ? 0 : m.getLong(2);
        long onlyB = m.isNullAt(3) ? 0 : m.getLong(3);
        if (onlyA == 0 && onlyB == 0) {
            return new TableDiff(t.qualifiedName(), true, "equal", countA);
        }
        if (countA != countB) {
            return new TableDiff(
                    t.qualifiedName(),
                    false,
                    "row counts " + countA + " vs " + countB + "; " + onlyA + " rows only in A, " + onlyB
                            + " only in B",
                    countA);
        }
        // Same size, some rows differ: match on the key and allow double rounding differences.
        List<String> keys = t.keys();
        Column on = null;
        for (String k : keys) {
            Column eq = col("a.`" + k + "`").eqNullSafe(col("b.`" + k + "`"));
            on = on == null ? eq : on.and(eq);
        }
        Dataset<Row> joined = a.as("a").join(b.as("b"), on, "full_outer");
        Column mismatch = null;
        for (StructField f : t.schema().fields()) {
            if (!cols.contains(f.name()) || keys.contains(f.name())) {
                continue;
            }
            Column x = col("a.`" + f.name() + "`");
            Column y = col("b.`" + f.name() + "`");
            Column bad;
            if (f.dataType().equals(DataTypes.DoubleType)) {
                Column scale = org.apache.spark.sql.functions.greatest(
                        org.apache.spark.sql.functions.lit(1.0),
                        org.apache.spark.sql.functions.abs(x),
                        org.apache.spark.sql.functions.abs(y));
                bad = x.isNull()
                        .notEqual(y.isNull())
                        .or(org.apache.spark.sql.functions.abs(x.minus(y)).gt(scale.multiply(RELATIVE_TOLERANCE)));
            } else {
                bad = x.eqNullSafe(y).unary_$bang();
            }
            mismatch = mismatch == null ? bad : mismatch.or(bad);
        }
        Column keyMissing = null;
        for (String k : keys) {
            Column oneSided = col("a.`" + k + "`")
                    .isNull()
                    .and(col("b.`" + k + "`").isNull())
                    .unary_$bang()
                    .and(col("a.`" + k + "`").isNull().or(col("b.`" + k + "`").isNull()));
            keyMissing = keyMissing == null ? oneSided : keyMissing.or(oneSided);
        }
        Column problem = mismatch == null ? keyMissing : mismatch.or(keyMissing);
        List<Row> bad = joined.filter(problem).limit(2).collectAsList();
        long badCount = bad.isEmpty() ? 0 : joined.filter(problem).count();
        if (badCount == 0) {
            return new TableDiff(
                    t.qualifiedName(),
                    true,
                    "equal within " + RELATIVE_TOLERANCE + " (doubles; " + onlyA + " rows not bit-identical)",
                    countA);
        }
        return new TableDiff(
                t.qualifiedName(), false, badCount + " rows differ on key " + keys + ", e.g. " + bad.get(0), countA);
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * {@code diff A B}: prints one line per table and exits 1 when any differs; {@code integrity A}: prints problems
     * and exits 1 when there are any.
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: LakehouseChecks diff LAKEHOUSE_A LAKEHOUSE_B | integrity LAKEHOUSE");
            System.exit(2);
        }
        SparkSession spark = FaultTrials.session(args[1]);
        boolean ok;
        if (args[0].equals("diff")) {
            List<TableDiff> diffs = diff(spark, args[1], args[2]);
            diffs.forEach(System.out::println);
            ok = diffs.stream().allMatch(TableDiff::same);
            System.out.println(ok ? "all tables equal" : "TABLES DIFFER");
        } else {
            List<String> problems = integrity(spark, args[1]);
            problems.forEach(System.out::println);
            ok = problems.isEmpty();
            System.out.println(ok ? "every table readable, keys unique" : "INTEGRITY PROBLEMS");
        }
        spark.stop();
        System.exit(ok ? 0 : 1);
    }
}
