package uk.lhs.common.sources.rttextract;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Finding;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;
import uk.lhs.common.sources.rtt.RttBands;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.vocab.Cols;

/**
 * RTT full CSV extract: a cross-check of the provider file (NHS England's own reconciliation: Part_2 summed over
 * commissioners, NONC excluded), not a second source of silver rows. After the run's silver rows are written, each
 * extract, aggregated to provider x treatment function, is compared with silver.rtt_incomplete for the same month:
 * total pathways and, where the extract carries the bands, the 52-week waiters ({@code rtt_extract_reconciles}).
 */
public final class RttExtractSource implements Source<RttExtractIncomplete> {
    @Override
    public Dataset dataset() {
        return Dataset.RTT_FULL_EXTRACT;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of(
                "Period",
                "Provider Parent Org Code",
                "Provider Parent Name",
                "Provider Org Code",
                "Provider Org Name",
                "Commissioner Parent Org Code",
                "Commissioner Parent Name",
                "Commissioner Org Code",
                "Commissioner Org Name",
                "RTT Part Type",
                "RTT Part Description",
                "Treatment Function Code",
                "Treatment Function Name",
                "Total",
                "Patients with unknown clock start date",
                "Total All");
    }

    @Override
    public List<String> optionalColumns() {
        return RttBands.fullExtractHeaders();
    }

    @Override
    public Loaded<RttExtractIncomplete> load(RawCsv csv, SourceContext ctx) {
        ParseResult<RttExtractRow> r = RttExtractParser.parse(csv);
        return new Loaded<>(
                csv,
                RttExtractIncomplete.aggregate(r.records()),
                r.records().size(),
                r.quarantine(),
                List.of(),
                List.of(),
                null,
                ", reconciled with the provider file (gold.data_quality)");
    }

    @Override
    public List<Finding> reconcile(
            Loaded<RttExtractIncomplete> loaded, BiFunction<TableContract, Column, List<Row>> stored) {
        Set<LocalDate> months = loaded.records().stream()
                .map(RttExtractIncomplete::periodStart)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, long[]> published = new HashMap<>();
        if (!months.isEmpty()) {
            Column scope = col(Cols.PERIOD_START)
                    .isin(months.stream().map(Date::valueOf).toArray());
            for (Row r : stored.apply(IngestTables.RTT_INCOMPLETE, scope)) {
                published.put(
                        r.getAs("published_org_code") + "|" + r.getAs(Cols.PERIOD_START) + "|"
                                + r.getAs("treatment_function_code"),
                        new long[] {r.<Long>getAs("total_pathways"), r.<Long>getAs("over_52_weeks")});
            }
        }
        int compared = 0;
        int equal = 0;
        List<String> examples = new ArrayList<>();
        for (RttExtractIncomplete a : loaded.records()) {
            long[] p = published.get(
                    a.providerCode() + "|" + Date.valueOf(a.periodStart()) + "|" + a.treatmentFunctionCode());
            if (p == null) {
                continue;
            }
            compared++;
            boolean same = p[0] == a.total() && a.waitingOver(52).orElse(p[1]) == p[1];
            if (same) {
                equal++;
            } else if (examples.size() < 5) {
                examples.add(a.providerCode() + " " + a.treatmentFunctionCode() + ": extract " + a.total()
                        + " vs provider file " + p[0]);
            }
        }
        boolean passed = compared > 0 && equal == compared;
        return List.of(new Finding(
                "rtt_extract_reconciles",
                loaded.csv().sha256(),
                "all pairs",
                dataset().name(),
                loaded.csv().fileName(),
                months.isEmpty() ? null : months.iterator().next(),
                passed ? "info" : compared == 0 ? "warning" : "error",
                passed,
                equal + " of " + compared + " provider x function pairs equal",
                compared + " equal",
                compared == 0
                        ? "No provider file for the same month has been ingested, so the extract could not be"
                                + " reconciled."
                        : passed
                                ? "Summed over commissioners (Part_2, NONC excluded), the extract equals the"
                                        + " provider file for every pair in both."
                                : "The extract differs from the provider file, e.g. " + String.join("; ", examples)
                                        + "."));
    }
}
