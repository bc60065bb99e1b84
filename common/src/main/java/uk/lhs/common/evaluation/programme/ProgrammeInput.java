package uk.lhs.common.evaluation.programme;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import uk.lhs.common.evaluation.Revision;
import uk.lhs.common.evaluation.staggered.StaggeredOptions;
import uk.lhs.common.vocab.ImprovementDirection;

/**
 * What one programme × indicator evaluation needs.
 *
 * @param programmeId register id
 * @param title the programme's title
 * @param indicatorId indicator evaluated
 * @param proportion whether the indicator is a proportion held as a fraction (statements in percentage points)
 * @param unit the indicator's unit for statements (may be null)
 * @param series monthly values by trust: every rollout trust and every comparison trust (a missing or null month is
 *     a gap, which takes the trust out of the balanced panel)
 * @param firstPost each rollout trust's first post month: its rollout start plus the implementation months
 * @param expectedDirection the direction the programme is meant to move the indicator
 * @param concurrent for rollout trusts, the ids of other register entries on the same trust and indicator
 * @param options estimator options
 * @param revisions by trust, the months of its series that a newer vintage of the source file changed (REVISED_DATA);
 *     may be empty
 */
public record ProgrammeInput(
        String programmeId,
        String title,
        String indicatorId,
        boolean proportion,
        String unit,
        Map<String, Map<YearMonth, Double>> series,
        Map<String, YearMonth> firstPost,
        ImprovementDirection expectedDirection,
        Map<String, List<String>> concurrent,
        StaggeredOptions options,
        Map<String, List<Revision>> revisions) {
    public ProgrammeInput {
        Objects.requireNonNull(programmeId, "programmeId");
        Objects.requireNonNull(indicatorId, "indicatorId");
        Objects.requireNonNull(expectedDirection, "expectedDirection");
        Objects.requireNonNull(options, "options");
        title = title == null ? "" : title;
        TreeMap<String, Map<YearMonth, Double>> copy = new TreeMap<>();
        series.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
        series = java.util.Collections.unmodifiableMap(copy);
        firstPost = Map.copyOf(firstPost);
        concurrent = Map.copyOf(concurrent);
        TreeMap<String, List<Revision>> revised = new TreeMap<>();
        (revisions == null ? Map.<String, List<Revision>>of() : revisions)
                .forEach((k, v) -> revised.put(k, List.copyOf(v)));
        revisions = java.util.Collections.unmodifiableMap(revised);
    }
}
