package uk.lhs.common.sources.aebyprovider;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;
import uk.lhs.common.sources.aemonthly.AeMonthlySource;
import uk.lhs.common.sources.aemonthly.AeProviderMonth;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.TableContract;

/**
 * NHS England's "A&E attendances and emergency admissions" by-provider table, saved from the published XLS to CSV
 * ({@link AeByProviderParser}) → {@code silver.ae_monthly}, beside the Monthly-AE (MSitAE) rows.
 *
 * <p>What is and is not comparable with the Monthly-AE rows: this table does not split booked appointments out —
 * its type columns are booked + non-booked together — so its rows carry them in the non-booked type columns
 * ({@code att_type1}, {@code over4_type1}, ...) with every booked column 0. Comparable (equal for the same provider
 * and month): total attendances, attendances over and within 4 hours (all types and per type, booked included), the
 * 4-hour %, emergency admissions, and waits from decision to admit (4-12 h = ">4 hours" − ">12 hours"). Not
 * comparable: the booked/unbooked split ({@code att_booked_*}, {@code over4_booked_*} are 0 here, and
 * {@code att_type1} alone includes booked attendances). There is no TOTAL row to reconcile with; instead every
 * published % is checked against the row's counts ({@code ae_published_pct_agrees}). Missing months are reported
 * over the whole table by {@link AeMonthlySource}.
 */
public final class AeByProviderSource implements Source<AeProviderMonth> {
    @Override
    public Dataset dataset() {
        return Dataset.AE_BY_PROVIDER;
    }

    @Override
    public List<String> requiredColumns() {
        return AeByProviderParser.HEADER;
    }

    @Override
    public Optional<TableContract> silver() {
        return Optional.of(IngestTables.AE_MONTHLY);
    }

    @Override
    public Loaded<AeProviderMonth> load(RawCsv csv, SourceContext ctx) {
        LocalDate month = AeByProviderParser.month(csv);
        AeByProviderParser.Parsed p = AeByProviderParser.parse(csv, month);
        List<AeProviderMonth> records = p.result().records();
        return new Loaded<>(
                csv,
                records,
                records.size(),
                p.result().quarantine(),
                p.findings(),
                records.stream().map(AeProviderMonth::orgCode).toList(),
                month,
                ", booked + non-booked per type to silver.ae_monthly (booked columns 0)");
    }

    @Override
    public List<Row> silverRows(Loaded<AeProviderMonth> loaded, SourceContext ctx) {
        return AeMonthlySource.rows(
                loaded.records(), ctx.reference(), loaded.csv().sha256(), ctx.runId());
    }
}
