package uk.lhs.common.ingest;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.lakehouse.DeltaTableWriter;
import uk.lhs.common.lakehouse.Lakehouse;
import uk.lhs.common.lakehouse.WriteResult;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.Sources;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.tables.VintageTables;
import uk.lhs.common.vocab.Cols;

/**
 * Keeps {@code silver.vintages} in step with silver: which file (sha256) each month of each publication table came
 * from, when that vintage was first seen, and which newer vintage superseded it. It reads what silver holds after the
 * ingest's writes (every silver row carries its file's {@code source_sha256}), so it does not depend on how the ingest
 * found the files, and a run that changed nothing changes nothing here.
 */
public final class Vintages {
    private Vintages() {}

    /** One row of silver.vintages. */
    public record Vintage(
            String silverTable,
            LocalDate month,
            String sha256,
            Long silverRows,
            Timestamp firstIngested,
            String firstIngestRunId,
            String supersededBy,
            Timestamp supersededAt,
            String comparedInRun) {
        /** Whether this vintage's rows are the month's rows now. */
        public boolean current() {
            return supersededBy == null;
        }

        /** The row in silver.vintages column order. */
        public Row toRow() {
            return RowFactory.create(
                    silverTable,
                    Date.valueOf(month),
                    sha256,
                    silverRows,
                    firstIngested,
                    firstIngestRunId,
                    supersededBy,
                    supersededAt,
                    comparedInRun);
        }

        /** A row of silver.vintages. */
        public static Vintage of(Row r) {
            return new Vintage(
                    r.getAs(VintageTables.SILVER_TABLE),
                    r.<Date>getAs(Cols.PERIOD_START).toLocalDate(),
                    r.getAs(Cols.SOURCE_SHA256),
                    r.getAs("silver_rows"),
                    r.getAs(VintageTables.FIRST_INGESTED),
                    r.getAs("first_ingest_run_id"),
                    r.getAs(VintageTables.SUPERSEDED_BY),
                    r.getAs("superseded_at"),
                    r.getAs(VintageTables.COMPARED_IN_RUN));
        }

        Vintage supersededBy(String sha, Timestamp at) {
            return new Vintage(
                    silverTable, month, sha256, silverRows, firstIngested, firstIngestRunId, sha, at, comparedInRun);
        }

        Vintage currentWith(long rows) {
            return new Vintage(
                    silverTable, month, sha256, rows, firstIngested, firstIngestRunId, null, null, comparedInRun);
        }

        /** This vintage marked as compared by an indicators run. */
        public Vintage comparedIn(String runId) {
            return new Vintage(
                    silverTable,
                    month,
                    sha256,
                    silverRows,
                    firstIngested,
                    firstIngestRunId,
                    supersededBy,
                    supersededAt,
                    runId);
        }
    }

    /** A silver table and month. */
    public record TableMonth(String silverTable, LocalDate month) implements Comparable<TableMonth> {
        @Override
        public int compareTo(TableMonth o) {
            int c = silverTable.compareTo(o.silverTable);
            return c != 0 ? c : month.compareTo(o.month);
        }
    }

    /**
     * The vintages that change: a file new in a month gets a row; a stored current vintage whose sha256 no longer
     * appears among the month's rows is superseded by the month's new file (the first new one in sha256 order when
     * several files share a month; else the first current one). Months silver does not hold are left alone.
     *
     * @param stored every row of silver.vintages
     * @param current per silver table and month, the rows per source sha256 that silver holds now
     * @return the new and changed rows only (empty when nothing changed)
     */
    public static List<Vintage> changes(
            List<Vintage> stored, Map<TableMonth, Map<String, Long>> current, String runId, Timestamp now) {
        Map<TableMonth, Map<String, Vintage>> byMonth = new LinkedHashMap<>();
        for (Vintage v : stored) {
            byMonth.computeIfAbsent(new TableMonth(v.silverTable(), v.month()), k -> new TreeMap<>())
                    .put(v.sha256(), v);
        }
        List<Vintage> out = new ArrayList<>();
        for (Map.Entry<TableMonth, Map<String, Long>> m : new TreeMap<>(current).entrySet()) {
            Map<String, Vintage> known = byMonth.getOrDefault(m.getKey(), Map.of());
            Map<String, Long> shas = new TreeMap<>(m.getValue());
            Set<String> fresh = new LinkedHashSet<>();
            for (Map.Entry<String, Long> s : shas.entrySet()) {
                Vintage k = known.get(s.getKey());
                if (k == null) {
                    fresh.add(s.getKey());
                    out.add(new Vintage(
                            m.getKey().silverTable(),
                            m.getKey().month(),
                            s.getKey(),
                            s.getValue(),
                            now,
                            runId,
                            null,
                            null,
                            null));
                } else if (!k.current() || !Objects.equals(k.silverRows(), s.getValue())) {
                    out.add(k.currentWith(s.getValue()));
                }
            }
            String newer = fresh.isEmpty()
                    ? shas.keySet().iterator().next()
                    : fresh.iterator().next();
            for (Vintage k : known.values()) {
                if (k.current() && !shas.containsKey(k.sha256())) {
                    out.add(k.supersededBy(newer, now));
                }
            }
        }
        return out;
    }

    /**
     * The vintage that the month's values were last computed from before {@code v}: follows superseded_by back from
     * {@code v} to the newest earlier vintage an indicators run compared (or the oldest, the first vintage, when none
     * was).
     *
     * @return empty when {@code v} superseded nothing
     */
    public static Optional<Vintage> previous(Vintage v, List<Vintage> sameMonth) {
        Vintage at = v;
        Set<String> seen = new LinkedHashSet<>(List.of(v.sha256()));
        Vintage found = null;
        while (true) {
            Vintage cur = at;
            Optional<Vintage> before = sameMonth.stream()
                    .filter(o -> cur.sha256().equals(o.supersededBy()) && !seen.contains(o.sha256()))
                    .findFirst();
            if (before.isEmpty()) {
                return Optional.ofNullable(found);
            }
            found = before.get();
            if (found.comparedInRun() != null) {
                return Optional.of(found);
            }
            seen.add(found.sha256());
            at = found;
        }
    }

    /** Every silver table a publication source loads, once. */
    public static Set<TableContract> publicationTables() {
        Set<TableContract> out = new LinkedHashSet<>();
        for (Source<?> s : Sources.all()) {
            if (s.kind() == Source.Kind.PUBLICATION) {
                s.silver().ifPresent(out::add);
            }
        }
        return out;
    }

    /** Every row of silver.vintages (none before the table exists). */
    public static List<Vintage> stored(Lakehouse lakehouse) {
        if (!lakehouse.exists(VintageTables.VINTAGES)) {
            return List.of();
        }
        return lakehouse.read(VintageTables.VINTAGES).collectAsList().stream()
                .map(Vintage::of)
                .toList();
    }

    /**
     * Records in silver.vintages what the publication tables hold after an ingest's writes: one Spark job per table
     * (a count per month and file) and at most one commit.
     *
     * @return the write, or empty when nothing changed
     */
    public static Optional<WriteResult> record(
            Lakehouse lakehouse, DeltaTableWriter writer, String runId, Timestamp now) {
        Map<TableMonth, Map<String, Long>> current = new LinkedHashMap<>();
        for (TableContract table : publicationTables()) {
            if (!lakehouse.exists(table)
                    || !Arrays.asList(table.schema().fieldNames()).contains(Cols.SOURCE_SHA256)) {
                continue;
            }
            for (Row r : lakehouse
                    .read(table)
                    .groupBy(Cols.PERIOD_START, Cols.SOURCE_SHA256)
                    .count()
                    .collectAsList()) {
                if (r.isNullAt(0) || r.isNullAt(1)) {
                    continue;
                }
                current.computeIfAbsent(
                                new TableMonth(table.qualifiedName(), ((Date) r.get(0)).toLocalDate()),
                                k -> new TreeMap<>())
                        .put(r.getString(1), r.getLong(2));
            }
        }
        writer.ensure(VintageTables.VINTAGES);
        List<Vintage> changes = changes(stored(lakehouse), current, runId, now);
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(writer.writeRows(
                VintageTables.VINTAGES, changes.stream().map(Vintage::toRow).toList(), null));
    }
}
