package uk.lhs.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;

/**
 * The two bronze write paths: files bronze has never seen are appended (a Delta WRITE commit, no MERGE); files a
 * killed run left in bronze but not in bronze.files go through MERGE, which inserts nothing twice, and the re-run
 * completes silver. Both for bronze.publication_rows and bronze.spells.
 */
class BronzeAppendIT {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private static final String HEADER = String.join(",", SpellTables.SPELL_FIELDS);

    @TempDir
    Path dir;

    private static String spell(long id) {
        return id + ",P" + id + ",RXX,2324,2023-06-01,2023-06-05,4,21,19,1,1,19,1,1,1,70,1,300,300,J189,J189,,,4";
    }

    @Test
    void newFilesAreAppendedAndAKilledRunIsCompletedWithoutDuplicates() throws Exception {
        Path landing = Files.createDirectories(dir.resolve("landing"));
        Path spells = Files.createDirectories(landing.resolve("spells"));
        Files.copy(
                SharedData.repoRoot().resolve("common/src/test/resources/sources/broken/ae_valid_small.csv"),
                landing.resolve("ae_valid_small.csv"));
        Files.writeString(spells.resolve("a.csv"), String.join("\n", HEADER, spell(1), spell(2), spell(3)) + "\n");
        JobContext ctx = JobContext.around(
                SharedSpark.config(dir.resolve("lakehouse"))
                        .with("landing", landing.toString())
                        .with(
                                "reference-dir",
                                SharedData.repoRoot().resolve("conf/reference").toString()),
                SharedSpark.session(),
                Clock.systemUTC());
        Pipeline.run(ctx, List.of(new IngestStage()), null, QUIET);

        // Fresh files: one append commit per bronze table, no MERGE.
        assertEquals(List.of("WRITE"), writes(ctx, IngestTables.PUBLICATION_ROWS));
        assertEquals(List.of("WRITE"), writes(ctx, SpellTables.BRONZE_SPELLS));
        assertEquals(List.of(3L), appends(ctx, SpellTables.BRONZE_SPELLS));
        long publication = ctx.lakehouse().read(IngestTables.PUBLICATION_ROWS).count();
        long ae = ctx.lakehouse().read(IngestTables.AE_MONTHLY).count();
        assertEquals(3, ctx.lakehouse().read(SpellTables.BRONZE_SPELLS).count());
        assertEquals(3, ctx.lakehouse().read(SpellTables.SILVER_SPELLS).count());

        // A run killed after its bronze commits: silver and bronze.files never written.
        for (TableContract t : List.of(IngestTables.FILES, IngestTables.AE_MONTHLY, SpellTables.SILVER_SPELLS)) {
            DeltaTable.forPath(ctx.spark(), ctx.lakehouse().location(t)).delete();
        }
        // ... and a new spell file lands before the re-run.
        Files.writeString(spells.resolve("b.csv"), String.join("\n", HEADER, spell(4), spell(5)) + "\n");
        Pipeline.run(ctx, List.of(new IngestStage()), null, QUIET);

        assertEquals(
                publication, ctx.lakehouse().read(IngestTables.PUBLICATION_ROWS).count(), "no bronze duplicate");
        assertEquals(ae, ctx.lakehouse().read(IngestTables.AE_MONTHLY).count(), "silver completed");
        // The file already in bronze went through MERGE (which may commit nothing at all), never through an append.
        assertEquals(1, appends(ctx, IngestTables.PUBLICATION_ROWS).size(), "no second append of the same file");
        // The seen spell file merged, the new one appended: a second append holding b.csv's 2 rows only.
        assertEquals(List.of(3L, 2L), appends(ctx, SpellTables.BRONZE_SPELLS));
        assertEquals(5, ctx.lakehouse().read(SpellTables.BRONZE_SPELLS).count());
        assertEquals(5, ctx.lakehouse().read(SpellTables.SILVER_SPELLS).count());
        assertEquals(3, ctx.lakehouse().read(IngestTables.FILES).count());

        // Everything recorded now: a third run writes nothing to bronze.
        long spellsVersion = ctx.lakehouse().currentVersion(SpellTables.BRONZE_SPELLS);
        long publicationVersion = ctx.lakehouse().currentVersion(IngestTables.PUBLICATION_ROWS);
        Pipeline.run(ctx, List.of(new IngestStage()), null, QUIET);
        assertEquals(spellsVersion, ctx.lakehouse().currentVersion(SpellTables.BRONZE_SPELLS));
        assertEquals(publicationVersion, ctx.lakehouse().currentVersion(IngestTables.PUBLICATION_ROWS));
    }

    /** Rows written by each append (Delta WRITE) commit of the table, oldest first. */
    private static List<Long> appends(JobContext ctx, TableContract t) {
        return DeltaTable.forPath(ctx.spark(), ctx.lakehouse().location(t))
                .history()
                .orderBy("version")
                .filter("operation = 'WRITE'")
                .select("operationMetrics")
                .collectAsList()
                .stream()
                .map(r -> Long.parseLong(r.<scala.collection.Map<String, String>>getAs(0)
                        .get("numOutputRows")
                        .get()))
                .toList();
    }

    /** Operations of the table's data commits, oldest first (table creation and constraints left out). */
    private static List<String> writes(JobContext ctx, TableContract t) {
        return DeltaTable.forPath(ctx.spark(), ctx.lakehouse().location(t))
                .history()
                .orderBy("version")
                .filter("operation IN ('WRITE', 'MERGE')")
                .select("operation")
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .toList();
    }
}
