package uk.lhs.common.sources.rtt;

import static org.apache.spark.sql.functions.col;

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
import scala.collection.JavaConverters;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.Periods;
import uk.lhs.common.sources.Placement;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.TableContract;

/**
 * RTT Incomplete-Provider CSV → {@code silver.rtt_incomplete} (provider x treatment function x month, 105 weekly
 * bands). The month comes from the file name. Months missing inside a provider's span are reported over the
 * all-functions rows ({@code C_999}).
 */
public final class RttIncompleteSource implements Source<RttIncompleteProvider> {
    /** Number of weekly bands in silver.rtt_incomplete: 104 one-week bands plus "104 plus". */
    public static final int RTT_BANDS = 105;

    @Override
    public Dataset dataset() {
        return Dataset.RTT_INCOMPLETE_PROVIDER;
    }

    @Override
    public List<String> requiredColumns() {
        List<String> out = new ArrayList<>(List.of(
                "Region Code", "Provider Code", "Provider Name", "Treatment Function Code", "Treatment Function"));
        out.addAll(RttBands.incompleteProviderHeaders());
        out.addAll(List.of(
                "Total number of incomplete pathways",
                "Total within 18 weeks",
                "% within 18 weeks",
                "Average (median) waiting time (in weeks)",
                "92nd percentile waiting time (in weeks)",
                "Total 52 plus weeks",
                "Total 78 plus weeks",
                "Total 65 plus weeks"));
        return List.copyOf(out);
    }

    @Override
    public List<String> optionalColumns() {
        return List.of("% 52 plus weeks");
    }

    @Override
    public Optional<TableContract> silver() {
        return Optional.of(IngestTables.RTT_INCOMPLETE);
    }

    @Override
    public Loaded<RttIncompleteProvider> load(RawCsv csv, SourceContext ctx) {
        LocalDate month = Periods.requireFromFileName(
                csv.fileName(), "RTT Incomplete-Provider files", "RTT-Incomplete-Provider-2024-06.csv");
        ParseResult<RttIncompleteProvider> r = RttIncompleteProviderParser.parse(csv, month);
        List<RttIncompleteProvider> records = r.records();
        return new Loaded<>(
                csv,
                records,
                records.size(),
                r.quarantine(),
                List.of(),
                records.stream()
                        .map(RttIncompleteProvider::providerCode)
                        .distinct()
                        .toList(),
                month,
                "");
    }

    @Override
    public List<Row> silverRows(Loaded<RttIncompleteProvider> loaded, SourceContext ctx) {
        return rows(loaded.records(), ctx.reference(), loaded.csv().sha256(), ctx.runId());
    }

    @Override
    public Optional<Column> missingMonthsOver() {
        return Optional.of(col("treatment_function_code").equalTo(RttIncompleteProvider.ALL_FUNCTIONS));
    }

    /** silver.rtt_incomplete rows; merged providers' pathways are summed band by band. */
    public static List<Row> rows(List<RttIncompleteProvider> records, OrgReference ref, String sha256, String runId) {
        Map<String, Object[]> byKey = new TreeMap<>();
        for (RttIncompleteProvider r : records) {
            Placement p = Placement.of(ref, r.providerCode(), r.periodStart());
            String key = p.orgCode() + "|" + r.periodStart() + "|" + r.treatmentFunctionCode();
            Object[] cur = byKey.get(key);
            if (cur == null) {
                cur = new Object[] {
                    p.orgCode(),
                    Date.valueOf(r.periodStart()),
                    r.treatmentFunctionCode(),
                    r.treatmentFunctionName(),
                    r.providerCode(),
                    r.providerName(),
                    p.systemCode(),
                    p.regionCode(),
                    new long[RTT_BANDS],
                    0L,
                    0L,
                    0L,
                    0L,
                    0L,
                    0L,
                    r.publishedPctWithin18Weeks(),
                    r.publishedMedianWeeks(),
                    r.publishedP92Weeks(),
                    r.file(),
                    sha256,
                    r.rowNumber(),
                    runId
                };
                byKey.put(key, cur);
            } else {
                // Published summary figures of a single provider do not describe the merged total.
                cur[4] = cur[4] + "+" + r.providerCode();
                cur[15] = null;
                cur[16] = null;
                cur[17] = null;
            }
            long[] bands = (long[]) cur[8];
            for (int i = 0; i < RTT_BANDS && i < r.bands().length; i++) {
                bands[i] += r.bands()[i];
            }
            cur[9] = (Long) cur[9] + r.total();
            cur[10] = (Long) cur[10] + r.within18Weeks();
            cur[11] = (Long) cur[11] + r.total52Plus();
            cur[12] = (Long) cur[12] + r.total65Plus();
            cur[13] = (Long) cur[13] + r.total78Plus();
            cur[14] = (Long) cur[14] + r.bands()[RTT_BANDS - 1];
        }
        List<Row> rows = new ArrayList<>();
        for (Object[] v : byKey.values()) {
            long[] bands = (long[]) v[8];
            List<Long> boxed = new ArrayList<>(bands.length);
            for (long b : bands) {
                boxed.add(b);
            }
            // An array column's value: Spark's encoders want a Scala sequence.
            v[8] = JavaConverters.asScalaBuffer(boxed).toSeq();
            rows.add(RowFactory.create(v));
        }
        return rows;
    }
}
