package uk.lhs.jobs.report;

import static uk.lhs.jobs.report.Cells.dbl;
import static uk.lhs.jobs.report.Cells.integer;
import static uk.lhs.jobs.report.Cells.str;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import uk.lhs.common.report.EquitySection;
import uk.lhs.common.report.ReportModel.CaveatNote;
import uk.lhs.common.vocab.Cols;

/**
 * Groups collected {@code gold.intervention_equity_published} rows into one {@link EquitySection.Equity} per unit,
 * subgroups in order: the five quintiles, then the gap and the SII.
 */
final class EquityReader {
    /** Subgroups in display order. */
    static final List<String> ORDER = List.of("imd_q1", "imd_q2", "imd_q3", "imd_q4", "imd_q5", "gap_q1_q5", "sii");

    private EquityReader() {}

    /**
     * @param rows the equity rows of the organisations shown
     * @param register silver.interventions (for titles)
     * @param titles indicator id to display title
     */
    static List<EquitySection.Equity> read(List<Row> rows, List<Row> register, Map<String, String> titles) {
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
        List<EquitySection.Equity> out = new ArrayList<>();
        for (List<Row> unit : groups.values()) {
            List<EquitySection.Subgroup> subgroups = new ArrayList<>();
            for (String s : ORDER) {
                for (Row r : unit) {
                    if (s.equals(str(r, "subgroup"))) {
                        List<CaveatNote> caveats = new ArrayList<>();
                        for (Row c : Cells.rows(r, "caveats")) {
                            caveats.add(new CaveatNote(str(c, "code"), str(c, "severity"), str(c, "message")));
                        }
                        subgroups.add(new EquitySection.Subgroup(
                                s,
                                dbl(r, "estimate"),
                                dbl(r, "ci_lower"),
                                dbl(r, "ci_upper"),
                                dbl(r, "p_value"),
                                integer(r, "pre_periods"),
                                integer(r, "post_periods"),
                                caveats,
                                str(r, "statement")));
                    }
                }
            }
            Row first = unit.get(0);
            String ind = str(first, Cols.INDICATOR_ID);
            String id = str(first, Cols.INTERVENTION_ID);
            out.add(new EquitySection.Equity(
                    id,
                    interventionTitles.get(id),
                    str(first, Cols.ORG_LEVEL),
                    str(first, Cols.ORG_CODE),
                    str(first, Cols.ORG_NAME),
                    ind,
                    titles.getOrDefault(ind, ind),
                    str(first, Cols.UNIT),
                    subgroups));
        }
        return out;
    }
}
