package uk.lhs.jobs.ingest;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;
import uk.lhs.common.lakehouse.DeltaTableWriter;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.tables.TableContract;
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
            out.add(append(ctx, table, fresh));
        }
        return out;
    }

    /** One Delta append commit; the result counts the rows written. */
    private static WriteResult append(JobContext ctx, TableContract table, Dataset<Row> rows) {
        String location = ctx.lakehouse().location(table);
        rows.write().format("delta").mode("append").save(location);
        Row last = DeltaTable.forPath(ctx.spark(), location)
                .history(1)
                .select("version", "operationMetrics")
                .first();
        Map<String, String> metrics = last.isNullAt(1) ? Map.of() : JavaConverters.mapAsJavaMap(last.getMap(1));
        String written = metrics.get("numOutputRows");
        return new WriteResult(
                table.qualifiedName(), last.getLong(0), written == null ? 0 : Long.parseLong(written), 0);
    }
}
