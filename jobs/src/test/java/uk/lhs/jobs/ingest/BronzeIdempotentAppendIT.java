package uk.lhs.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.testing.SharedData;
import uk.lhs.common.testing.SharedSpark;
import uk.lhs.jobs.pipeline.JobContext;
import uk.lhs.jobs.pipeline.Pipeline;

/**
 * Bronze appends are idempotent Delta writes: the same files' rows appended twice at once (two overlapping runs whose
 * existence checks both found nothing) or again after an append that committed (a retry) give one commit and no
 * duplicate row, for both bronze tables.
 */
class BronzeIdempotentAppendIT {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void theSameFilesAppendedTwiceConcurrentlyOrAgainCommitOnce() throws Exception {
        // Real bronze rows: one ingest of a real-format A&E file and a spells file into a source lakehouse.
        Path landing = Files.createDirectories(dir.resolve("landing"));
        Path spells = Files.createDirectories(landing.resolve("spells"));
        Files.copy(
                SharedData.repoRoot().resolve("common/src/test/resources/sources/broken/ae_valid_small.csv"),
                landing.resolve("ae_valid_small.csv"));
        Files.writeString(
                spells.resolve("a.csv"),
                String.join(
                                "\n",
                                String.join(",", SpellTables.SPELL_FIELDS),
                                "1,P1,RXX,2324,2023-06-01,2023-06-05,4,21,19,1,1,19,1,1,1,70,1,300,300,J189,J189,,,4",
                                "2,P2,RXX,2324,2023-06-02,2023-06-05,4,21,19,1,1,19,1,1,1,70,1,300,300,J189,J189,,,4")
                        + "\n");
        JobContext source = context(dir.resolve("source"), landing);
        Pipeline.run(source, List.of(new IngestStage()), null, QUIET);

        JobContext target = context(dir.resolve("target"), landing);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (TableContract table : List.of(IngestTables.PUBLICATION_ROWS, SpellTables.BRONZE_SPELLS)) {
                Dataset<Row> rows = source.lakehouse().read(table);
                long expected = rows.count();
                Set<String> shas = Set.copyOf(rows.select(BronzeAppend.SHA)
                        .distinct()
                        .as(org.apache.spark.sql.Encoders.STRING())
                        .collectAsList());
                assertTrue(expected > 0 && !shas.isEmpty(), table.qualifiedName());
                target.writer().ensure(table);

                // Two appends of the same files started together: Delta commits one, the other is skipped.
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<WriteResult>>> both = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    both.add(pool.submit(() -> {
                        go.await();
                        return BronzeAppend.append(target, table, rows, shas);
                    }));
                }
                go.countDown();
                long commits = 0;
                for (Future<Optional<WriteResult>> f : both) {
                    Optional<WriteResult> r = f.get();
                    if (r.isPresent()) {
                        commits++;
                        assertEquals(expected, r.get().rowsInserted(), table.qualifiedName());
                    }
                }
                assertEquals(1, commits, table.qualifiedName() + ": one of the two appends commits");
                assertEquals(expected, target.lakehouse().read(table).count(), table.qualifiedName());

                // A retry after the append committed: nothing written, no new version.
                long version = target.lakehouse().currentVersion(table);
                assertTrue(BronzeAppend.append(target, table, rows, shas).isEmpty());
                assertEquals(version, target.lakehouse().currentVersion(table));
                assertEquals(expected, target.lakehouse().read(table).count(), table.qualifiedName());
                // The same rows read from the target itself: same files, still skipped.
                assertTrue(BronzeAppend.append(target, table, target.lakehouse().read(table), shas)
                        .isEmpty());
                assertEquals(expected, target.lakehouse().read(table).count(), table.qualifiedName());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static JobContext context(Path lakehouse, Path landing) {
        return JobContext.around(
                SharedSpark.config(lakehouse)
                        .with("landing", landing.toString())
                        .with(
                                "reference-dir",
                                SharedData.repoRoot().resolve("conf/reference").toString()),
                SharedSpark.session(),
                Clock.systemUTC());
    }
}
