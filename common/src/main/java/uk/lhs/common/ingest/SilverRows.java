package uk.lhs.common.ingest;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.Organisation;
import uk.lhs.common.sources.Placement;
import uk.lhs.common.sources.QuarantineEntry;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.RawRow;
import uk.lhs.common.sources.aeicb.AeIcbMonth;
import uk.lhs.common.sources.aeicb.AeIcbSource;
import uk.lhs.common.sources.aemonthly.AeMonthlySource;
import uk.lhs.common.sources.aemonthly.AeProviderMonth;
import uk.lhs.common.sources.rtt.RttIncompleteProvider;
import uk.lhs.common.sources.rtt.RttIncompleteSource;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.vocab.OrgLevel;
import uk.lhs.common.vocab.Unmapped;

/**
 * Pure conversions from parsed source records to rows of the bronze and silver contracts in {@link IngestTables}.
 * Organisation codes are mapped to their current successor for the month (a merged trust's history rolls into its
 * successor); codes the reference does not know are kept with system and region {@link Unmapped#CODE}. The
 * dataset-specific rows are built by the sources ({@code uk.lhs.common.sources.<dataset>.*Source}).
 */
public final class SilverRows {
    private SilverRows() {}

    /** bronze.publication_rows: every data row of the file as read. */
    public static List<Row> publicationRows(RawCsv csv, String dataset, String runId) {
        List<Row> rows = new ArrayList<>();
        for (RawRow r : csv.dataRows()) {
            rows.add(RowFactory.create(
                    csv.sha256(),
                    r.rowNumber(),
                    csv.fileName(),
                    dataset,
                    SparkRows.seq(Arrays.asList(r.rawValues())),
                    r.rawLine(),
                    runId));
        }
        return rows;
    }

    /**
     * silver.quarantine rows for a file's rejected rows: file, row, column, reason and the keyed hash of the row's line
     * ({@link RowHash}); the line itself too only when {@code keepRawText} (published aggregate files, never a
     * patient-level dataset).
     */
    public static List<Row> quarantineRows(
            String sha256,
            String dataset,
            List<QuarantineEntry> entries,
            String runId,
            RowHash hash,
            boolean keepRawText) {
        Map<List<Object>, Row> unique = new LinkedHashMap<>();
        for (QuarantineEntry q : entries) {
            String column = q.column() == null ? "" : q.column();
            unique.putIfAbsent(
                    List.of(q.rowNumber(), column, q.reason()),
                    RowFactory.create(
                            sha256,
                            q.rowNumber(),
                            column,
                            q.reason(),
                            q.file(),
                            dataset,
                            keepRawText ? q.rawLine() : null,
                            hash.of(q.rawLine()),
                            runId));
        }
        return new ArrayList<>(unique.values());
    }

    /** Maps a published code for a month to its current code, system and region ({@link Placement#of}). */
    public static Placement place(OrgReference ref, String publishedCode, java.time.LocalDate month) {
        return Placement.of(ref, publishedCode, month);
    }

    /** silver.ae_monthly rows ({@link AeMonthlySource#rows}): merged providers' counts are summed. */
    public static List<Row> aeMonthly(List<AeProviderMonth> records, OrgReference ref, String sha256, String runId) {
        return AeMonthlySource.rows(records, ref, sha256, runId);
    }

    /** silver.ae_system_monthly rows ({@link AeIcbSource#rows}). */
    public static List<Row> aeSystemMonthly(List<AeIcbMonth> records, OrgReference ref, String sha256, String runId) {
        return AeIcbSource.rows(records, ref, sha256, runId);
    }

    /** silver.rtt_incomplete rows ({@link RttIncompleteSource#rows}); merged providers' pathways are summed. */
    public static List<Row> rttIncomplete(
            List<RttIncompleteProvider> records, OrgReference ref, String sha256, String runId) {
        return RttIncompleteSource.rows(records, ref, sha256, runId);
    }

    /** silver.organisations rows: trusts, systems and regions from the reference. */
    public static List<Row> organisations(OrgReference ref, String source, String runId) {
        Map<String, Row> rows = new TreeMap<>();
        Map<String, String> systemName = new LinkedHashMap<>();
        Map<String, String> regionName = new LinkedHashMap<>();
        for (Organisation o : ref.all()) {
            if (Organisation.ICB.equals(o.level())) {
                systemName.put(o.code(), o.name());
            }
        }
        for (Organisation o : ref.all()) {
            if (o.regionCode() != null && o.regionName() != null) {
                regionName.putIfAbsent(o.regionCode(), o.regionName());
            }
        }
        for (Organisation o : ref.all()) {
            String level = Organisation.ICB.equals(o.level()) ? OrgLevel.SYSTEM.label() : OrgLevel.TRUST.label();
            String sys = OrgLevel.SYSTEM.label().equals(level) ? o.code() : o.parentSystemCode();
            String sysName = OrgLevel.SYSTEM.label().equals(level)
                    ? o.name()
                    : (o.systemName() != null ? o.systemName() : systemName.get(sys));
            rows.put(
                    o.code(),
                    RowFactory.create(
                            o.code(),
                            o.name(),
                            level,
                            sys,
                            sysName,
                            o.regionCode(),
                            o.regionName() != null ? o.regionName() : regionName.get(o.regionCode()),
                            o.openDate() == null ? null : Date.valueOf(o.openDate()),
                            o.closeDate() == null ? null : Date.valueOf(o.closeDate()),
                            o.successorCode(),
                            source,
                            runId));
        }
        for (Map.Entry<String, String> r : regionName.entrySet()) {
            rows.putIfAbsent(
                    r.getKey(),
                    RowFactory.create(
                            r.getKey(),
                            r.getValue(),
                            OrgLevel.REGION.label(),
                            null,
                            null,
                            r.getKey(),
                            r.getValue(),
                            null,
                            null,
                            null,
                            source,
                            runId));
        }
        return new ArrayList<>(rows.values());
    }
}
