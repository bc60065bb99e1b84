package uk.lhs.jobs.report;

import static uk.lhs.jobs.report.Cells.date;
import static uk.lhs.jobs.report.Cells.dbl;
import static uk.lhs.jobs.report.Cells.integer;
import static uk.lhs.jobs.report.Cells.str;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import uk.lhs.common.report.ReportModel.CaveatNote;
import uk.lhs.common.report.ReportModel.Effect;
import uk.lhs.common.report.ReportModel.Marker;
import uk.lhs.common.report.ReportModel.MethodEstimate;
import uk.lhs.common.vocab.Cols;

/** Groups collected {@code gold.intervention_effects} rows into one {@link Effect} per unit evaluated. */
final class EffectsReader {
    /** Method rows in the order the dashboard lists them. */
    static final List<String> METHOD_ORDER = List.of("pre_post", "spc", "its", "did", "synthetic_control");

    private final List<Effect> effects = new ArrayList<>();

    /**
     * @param rows the effects rows of one system's organisations
     * @param register silver.interventions (for titles)
     * @param titles indicator id to display title
     * @param units indicator id to unit (proportions are shown in percentage points)
     */
    EffectsReader(List<Row> rows, List<Row> register, Map<String, String> titles, Map<String, String> units) {
        Map<String, String> interventionTitles = new HashMap<>();
        for (Row r : register) {
            interventionTitles.put(str(r, Cols.INTERVENTION_ID), str(r, "title"));
        }
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(
                            str(r, Cols.INTERVENTION_ID) + "|" + str(r, Cols.ORG_LEVEL) + "|" + str(r, Cols.ORG_CODE)
                                    + "|" + str(r, Cols.INDICATOR_ID),
                            k -> new ArrayList<>())
                    .add(r);
        }
        for (List<Row> unit : groups.values()) {
            Row summary = unit.stream()
                    .filter(r -> "summary".equals(str(r, "method")))
                    .findFirst()
                    .orElse(unit.get(0));
            List<MethodEstimate> methods = new ArrayList<>();
            for (String m : METHOD_ORDER) {
                for (Row r : unit) {
                    if (m.equals(str(r, "method"))) {
                        methods.add(new MethodEstimate(
                                m,
                                dbl(r, "estimate"),
                                dbl(r, "ci_lower"),
                                dbl(r, "ci_upper"),
                                dbl(r, "p_value"),
                                integer(r, "pre_periods"),
                                integer(r, "post_periods"),
                                str(r, "statement")));
                    }
                }
            }
            List<CaveatNote> caveats = new ArrayList<>();
            for (Row c : Cells.rows(summary, "caveats")) {
                caveats.add(new CaveatNote(str(c, "code"), str(c, "severity"), str(c, "message")));
            }
            String ind = str(summary, Cols.INDICATOR_ID);
            String id = str(summary, Cols.INTERVENTION_ID);
            effects.add(new Effect(
                    id,
                    interventionTitles.get(id),
                    str(summary, Cols.ORG_LEVEL),
                    str(summary, Cols.ORG_CODE),
                    str(summary, Cols.ORG_NAME),
                    ind,
                    titles.getOrDefault(ind, ind),
                    units.get(ind),
                    date(summary, "intervention_start"),
                    date(summary, "first_post_month"),
                    str(summary, "expected_direction"),
                    methods,
                    "summary".equals(str(summary, "method")) ? str(summary, "attribution") : null,
                    Cells.strings(summary, "attribution_reasons"),
                    caveats,
                    str(summary, "statement")));
        }
    }

    /** Every effect, grouped per intervention, organisation and indicator. */
    List<Effect> effects() {
        return effects;
    }

    /** Start markers of the interventions evaluated on this organisation and indicator. */
    List<Marker> markers(String orgLevel, String orgCode, String indicatorId) {
        Map<String, Marker> out = new LinkedHashMap<>();
        for (Effect e : effects) {
            LocalDate start = e.start();
            if (start != null
                    && e.orgLevel().equals(orgLevel)
                    && e.orgCode().equals(orgCode)
                    && e.indicatorId().equals(indicatorId)) {
                out.putIfAbsent(e.interventionId(), new Marker(start, e.interventionId()));
            }
        }
        return new ArrayList<>(out.values());
    }
}
