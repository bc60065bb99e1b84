package uk.lhs.jobs.ingest;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import uk.lhs.common.lakehouse.DeltaTableWriter;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.text.Hashing;
import uk.lhs.jobs.pipeline.JobContext;

/**
 * The bronze write of the ingest: a plain Delta append for files the bronze table has never seen (the common case),
 * MERGE on the key (insert new keys only) for files it has.
 *
 * <p>Why this is safe: the rows of every file in one call are committed in one Delta commit, so a file is either
 * wholly in bronze or not at all. A file whose sha256 is already in the table but not in {@code bronze.files} is one
 * whose bronze write committed in a run that was killed before its silver write or its {@code bronze.files} row; its
 * rows go through MERGE (which inserts nothing that is already there) and the caller completes silver as usual, so
 * bronze is never duplicated. The key (source_sha256, row_number) is unique within an appended file by construction
 * (the row number is the reader's own line or row index), so the append skips the MERGE's key check and join, which
 * on 10 million spells were most of the bronze write's time.
 *
 * <p>The append is an idempotent Delta write ({@link #txnAppId}): an append of the same files that Delta already
 * committed (a retry after an unclear failure, or an overlapping run that got there first) commits nothing.
 */
final class BronzeAppend {
    private BronzeAppend() {}

    /** sha256 column every bronze table has. */
    static final String SHA = "source_sha256";

    /** The subset of {@code shas} that already has rows in {@code table} (empty when the table does not exist). */
    static Set<String> present(JobContext ctx, TableContract table, Collection<String> shas) {
        Set<String> out = new HashSet<>();
        if (shas.isEmpty() || !ctx.lakehouse().exists(table)) {
            return out;
        }
        for (Row r : ctx.lakehouse()
                .read(table)
                .select(SHA)
                .where(col(SHA).isin(shas.toArray()))
                .distinct()
                .collectAsList()) {
            out.add(r.getString(0));
        }
        return out;
    }

    /**
     * Writes {@code rows} (all from files not yet recorded in {@code bronze.files}) to a bronze table: rows of files
     * the table has never seen are appended in one commit; rows of files it already holds (a killed earlier run) are
     * merged on the key in a second commit, inserting only what is missing.
     *
     * @return one result per commit made (none when {@code rows} is empty of both)
     */
    static List<WriteResult> write(JobContext ctx, TableContract table, Dataset<Row> rows, Collection<String> shas) {
        ctx.writer().ensure(table);
        Set<String> seen = present(ctx, table, shas);
        Dataset<Row> conformed = DeltaTableWriter.conform(table, rows);
        List<WriteResult> out = new java.util.ArrayList<>();
        if (!seen.isEmpty()) {
            out.add(ctx.writer().write(table, conformed.where(col(SHA).isin(seen.toArray()))));
        }
        if (seen.size() < new HashSet<>(shas).size()) {
            Dataset<Row> fresh = seen.isEmpty()
                    ? conformed
                    : conformed.where(col(SHA).isin(seen.toArray()).unary_$bang());
            Set<String> freshShas = new TreeSet<>(shas);
            freshShas.removeAll(seen);
            append(ctx, table, fresh, freshShas).ifPresent(out::add);
        }
        return out;
    }

    /** Version every bronze append's {@code txnAppId} is written with: an app id names fixed file contents. */
    static final long TXN_VERSION = 1;

    /**
     * Delta's idempotent-write application id of one append: the bronze table and the sha256 of the one file appended
     * ({@code lhs/bronze.x/<sha256>}), or for several files the sha256 of their sorted sha256s joined by commas
     * ({@code lhs/bronze.x/files-<sha256>}). Delta records it in the commit (a {@code txn} action) and skips a later
     * write with the same id and a version not above the recorded one, so a retried or overlapping append of the same
     * files commits once (docs.delta.io, "Idempotent table writes": {@code txnAppId} / {@code txnVersion}).
     */
    static String txnAppId(TableContract table, Collection<String> shas) {
        List<String> sorted = new TreeSet<>(shas).stream().toList();
        String prefix = "lhs/" + table.qualifiedName() + "/";
        return sorted.size() == 1
                ? prefix + sorted.get(0)
                : prefix + "files-" + Hashing.sha256(String.join(",", sorted));
    }

    /**
     * One idempotent Delta append commit of the rows of {@code shas}; the result counts the rows written. Empty when
     * Delta skipped it because the same files were already appended under the same app id (an earlier attempt, or an
     * overlapping run that committed first: its commit makes this one fail with a ConcurrentTransactionException,
     * retried here, and the retry is skipped).
     */
    static Optional<WriteResult> append(
            JobContext ctx, TableContract table, Dataset<Row> rows, Collection<String> shas) {
        String location = ctx.lakehouse().location(table);
        String appId = txnAppId(table, shas);
        int retries = ctx.config().commitRetries();
        for (int attempt = 0; ; attempt++) {
            long before = ctx.lakehouse().currentVersion(table);
            try {
                rows.write()
                        .format("delta")
                        .mode("append")
                        .option("txnAppId", appId)
                        .option("txnVersion", TXN_VERSION)
                        .save(location);
            } catch (RuntimeException e) {
                if (attempt >= retries || !concurrentCommit(e)) {
                    throw e;
                }
                continue; // the retry re-reads the table's transaction ids: skipped if the other writer had these files
            }
            Optional<WriteResult> made = committed(ctx, location, table, appId, before);
            if (made.isEmpty() && !present(ctx, table, shas).containsAll(new HashSet<>(shas))) {
                // Skipped as done, yet the rows are gone (deleted from bronze by hand): never lose a file silently.
                throw new IllegalStateException(table.qualifiedName() + " already recorded an append of files "
                        + new TreeSet<>(shas) + " (Delta txnAppId " + appId + ") but no longer holds their rows;"
                        + " restore them (Delta time travel: RESTORE) instead of deleting bronze rows");
            }
            return made;
        }
    }

    /**
     * The commit after {@code before} that carries {@code appId} (read from the commit files, so another writer's
     * commit in between is never reported as this one), or empty when the write was skipped.
     */
    private static Optional<WriteResult> committed(
            JobContext ctx, String location, TableContract table, String appId, long before) {
        org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(location, "_delta_log");
        ObjectMapper json = new ObjectMapper();
        try {
            FileSystem fs = log.getFileSystem(ctx.spark().sessionState().newHadoopConf());
            for (long v = before + 1; ; v++) {
                org.apache.hadoop.fs.Path commit = new org.apache.hadoop.fs.Path(log, String.format("%020d.json", v));
                if (!fs.exists(commit)) {
                    return Optional.empty();
                }
                boolean ours = false;
                long written = 0;
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(fs.open(commit), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        JsonNode action = json.readTree(line);
                        if (action.has("txn")
                                && appId.equals(action.get("txn").path("appId").asText())) {
                            ours = true;
                        }
                        JsonNode rowsOut = action.path("commitInfo")
                                .path("operationMetrics")
                                .path("numOutputRows");
                        if (!rowsOut.isMissingNode()) {
                            written = Long.parseLong(rowsOut.asText());
                        }
                    }
                }
                if (ours) {
                    return Optional.of(new WriteResult(table.qualifiedName(), v, written, 0));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean concurrentCommit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.delta.exceptions.DeltaConcurrentModificationException) {
                return true;
            }
        }
        return false;
    }
}
