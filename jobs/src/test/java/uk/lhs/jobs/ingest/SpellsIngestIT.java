package uk.lhs.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import uk.lhs.common.ingest.RowHash;
import uk.lhs.common.ingest.RowHashKey;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.StageOutput;

/**
 * The spell ingest end to end on a landing folder with a spell CSV (one bad row), an episode CSV (one spell also in
 * the spell file, one only here) and a Parquet part: bronze keeps every row, silver the valid spells once, quarantine
 * the bad row; the same file landing again under another name is skipped.
 */
class SpellsIngestIT {
    private static final String HEADER = String.join(",", SpellTables.SPELL_FIELDS);

    private static String spell(long id, String admit, String discharge, int los) {
        return id + ",P" + id + ",RXX,2324," + admit + "," + discharge + "," + los
                + ",21,19,1,1,19,1,1,1,70,1,300,300,J189,J189,,,4";
    }

    @Test
    void ingestsOnceQuarantinesBadRowsAndLinksEpisodes() throws IOException {
        Path landing = Files.createTempDirectory("lhs-spells-landing-");
        Path spells = Files.createDirectories(landing.resolve("spells"));
        Files.writeString(
                spells.resolve("spells-a.csv"),
                String.join(
                                "\n",
                                HEADER,
                                spell(1, "2023-06-01", "2023-06-05", 4),
                                spell(2, "2023-06-02", "2023-06-03", 1),
                                spell(3, "2023-06-10", "2023-06-09", -1),
                                spell(4, "2023-07-01", "2023-07-08", 7))
                        + "\n");
        String episodeHeader =
                "EPIKEY,SPELL_ID,PSEUDO_HESID,PROCODE3,ADMIDATE,DISDATE,EPISTART,EPIEND,EPIORDER,EPISTAT,"
                        + "EPITYPE,SPELBGIN,SPELEND,ADMIMETH,ADMISORC,CLASSPAT,DISMETH,DISDEST,STARTAGE,SEX,MAINSPEF,TRETSPEF,"
                        + "DIAG_4_01,DIAG_4_CONCAT,OPERTN_4_01,IMD_DECILE";
        Files.writeString(
                spells.resolve("episodes.csv"),
                String.join(
                                "\n",
                                episodeHeader,
                                "11,1,P1,RXX,2023-06-01,2023-06-05,2023-06-01,2023-06-05,1,3,1,2,Y,21,19,1,1,19,70,1,300,300,J189,J189,-,4",
                                "1002,100,P9,RYY,2023-08-01,,2023-08-01,2023-08-03,2,3,1,0,N,21,19,1,8,98,70,1,300,430,J189,\"J189,I10X\",-,4",
                                "1001,100,P9,RYY,2023-08-01,,2023-08-01,2023-08-01,1,3,1,2,N,21,19,1,8,98,70,1,300,300,J189,J189,-,4",
                                "1003,100,P9,RYY,2023-08-01,2023-08-09,2023-08-03,2023-08-09,3,3,1,0,Y,21,19,1,1,19,70,1,300,300,J189,N390,"
                                        + "H011,4")
                        + "\n");
        Path tmp = Files.createTempDirectory("lhs-spells-parquet-");
        var spark = SharedSpark.session();
        spark.createDataFrame(
                        List.of(
                                org.apache.spark.sql.RowFactory.create(200L, "P200", "RZZ", "2023-09-01", "2023-09-02"),
                                org.apache.spark.sql.RowFactory.create(
                                        201L, "P201", "RZZ", "2023-09-03", "2023-09-04")),
                        new org.apache.spark.sql.types.StructType()
                                .add("SPELL_ID", DataTypes.LongType)
                                .add("PSEUDO_HESID", DataTypes.StringType)
                                .add("PROCODE3", DataTypes.StringType)
                                .add("ADMIDATE", DataTypes.StringType)
                                .add("DISDATE", DataTypes.StringType))
                .selectExpr(
                        "SPELL_ID",
                        "PSEUDO_HESID",
                        "PROCODE3",
                        "CAST(ADMIDATE AS DATE) AS ADMIDATE",
                        "CAST(DISDATE AS DATE) AS DISDATE",
                        "'21' AS ADMIMETH",
                        "'1' AS CLASSPAT",
                        "'1' AS DISMETH",
                        "'1' AS EPITYPE",
                        "70 AS STARTAGE",
                        "'2' AS SEX",
                        "'300' AS TRETSPEF",
                        "'J189' AS DIAG_4_01",
                        "5 AS IMD_DECILE")
                .coalesce(1)
                .write()
                .parquet(tmp.resolve("out").toString());
        try (Stream<Path> parts = Files.list(tmp.resolve("out"))) {
            Path part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
            Files.copy(part, spells.resolve("spells-part-00000.parquet"));
        }

        Path lakehouse = SharedSpark.newLakehouse("spells-ingest");
        JobContext ctx = JobContext.around(
                SharedSpark.config(lakehouse).with("landing", landing.toString()), spark, Clock.systemUTC());
        SpellsIngest.run(ctx, new StageOutput("run1"));

        assertEquals(4 + 4 + 2, ctx.lakehouse().read(SpellTables.BRONZE_SPELLS).count());
        List<Row> silver = ctx.lakehouse()
                .read(SpellTables.SILVER_SPELLS)
                .orderBy("spell_id")
                .collectAsList();
        assertEquals(
                List.of(1L, 2L, 4L, 100L, 200L, 201L),
                silver.stream().map(r -> r.getLong(0)).toList());
        Row linked = silver.get(3);
        assertEquals(
                "2023-08-09",
                linked.getDate(linked.fieldIndex("discharge_date")).toString());
        assertEquals(3, linked.getInt(linked.fieldIndex("episode_count")));
        assertEquals("J189,I10X,N390", linked.getString(linked.fieldIndex("diag_all")));
        assertEquals("H011", linked.getString(linked.fieldIndex("opertn_primary")));
        assertEquals("1", linked.getString(linked.fieldIndex("discharge_method")));
        Row first = silver.get(0);
        assertEquals(
                "spells-a.csv",
                Path.of(first.getString(first.fieldIndex("source_file")))
                        .getFileName()
                        .toString(),
                "spell 1 comes from the spell file, not from its episodes");
        List<Row> q = ctx.lakehouse().readOrEmpty(IngestTables.QUARANTINE).collectAsList();
        assertEquals(1, q.size());
        assertEquals(4, q.get(0).getInt(1), "row 4 of the file (header is row 1)");
        assertEquals("DISDATE", q.get(0).getString(2));
        // No field of the patient row in quarantine: its keyed hash instead, which the bronze row reproduces.
        Row q0 = q.get(0);
        assertTrue(q0.isNullAt(q0.fieldIndex("raw_text")), "no raw text of a patient row");
        Row bad = ctx.lakehouse()
                .read(SpellTables.BRONZE_SPELLS)
                .filter(col("SPELL_ID").equalTo("3"))
                .first();
        List<String> fields = new java.util.ArrayList<>();
        for (String f : SpellTables.SPELL_FIELDS) {
            fields.add(bad.getString(bad.fieldIndex(f)));
        }
        RowHash key = RowHashKey.resolve(
                ctx.config(), ctx.lakehouse().root(), spark.sparkContext().hadoopConfiguration());
        assertEquals(key.ofFields(fields), q0.getString(q0.fieldIndex("row_hash")));
        assertTrue(!q0.toString().contains("P3") && !q0.toString().contains("2023-06-10"), q0.toString());
        Row parquetRow = ctx.lakehouse()
                .read(SpellTables.BRONZE_SPELLS)
                .filter(col("SPELL_ID").equalTo("201"))
                .first();
        assertEquals(2, parquetRow.getInt(1), "Parquet row number is the row index + 1");
        assertEquals("2023-09-03", parquetRow.getString(parquetRow.fieldIndex("ADMIDATE")));

        // The same spell file landing again under another name is recognised by its sha256 and skipped.
        Files.copy(spells.resolve("spells-a.csv"), spells.resolve("spells-a-again.csv"));
        StageOutput second = new StageOutput("run2");
        SpellsIngest.run(ctx, second);
        assertTrue(second.inputs().isEmpty(), "nothing new to read: " + second.inputs());
        assertEquals(10, ctx.lakehouse().read(SpellTables.BRONZE_SPELLS).count());
        assertEquals(6, ctx.lakehouse().read(SpellTables.SILVER_SPELLS).count());
        assertEquals(
                q,
                ctx.lakehouse().readOrEmpty(IngestTables.QUARANTINE).collectAsList(),
                "the re-run leaves quarantine (and its row hashes) as it was");
        assertEquals(
                3,
                ctx.lakehouse()
                        .read(IngestTables.FILES)
                        .filter(col("status").equalTo("loaded"))
                        .count());

        // Issue #18: a later file reusing spell 1 for another patient, and giving spell 5 to two patients, loads
        // neither; spell 1 stays P1's. The quarantine names file, row and column, with no patient field.
        Files.writeString(
                spells.resolve("spells-b.csv"),
                String.join(
                                "\n",
                                HEADER,
                                spell(1, "2023-10-01", "2023-10-02", 1).replace(",P1,", ",P99,"),
                                spell(5, "2023-10-03", "2023-10-04", 1),
                                spell(5, "2023-10-05", "2023-10-06", 1).replace(",P5,", ",P6,"),
                                spell(6, "2023-10-07", "2023-10-08", 1))
                        + "\n");
        SpellsIngest.run(ctx, new StageOutput("run3"));
        List<Row> after = ctx.lakehouse()
                .read(SpellTables.SILVER_SPELLS)
                .orderBy("spell_id")
                .collectAsList();
        assertEquals(
                List.of(1L, 2L, 4L, 6L, 100L, 200L, 201L),
                after.stream().map(r -> r.getLong(0)).toList());
        assertEquals("P1", after.get(0).getString(after.get(0).fieldIndex("patient_id")), "never overwritten");
        List<Row> reused = ctx.lakehouse()
                .readOrEmpty(IngestTables.QUARANTINE)
                .filter(col("source_file").endsWith("spells-b.csv"))
                .orderBy("row_number")
                .collectAsList();
        assertEquals(List.of(2, 3, 4), reused.stream().map(r -> r.getInt(1)).toList(), "both rows of spell 5");
        reused.forEach(r -> {
            assertEquals("SPELL_ID", r.getString(2));
            assertTrue(!r.toString().contains("P99") && !r.toString().contains("P6"), r.toString());
        });
        assertTrue(reused.get(0).getString(3).contains("already loaded for another patient"), reused.toString());
        assertTrue(reused.get(1).getString(3).contains("more than one patient"), reused.toString());
        SpellsIngest.run(ctx, new StageOutput("run4"));
        assertEquals(
                after,
                ctx.lakehouse()
                        .read(SpellTables.SILVER_SPELLS)
                        .orderBy("spell_id")
                        .collectAsList());
        assertEquals(
                3,
                ctx.lakehouse()
                        .readOrEmpty(IngestTables.QUARANTINE)
                        .filter(col("source_file").endsWith("spells-b.csv"))
                        .count(),
                "the re-run converges");
    }
}
