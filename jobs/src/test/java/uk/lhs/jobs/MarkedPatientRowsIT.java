package uk.lhs.jobs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.ingest.RowHash;
import uk.lhs.common.ingest.RowHashKey;
import uk.lhs.common.synthetic.SyntheticGenerator;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.Release;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.Tables;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;
import uk.lhs.jobs.report.ReportReader;
import uk.lhs.jobs.report.ReportWriter;
import uk.lhs.jobs.testing.DemoLakehouse;

/**
 * A generated sample plus a spell file and an episode file whose patient ids (and one diagnosis) carry a marker, most
 * of their rows invalid, run through every stage and the dashboard: the marked rows stay in bronze.spells (and the
 * valid one in silver.spells, both PATIENT); silver.quarantine holds for each invalid row only its file, row, column,
 * reason and keyed hash; no other table, no line the stages print and no page of the dashboard holds the marker.
 */
class MarkedPatientRowsIT {
    static final String MARKER = "PATIENTMARKER";

    @TempDir
    static Path dir;

    @Test
    void markedPatientRowsLeaveNoTraceOutsideThePatientTables() throws IOException {
        Path landing = dir.resolve("landing");
        SyntheticGenerator.generate(DemoLakehouse.OPTIONS.withSize(14, 12, 1_500), landing);
        JobContext ctx = DemoLakehouse.context(dir);
        // A trust and a discharge date of the sample, so the valid marked spell counts in its indicators.
        Row sample = ctx.spark()
                .read()
                .parquet(landing.resolve("spells").resolve("*.parquet").toString())
                .selectExpr("PROCODE3", "CAST(DISDATE AS STRING)")
                .first();
        String org = sample.getString(0);
        LocalDate dis = LocalDate.parse(sample.getString(1));
        String adm = dis.minusDays(2).toString();
        Files.writeString(
                landing.resolve("spells/marked-spells.csv"),
                String.join(
                                "\n",
                                String.join(",", SpellTables.SPELL_FIELDS),
                                spell(900_000_000_000_001L, MARKER + "100", org, adm, dis, "21", "1", "70", "J189"),
                                spell(900_000_000_000_002L, MARKER + "101", org, adm, dis, "77", "1", "70", "J189"),
                                spell(
                                        900_000_000_000_003L,
                                        MARKER + "102",
                                        org,
                                        dis.plusDays(3).toString(),
                                        dis,
                                        "21",
                                        "1",
                                        "70",
                                        "J189"),
                                spell(900_000_000_000_004L, MARKER + "103", org, adm, dis, "21", "3", "130", "J189"),
                                spell(900_000_000_000_001L, MARKER + "104", org, adm, dis, "21", "2", "40", "J189"),
                                "900000000000006," + MARKER + "105," + org,
                                spell(
                                        900_000_000_000_007L,
                                        MARKER + "106",
                                        org,
                                        adm,
                                        dis,
                                        "21",
                                        "1",
                                        "70",
                                        "Z" + MARKER),
                                spell(900_000_000_000_008L, MARKER + "107", org, adm, dis, "21", "1", "70", "J189"))
                        + "\n");
        Files.writeString(
                landing.resolve("spells/marked-episodes.csv"),
                "EPIKEY,SPELL_ID,PSEUDO_HESID,PROCODE3,ADMIDATE,DISDATE,EPISTART,EPIEND,EPIORDER,EPISTAT,EPITYPE,"
                        + "SPELBGIN,SPELEND,ADMIMETH,ADMISORC,CLASSPAT,DISMETH,DISDEST,STARTAGE,SEX,MAINSPEF,TRETSPEF,"
                        + "DIAG_4_01,DIAG_4_CONCAT,OPERTN_4_01,IMD_DECILE\n"
                        + "990001,900000000000100," + MARKER + "200," + org + "," + adm + "," + dis.minusDays(5) + ","
                        + adm + "," + dis.minusDays(5) + ",1,3,1,2,Y,21,19,1,1,19,70,1,300,300,J189,J189,-,4\n");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Pipeline.run(ctx, Stages.all(), null, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String console = printed.toString(StandardCharsets.UTF_8);
        assertTrue(console.contains("marked-spells.csv"), console);
        assertFalse(console.contains(MARKER), "a stage printed a marked field:\n" + console);

        // Bronze keeps every marked row as read.
        assertEquals(
                9,
                ctx.lakehouse()
                        .read(SpellTables.BRONZE_SPELLS)
                        .filter(col("PSEUDO_HESID").startsWith(MARKER))
                        .count(),
                "8 spell rows and 1 episode row in bronze.spells");
        assertEquals(
                1,
                ctx.lakehouse()
                        .read(SpellTables.SILVER_SPELLS)
                        .filter(col("patient_id").startsWith(MARKER))
                        .count(),
                "the one valid marked spell is loaded");

        // Quarantine: each invalid marked row by file, row, column, reason and its keyed hash, nothing else.
        RowHash key = RowHashKey.resolve(
                ctx.config(), ctx.lakehouse().root(), ctx.spark().sparkContext().hadoopConfiguration());
        Map<Integer, String> bronzeHashes = new TreeMap<>();
        for (Row b : ctx.lakehouse()
                .read(SpellTables.BRONZE_SPELLS)
                .filter(col("source_file").endsWith("marked-spells.csv"))
                .collectAsList()) {
            List<String> fields = new ArrayList<>();
            for (String f : SpellTables.SPELL_FIELDS) {
                fields.add(b.getString(b.fieldIndex(f)));
            }
            bronzeHashes.put(b.getInt(b.fieldIndex("row_number")), key.ofFields(fields));
        }
        List<Row> quarantined = ctx.lakehouse()
                .readOrEmpty(IngestTables.QUARANTINE)
                .filter(col("source_file").endsWith("marked-spells.csv"))
                .collectAsList();
        TreeSet<Integer> rows = new TreeSet<>();
        TreeSet<String> columns = new TreeSet<>();
        for (Row q : quarantined) {
            int row = q.getInt(q.fieldIndex("row_number"));
            rows.add(row);
            columns.add(q.getString(q.fieldIndex("column_name")));
            assertTrue(q.isNullAt(q.fieldIndex("raw_text")), "no raw text: " + q);
            assertEquals(SpellTables.DATASET_SPELLS_CSV, q.getString(q.fieldIndex("dataset")));
            assertFalse(q.getString(q.fieldIndex("reason")).isBlank());
            assertEquals(bronzeHashes.get(row), q.getString(q.fieldIndex("row_hash")), "the hash of bronze row " + row);
        }
        // Rows 2 and 6 give one SPELL_ID to two patients: both are quarantined, neither kept.
        assertEquals(new TreeSet<>(List.of(2, 3, 4, 5, 6, 7, 8)), rows, "rows 2-8 of the file (header = row 1)");
        assertTrue(
                columns.containsAll(List.of("ADMIMETH", "DISDATE", "SEX", "STARTAGE", "SPELL_ID", "DIAG_4_01")),
                columns.toString());
        assertEquals(
                1,
                ctx.lakehouse()
                        .readOrEmpty(IngestTables.QUARANTINE)
                        .filter(col("source_file").endsWith("marked-episodes.csv"))
                        .select("row_number")
                        .distinct()
                        .count(),
                "the marked episode's spell is quarantined too");

        // No table but the patient-level ones holds the marker anywhere in any column.
        List<String> checked = new ArrayList<>();
        for (TableContract t : Tables.all()) {
            if (t.release() == Release.PATIENT || !ctx.lakehouse().exists(t)) {
                continue;
            }
            long hits = ctx.lakehouse()
                    .read(t)
                    .toJSON()
                    .filter((org.apache.spark.api.java.function.FilterFunction<String>) j -> j.contains(MARKER))
                    .count();
            assertEquals(0, hits, t.qualifiedName() + " holds a marked field");
            checked.add(t.qualifiedName());
        }
        assertTrue(
                checked.containsAll(
                        List.of("silver.quarantine", "gold.data_quality", "gold.indicator_values", "bronze.files")),
                checked.toString());
        assertEquals(
                "7",
                ctx.lakehouse()
                        .read(IngestTables.DATA_QUALITY)
                        .filter(col("check_id")
                                .equalTo("rows_quarantined")
                                .and(col("source_file").endsWith("marked-spells.csv")))
                        .first()
                        .getAs("observed"),
                "the finding counts the rows");

        // The dashboard lists the quarantined rows by file, row, column and reason, and shows no marker.
        Path out = dir.resolve("report");
        ReportWriter.write(new ReportReader(ctx.lakehouse()), out, null, Clock.systemUTC());
        boolean listed = false;
        try (Stream<Path> pages = Files.list(out)) {
            for (Path page : pages.toList()) {
                String html = Files.readString(page, StandardCharsets.UTF_8);
                assertFalse(html.contains(MARKER), page.getFileName() + " shows a marked field");
                listed |= html.contains("marked-spells.csv</td><td class=\"num\">3</td><td>ADMIMETH</td>");
            }
        }
        assertTrue(listed, "row 3 of marked-spells.csv is listed with its column");
    }

    /** A spell row with the given identity and the fields the cases vary; the rest valid. */
    private static String spell(
            long id,
            String patient,
            String org,
            String admit,
            LocalDate discharge,
            String admimeth,
            String sex,
            String age,
            String diag) {
        long los = discharge.toEpochDay() - LocalDate.parse(admit).toEpochDay();
        return id + "," + patient + "," + org + ",2425," + admit + "," + discharge + "," + los + "," + admimeth
                + ",19,1,1,19,1,1,1," + age + "," + sex + ",300,300," + diag + "," + diag + ",,,4";
    }
}
