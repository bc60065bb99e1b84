package uk.lhs.common.sources.aeicb;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.Organisation;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.Periods;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.vocab.Unmapped;

/**
 * A&E ICB-level ("System") table → {@code silver.ae_system_monthly} (org_code = ICB code): NHS England's published
 * system figures, kept as published, not recomputed from providers; each row must pass the table's identities
 * (totals = sum of types, within + over 4 h at most attendances), else it is quarantined. Rows read = silver +
 * quarantined (the file has no TOTAL row). The month comes from the file name.
 */
public final class AeIcbSource implements Source<AeIcbMonth> {
    @Override
    public Dataset dataset() {
        return Dataset.AE_ICB_LEVEL;
    }

    @Override
    public List<String> requiredColumns() {
        return AeIcbLevelParser.HEADERS;
    }

    @Override
    public Optional<TableContract> silver() {
        return Optional.of(IngestTables.AE_SYSTEM_MONTHLY);
    }

    @Override
    public Loaded<AeIcbMonth> load(RawCsv csv, SourceContext ctx) {
        LocalDate month = Periods.requireFromFileName(csv.fileName(), "A&E ICB-level tables", "AE-ICB-2023-04.csv");
        ParseResult<AeIcbMonth> r = AeIcbLevelParser.parse(csv, month);
        List<AeIcbMonth> records = r.records();
        return new Loaded<>(
                csv,
                records,
                records.size(),
                r.quarantine(),
                List.of(),
                List.of(),
                month,
                ", published system figures to silver.ae_system_monthly");
    }

    @Override
    public List<Row> silverRows(Loaded<AeIcbMonth> loaded, SourceContext ctx) {
        return rows(loaded.records(), ctx.reference(), loaded.csv().sha256(), ctx.runId());
    }

    /**
     * silver.ae_system_monthly rows: one per ICB and month, as published; the region comes from the reference
     * ({@code unmapped} when the ICB code is not in it).
     */
    public static List<Row> rows(List<AeIcbMonth> records, OrgReference ref, String sha256, String runId) {
        List<Row> rows = new ArrayList<>();
        for (AeIcbMonth r : records) {
            String region =
                    ref.lookup(r.icbCode()).map(Organisation::regionCode).orElse(null);
            List<Object> v = new ArrayList<>(List.of(
                    r.icbCode(), Date.valueOf(r.periodStart()), r.icbName(), region == null ? Unmapped.CODE : region));
            for (long c : r.counts()) {
                v.add(c);
            }
            v.add(r.publishedPctWithin4hTotal());
            v.add(r.publishedPctWithin4hType1());
            v.add(r.publishedPctWithin4hType2());
            v.add(r.publishedPctWithin4hType3());
            v.add(r.file());
            v.add(sha256);
            v.add(r.rowNumber());
            v.add(runId);
            rows.add(RowFactory.create(v.toArray()));
        }
        return rows;
    }
}
