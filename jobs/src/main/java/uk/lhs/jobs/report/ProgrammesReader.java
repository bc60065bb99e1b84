package uk.lhs.jobs.report;

import static uk.lhs.jobs.report.Cells.date;
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
import uk.lhs.common.report.ProgrammeSection.Cohort;
import uk.lhs.common.report.ProgrammeSection.EventTime;
import uk.lhs.common.report.ProgrammeSection.Programme;
import uk.lhs.common.report.ReportModel.CaveatNote;
import uk.lhs.common.vocab.Cols;

/**
 * Groups collected {@code gold.programme_effects_published} rows into one {@link Programme} per programme × indicator:
 * the summary row, the dynamic rows (event study), the group rows (cohorts) and the twfe row.
 */
final class ProgrammesReader {
    private final List<Programme> programmes = new ArrayList<>();
    /** Rollout trusts of each programme × indicator (the summary row's trusts). */
    private final Map<String, List<String>> summaries = new HashMap<>();

    /**
     * @param rows every row of gold.programme_effects_published (one system's programmes are picked by
     *     {@link #of(List)})
     * @param register silver.interventions (for titles)
     * @param titles indicator id to display title
     * @param units indicator id to unit
     */
    ProgrammesReader(List<Row> rows, List<Row> register, Map<String, String> titles, Map<String, String> units) {
        Map<String, String> names = new HashMap<>();
        for (Row r : register) {
            names.put(str(r, Cols.INTERVENTION_ID), str(r, "title"));
        }
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(
                            str(r, Cols.INTERVENTION_ID) + "|" + str(r, Cols.INDICATOR_ID), k -> new ArrayList<>())
                    .add(r);
        }
        for (List<Row> g : groups.values()) {
            Row summary = g.stream()
                    .filter(r -> "summary".equals(str(r, "aggregation")))
                    .findFirst()
                    .orElse(null);
            if (summary == null) {
                continue;
            }
            List<EventTime> events = new ArrayList<>();
            List<Cohort> cohorts = new ArrayList<>();
            Row twfe = null;
            for (Row r : g) {
                boolean overall = "overall".equals(str(r, "cell"));
                switch (str(r, "aggregation")) {
                    case "dynamic" -> {
                        if (!overall) {
                            events.add(new EventTime(
                                    integer(r, "event_time"),
                                    dbl(r, "estimate"),
                                    dbl(r, "band_lower"),
                                    dbl(r, "band_upper")));
                        }
                    }
                    case "group" -> {
                        if (!overall) {
                            cohorts.add(new Cohort(
                                    date(r, "cohort_month"),
                                    Cells.strings(r, "trusts"),
                                    dbl(r, "estimate"),
                                    dbl(r, "ci_lower"),
                                    dbl(r, "ci_upper")));
                        }
                    }
                    case "twfe" -> twfe = r;
                    default -> {}
                }
            }
            events.sort(Comparator.comparingInt(EventTime::eventTime));
            cohorts.sort(Comparator.comparing(Cohort::firstPostMonth));
            List<CaveatNote> caveats = new ArrayList<>();
            for (Row c : Cells.rows(summary, "caveats")) {
                caveats.add(new CaveatNote(str(c, "code"), str(c, "severity"), str(c, "message")));
            }
            String id = str(summary, Cols.INTERVENTION_ID);
            String ind = str(summary, Cols.INDICATOR_ID);
            programmes.add(new Programme(
                    id,
                    names.get(id),
                    ind,
                    titles.getOrDefault(ind, ind),
                    units.get(ind),
                    str(summary, "expected_direction"),
                    str(summary, "attribution"),
                    Cells.strings(summary, "attribution_reasons"),
                    caveats,
                    str(summary, "statement"),
                    dbl(summary, "estimate"),
                    dbl(summary, "ci_lower"),
                    dbl(summary, "ci_upper"),
                    twfe == null ? null : dbl(twfe, "estimate"),
                    twfe == null ? null : dbl(twfe, "ci_lower"),
                    twfe == null ? null : dbl(twfe, "ci_upper"),
                    dbl(summary, "pre_test_p"),
                    cohorts,
                    events));
            summaries.put(id + "|" + ind, Cells.strings(summary, "trusts"));
        }
    }

    /** The programmes with at least one rollout trust among {@code trusts}, in id order. */
    List<Programme> of(List<String> trusts) {
        return programmes.stream()
                .filter(p -> summaries.getOrDefault(p.programmeId() + "|" + p.indicatorId(), List.of()).stream()
                        .anyMatch(trusts::contains))
                .sorted(Comparator.comparing(Programme::programmeId).thenComparing(Programme::indicatorId))
                .toList();
    }
}
