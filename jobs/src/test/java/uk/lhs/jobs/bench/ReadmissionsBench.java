package uk.lhs.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import uk.lhs.common.config.LhsConfig;
import uk.lhs.common.spells.Readmissions;
import uk.lhs.common.spells.SpellCodes;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.jobs.ingest.SpellsIngest;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * Benchmark steps for bench/readmissions-bench.sh, one per JVM so {@code /usr/bin/time -v} sees each one's peak RSS.
 * Each prints one {@code RESULT step=... seconds=... rows=...} line (time measured inside the JVM, start-up
 * excluded). Modes:
 *
 * <ul>
 *   <li>{@code ingest LAKEHOUSE LANDING}: the spells ingest (bronze.spells, silver.spells) as {@code lhs ingest}
 *       runs it.</li>
 *   <li>{@code export LAKEHOUSE DIR}: silver.spells to plain Parquet, the common input of the next three.</li>
 *   <li>{@code spark DIR CSV}: OF 3b flags ({@link Readmissions#flag}) and per trust-month counts.</li>
 *   <li>{@code duckdb DIR CSV}: the same counts in DuckDB SQL written from the specification (below).</li>
 *   <li>{@code scan DIR}: the floor: Spark reading the columns the readmission logic needs, nothing else.</li>
 * </ul>
 */
public final class ReadmissionsBench {
    /** The columns the OF 3b logic reads (the scan floor reads exactly these). */
    static final List<String> NEEDED = List.of(
            "spell_id",
            "patient_id",
            "org_code",
            "period_start",
            "admission_date",
            "discharge_date",
            "admission_method",
            "patient_class",
            "discharge_method",
            "epitype_first",
            "epitype_last",
            "start_age",
            "sex",
            "diag_primary",
            "diag_all",
            "treatment_function",
            "opertn_primary",
            "opertn_treatment_function");

    private ReadmissionsBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        switch (mode) {
            case "duckdb" ->
                duckdb(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 2);
            case "ingest", "export", "spark", "scan" -> spark(mode, args);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static void spark(String mode, String[] args) throws IOException {
        String lakehouse = mode.equals("ingest") || mode.equals("export") ? args[1] : "/tmp/lhs-bench-unused";
        LhsConfig config = LhsConfig.defaults()
                .with("lakehouse", lakehouse)
                .with("spark.default-master", System.getProperty("bench.master", "local[2]"));
        if (mode.equals("ingest")) {
            config = config.with("landing", args[2]);
        }
        JobContext ctx = JobContext.create(config);
        SparkSession spark = ctx.spark();
        spark.sparkContext().setLogLevel("WARN");
        long t0 = System.nanoTime();
        long rows;
        switch (mode) {
            case "ingest" -> {
                SpellsIngest.run(ctx, new StageOutput("bench-ingest"));
                rows = ctx.lakehouse().read(SpellTables.BRONZE_SPELLS).count();
            }
            case "export" -> {
                Dataset<Row> silver =
                        ctx.lakehouse().read(SpellTables.SILVER_SPELLS).drop("ingest_run_id");
                silver.write().mode(SaveMode.Overwrite).parquet(args[2]);
                rows = spark.read().parquet(args[2]).count();
            }
            case "spark" -> {
                Dataset<Row> flagged = Readmissions.flag(spark.read().parquet(args[1]));
                List<Row> counts = flagged.groupBy("org_code", "period_start")
                        .agg(
                                count(when(col("in_denominator"), 1)).as("denominator"),
                                count(when(col("readmitted"), 1)).as("readmissions"),
                                count(col("spell_id")).as("spells"))
                        .collectAsList();
                rows = counts.stream().mapToLong(r -> r.getLong(4)).sum();
                List<String> lines = new ArrayList<>();
                for (Row r : counts) {
                    lines.add(r.getString(0) + "," + r.get(1) + "," + r.getLong(2) + "," + r.getLong(3));
                }
                writeSorted(Path.of(args[2]), lines);
            }
            default -> { // scan
                Dataset<Row> needed = spark.read()
                        .parquet(args[1])
                        .select(NEEDED.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new));
                // Touch every needed column so none is pruned: count the non-null values of each.
                org.apache.spark.sql.Column[] aggs =
                        NEEDED.stream().map(c -> count(col(c))).toArray(org.apache.spark.sql.Column[]::new);
                Row r = needed.agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length))
                        .first();
                rows = r.getLong(0);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RESULT step=%s seconds=%.2f rows=%d rows_per_s=%.0f%n", mode, seconds, rows, rows / seconds);
        spark.stop();
    }

    /**
     * NHS Outcomes Framework 3b / I02040 (specification v5.0, October 2024, pp. 7-12), written directly in SQL from
     * the specification as {@link Readmissions} documents it, sharing only the code lists of {@link SpellCodes}:
     * denominator rules (p7-9), 365-day prior cancer look-back, 3-step specialty allocation (p10), the next spell of
     * the same patient by admission date as the only candidate readmission, 0-29 days after discharge (p11-12).
     */
    static String of3bSql(String parquetGlob) {
        String cancer = "'" + SpellCodes.CANCER_DIAGNOSIS_REGEX + "'";
        String surgical = "(" + SpellCodes.sqlList(SpellCodes.SURGICAL_TRETSPEF) + ")";
        String medical = "(" + SpellCodes.sqlList(SpellCodes.MEDICAL_TRETSPEF) + ")";
        return "WITH s AS (\n"
                + "  SELECT *, CAST(admission_date - DATE '1970-01-01' AS BIGINT) AS adm_day,\n"
                + "    CASE WHEN len(list_filter(string_split(coalesce(diag_all, diag_primary), ','),\n"
                + "                  lambda d: regexp_matches(trim(d), " + cancer + "))) > 0\n"
                + "           OR regexp_matches(diag_primary, " + cancer + ") THEN 1 ELSE 0 END AS cancer,\n"
                + "    treatment_function IN (" + SpellCodes.sqlList(SpellCodes.OBSTETRIC_TRETSPEF) + ")\n"
                + "      AND diag_primary LIKE 'O%' AS maternity,\n"
                + "    treatment_function IN (" + SpellCodes.sqlList(SpellCodes.MENTAL_HEALTH_TRETSPEF)
                + ") AS mental,\n"
                + "    CASE WHEN opertn_primary IS NOT NULL AND opertn_treatment_function IN " + surgical
                + " THEN 'S'\n"
                + "         WHEN treatment_function IN " + surgical + " THEN 'S'\n"
                + "         WHEN treatment_function IN " + medical
                + " THEN 'M:' || substr(diag_primary, 1, 3) END AS casemix\n"
                + "  FROM read_parquet('" + parquetGlob + "')\n"
                + "), p AS (\n"
                + "  SELECT *, max(cancer) OVER (PARTITION BY patient_id ORDER BY adm_day\n"
                + "           RANGE BETWEEN 365 PRECEDING AND 1 PRECEDING) AS cancer_prior\n"
                + "  FROM s\n"
                + "), f AS (\n"
                + "  SELECT *,\n"
                + "    coalesce(discharge_method IN (" + SpellCodes.sqlList(SpellCodes.DENOMINATOR_DISCHARGE_METHODS)
                + "), false)\n"
                + "    AND coalesce(admission_method IN ("
                + SpellCodes.sqlList(SpellCodes.DENOMINATOR_ADMISSION_METHODS)
                + "), false)\n"
                + "    AND coalesce(patient_class = '1', false) AND coalesce(epitype_first = '1', false)\n"
                + "    AND coalesce(epitype_last = '1', false)\n"
                + "    AND coalesce((start_age BETWEEN 0 AND 120) OR (start_age BETWEEN 7001 AND 7007), false)\n"
                + "    AND coalesce(sex IN ('1', '2'), false) AND cancer = 0 AND coalesce(cancer_prior, 0) = 0\n"
                + "    AND maternity IS NOT TRUE AND mental IS NOT TRUE AND casemix IS NOT NULL AND org_code IS NOT NULL\n"
                + "      AS in_denominator,\n"
                + "    admission_method IN (" + SpellCodes.sqlList(SpellCodes.EMERGENCY_METHODS) + ")\n"
                + "      AND epitype_first = '1' AND patient_class = '1' AND cancer = 0 AND coalesce(cancer_prior, 0) = 0\n"
                + "      AND NOT maternity AND NOT mental AS readmission_eligible\n"
                + "  FROM p\n"
                + "), n AS (\n"
                + "  SELECT *,\n"
                + "    lead(admission_date) OVER w AS next_admission,\n"
                + "    lead(readmission_eligible) OVER w AS next_eligible\n"
                + "  FROM f\n"
                + "  WINDOW w AS (PARTITION BY patient_id ORDER BY admission_date, discharge_date, spell_id)\n"
                + ")\n"
                + "SELECT org_code, period_start,\n"
                + "  count(*) FILTER (WHERE in_denominator) AS denominator,\n"
                + "  count(*) FILTER (WHERE in_denominator AND coalesce(next_eligible, false)\n"
                + "    AND coalesce(date_diff('day', discharge_date, next_admission) BETWEEN 0 AND "
                + SpellCodes.READMISSION_MAX_DAYS + ", false)) AS readmissions,\n"
                + "  count(*) AS spells\n"
                + "FROM n GROUP BY org_code, period_start";
    }

    private static void duckdb(Path dir, Path csv, int threads) throws SQLException, IOException {
        long t0 = System.nanoTime();
        List<String> lines = new ArrayList<>();
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            st.execute("SET threads = " + threads);
            st.execute("SET memory_limit = '" + System.getProperty("bench.duckdb.memory", "6GB") + "'");
            st.execute("SET preserve_insertion_order = false");
            try (ResultSet rs = st.executeQuery(of3bSql(dir.toAbsolutePath() + "/*.parquet"))) {
                while (rs.next()) {
                    lines.add(rs.getString(1) + "," + rs.getDate(2) + "," + rs.getLong(3) + "," + rs.getLong(4));
                    rows += rs.getLong(5);
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        writeSorted(csv, lines);
        System.out.printf("RESULT step=duckdb seconds=%.2f rows=%d rows_per_s=%.0f%n", seconds, rows, rows / seconds);
    }

    private static void writeSorted(Path csv, List<String> lines) throws IOException {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(null);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv))) {
            w.println("org_code,period_start,denominator,readmissions");
            sorted.forEach(w::println);
        }
    }
}
