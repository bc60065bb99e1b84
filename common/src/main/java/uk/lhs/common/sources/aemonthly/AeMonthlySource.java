package uk.lhs.common.sources.aemonthly;

import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Finding;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.Placement;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.TableContract;

/**
 * NHS England Monthly A&E provider CSV (MSitAE) → {@code silver.ae_monthly}. The national TOTAL row is a control:
 * rows read = silver + quarantined + 1, and the sum over providers must equal the TOTAL row in every measure
 * ({@code ae_total_reconciles} in {@code gold.data_quality}). Months missing inside a provider's span are reported
 * over the whole of silver.ae_monthly.
 */
public final class AeMonthlySource implements Source<AeProviderMonth> {
    @Override
    public Dataset dataset() {
        return Dataset.AE_MONTHLY_PROVIDER;
    }

    @Override
    public List<String> requiredColumns() {
        List<String> out = new ArrayList<>(List.of("Period", "Org Code", "Parent Org", "Org name"));
        out.addAll(AeMeasure.headers());
        return List.copyOf(out);
    }

    @Override
    public Optional<TableContract> silver() {
        return Optional.of(IngestTables.AE_MONTHLY);
    }

    @Override
    public Loaded<AeProviderMonth> load(RawCsv csv, SourceContext ctx) {
        ParseResult<AeProviderMonth> r = AeMonthlyProviderParser.parse(csv);
        List<AeProviderMonth> records = r.records();
        LocalDate month = r.records().isEmpty() ? null : r.records().get(0).periodStart();
        return new Loaded<>(
                csv,
                records,
                records.size(),
                r.quarantine(),
                reconciliation(AeReconciliation.reconcile(r), csv.sha256(), month),
                records.stream().map(AeProviderMonth::orgCode).toList(),
                month,
                r.controls().isEmpty() ? "" : ", TOTAL row kept as control");
    }

    @Override
    public List<Row> silverRows(Loaded<AeProviderMonth> loaded, SourceContext ctx) {
        return rows(loaded.records(), ctx.reference(), loaded.csv().sha256(), ctx.runId());
    }

    @Override
    public Optional<Column> missingMonthsOver() {
        return Optional.of(lit(true));
    }

    /**
     * silver.ae_monthly rows. Records that map to the same current code and month (both halves of a merger
     * reporting separately) are summed: counts add, rates are never averaged. Used by every source that loads the
     * table.
     */
    public static List<Row> rows(List<AeProviderMonth> records, OrgReference ref, String sha256, String runId) {
        Map<String, Object[]> byKey = new TreeMap<>();
        int measures = AeMeasure.values().length;
        for (AeProviderMonth r : records) {
            Placement p = Placement.of(ref, r.orgCode(), r.periodStart());
            String key = p.orgCode() + "|" + r.periodStart();
            Object[] cur = byKey.get(key);
            if (cur == null) {
                cur = new Object[7 + measures + 4];
                cur[0] = p.orgCode();
                cur[1] = Date.valueOf(r.periodStart());
                cur[2] = r.orgCode();
                cur[3] = r.orgName();
                cur[4] = r.parentOrg();
                cur[5] = p.systemCode();
                cur[6] = p.regionCode();
                for (int i = 0; i < measures; i++) {
                    cur[7 + i] = 0L;
                }
                cur[7 + measures] = r.file();
                cur[8 + measures] = sha256;
                cur[9 + measures] = r.rowNumber();
                cur[10 + measures] = runId;
                byKey.put(key, cur);
            } else {
                cur[2] = cur[2] + "+" + r.orgCode();
            }
            for (AeMeasure m : AeMeasure.values()) {
                cur[7 + m.ordinal()] = (Long) cur[7 + m.ordinal()] + m.of(r);
            }
        }
        List<Row> rows = new ArrayList<>();
        byKey.values().forEach(v -> rows.add(RowFactory.create(v)));
        return rows;
    }

    /**
     * The A&E national TOTAL row against the sum of the provider rows, per measure (NHS England's TOTAL equals the
     * column sums in every published month: METHODOLOGY.md). A mismatch means rows were quarantined or the file was
     * edited.
     */
    public static List<Finding> reconciliation(AeReconciliation rec, String sha256, LocalDate period) {
        String dataset = Dataset.AE_MONTHLY_PROVIDER.name();
        List<Finding> rows = new ArrayList<>();
        if (!rec.hasTotal()) {
            rows.add(new Finding(
                    "ae_total_reconciles",
                    sha256,
                    "TOTAL",
                    dataset,
                    rec.file(),
                    period,
                    "warning",
                    false,
                    "no TOTAL row",
                    "a TOTAL row",
                    "The file has no national TOTAL row, so the provider" + " rows cannot be checked against it."));
            return rows;
        }
        rows.add(new Finding(
                "ae_total_reconciles",
                sha256,
                "all measures",
                dataset,
                rec.file(),
                period,
                rec.reconciled() ? "info" : "error",
                rec.reconciled(),
                rec.mismatches().size() + " measures differ",
                "0 measures differ",
                rec.reconciled()
                        ? "The TOTAL row equals the sum of the provider rows for every" + " measure."
                        : "The TOTAL row differs from the sum of the loaded provider rows; see the per-measure"
                                + " findings (quarantined rows are the usual cause)."));
        for (AeReconciliation.Mismatch m : rec.mismatches()) {
            rows.add(new Finding(
                    "ae_total_reconciles",
                    sha256,
                    m.measure().header(),
                    dataset,
                    rec.file(),
                    period,
                    "error",
                    false,
                    Long.toString(m.sumOfRows()),
                    Long.toString(m.published()),
                    "Sum over providers of '" + m.measure().header() + "' is " + m.sumOfRows()
                            + " but the TOTAL row says " + m.published() + "."));
        }
        return rows;
    }
}
