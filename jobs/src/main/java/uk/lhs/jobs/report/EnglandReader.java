package uk.lhs.jobs.report;

import static uk.lhs.jobs.report.Cells.bool;
import static uk.lhs.jobs.report.Cells.dbl;
import static uk.lhs.jobs.report.Cells.integer;
import static uk.lhs.jobs.report.Cells.str;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import uk.lhs.common.report.ReportModel.CaveatNote;
import uk.lhs.common.report.ReportModel.Funnel;
import uk.lhs.common.report.ReportModel.FunnelPoint;
import uk.lhs.common.report.ReportModel.IndicatorInfo;
import uk.lhs.common.report.ReportModel.LearningRow;
import uk.lhs.common.report.ReportModel.SeriesSummary;
import uk.lhs.common.report.ReportModel.SiteEstimate;
import uk.lhs.common.report.ReportModel.SystemRow;
import uk.lhs.common.report.ReportModel.TrustPositions;
import uk.lhs.common.vocab.Cols;

/**
 * The England overview's rows and the "what works where" rows, from collected rows of the published tables: pure
 * grouping on the driver, no Spark.
 */
final class EnglandReader {
    private EnglandReader() {}

    /**
     * The overview's columns: indicators with at least one system-level series, in catalog order.
     *
     * @param summaries system-level series of stratum all (as {@link SeriesSummary})
     * @param order indicator id to catalog position
     */
    static List<IndicatorInfo> indicators(List<SeriesSummary> summaries, Map<String, Integer> order) {
        Map<String, IndicatorInfo> out = new LinkedHashMap<>();
        for (SeriesSummary s : summaries) {
            out.putIfAbsent(
                    s.key().indicatorId(),
                    new IndicatorInfo(s.key().indicatorId(), s.indicatorTitle(), s.unit(), s.improvementDirection()));
        }
        List<IndicatorInfo> list = new ArrayList<>(out.values());
        list.sort(Comparator.comparing((IndicatorInfo i) -> order.getOrDefault(i.id(), Integer.MAX_VALUE))
                .thenComparing(IndicatorInfo::id));
        return list;
    }

    /**
     * One overview row per system, ordered by code.
     *
     * @param systems the systems and their trusts
     * @param pages system code to the file name of its page (absent = not written in this run)
     * @param summaries system-level series of stratum all
     * @param funnels per indicator, the national funnel of trusts
     */
    static List<SystemRow> systems(
            List<ReportReader.SystemInfo> systems,
            Map<String, String> pages,
            List<SeriesSummary> summaries,
            Map<String, Funnel> funnels) {
        Map<String, Map<String, SeriesSummary>> cells = new HashMap<>();
        for (SeriesSummary s : summaries) {
            cells.computeIfAbsent(s.key().orgCode(), k -> new HashMap<>())
                    .put(s.key().indicatorId(), s);
        }
        List<SystemRow> out = new ArrayList<>();
        for (ReportReader.SystemInfo sys : systems) {
            Map<String, TrustPositions> trusts = new HashMap<>();
            for (Map.Entry<String, Funnel> f : funnels.entrySet()) {
                TrustPositions t = positions(f.getValue(), sys.trusts());
                if (t.compared() > 0) {
                    trusts.put(f.getKey(), t);
                }
            }
            out.add(new SystemRow(
                    sys.code(), sys.name(), pages.get(sys.code()), cells.getOrDefault(sys.code(), Map.of()), trusts));
        }
        out.sort(Comparator.comparing(SystemRow::code));
        return out;
    }

    /**
     * Counts the given trusts by their position in a funnel: outside 99.8% from {@code position_998}; outside 95% only
     * when the value lies beyond a 95% limit (the limits are on the value's scale, so this is the table's
     * {@code position_95}).
     */
    static TrustPositions positions(Funnel funnel, List<String> trusts) {
        int compared = 0;
        int above998 = 0;
        int above95 = 0;
        int within = 0;
        int below95 = 0;
        int below998 = 0;
        for (FunnelPoint p : funnel.points()) {
            if (!trusts.contains(p.orgCode())) {
                continue;
            }
            compared++;
            if ("above".equals(p.position998())) {
                above998++;
            } else if ("below".equals(p.position998())) {
                below998++;
            } else if (p.upper95() != null && p.value() > p.upper95()) {
                above95++;
            } else if (p.lower95() != null && p.value() < p.lower95()) {
                below95++;
            } else {
                within++;
            }
        }
        return new TrustPositions(compared, above998, above95, within, below95, below998);
    }

    /**
     * The pooled rows of gold.learning_published.
     *
     * @param rows the table's rows, ordered by type, indicator and method
     * @param titles indicator id to display title
     * @param units indicator id to unit
     */
    static List<LearningRow> learning(List<Row> rows, Map<String, String> titles, Map<String, String> units) {
        List<LearningRow> out = new ArrayList<>();
        for (Row r : rows) {
            List<SiteEstimate> sites = new ArrayList<>();
            for (Row s : Cells.rows(r, "site_estimates")) {
                sites.add(new SiteEstimate(
                        str(s, Cols.INTERVENTION_ID),
                        str(s, Cols.ORG_CODE),
                        str(s, Cols.ORG_NAME),
                        dbl(s, "estimate"),
                        dbl(s, "ci_lower"),
                        dbl(s, "ci_upper"),
                        dbl(s, "weight")));
            }
            List<CaveatNote> caveats = new ArrayList<>();
            for (Row c : Cells.rows(r, "caveats")) {
                caveats.add(new CaveatNote(str(c, "code"), str(c, "severity"), str(c, "message")));
            }
            String ind = str(r, Cols.INDICATOR_ID);
            out.add(new LearningRow(
                    str(r, "intervention_type"),
                    ind,
                    titles.getOrDefault(ind, ind),
                    units.get(ind),
                    str(r, "method"),
                    str(r, "pooling"),
                    integer(r, "k"),
                    sites,
                    dbl(r, "estimate"),
                    dbl(r, "se"),
                    dbl(r, "ci_lower"),
                    dbl(r, "ci_upper"),
                    dbl(r, "tau2"),
                    dbl(r, "i2"),
                    dbl(r, "q"),
                    integer(r, "q_df"),
                    dbl(r, "q_p"),
                    dbl(r, "pi_lower"),
                    dbl(r, "pi_upper"),
                    Cells.has(r, "hartung_knapp") && r.getAs("hartung_knapp") != null && bool(r, "hartung_knapp"),
                    caveats,
                    str(r, "statement")));
        }
        return out;
    }
}
