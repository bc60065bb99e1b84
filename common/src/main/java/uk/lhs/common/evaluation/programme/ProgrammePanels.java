package uk.lhs.common.evaluation.programme;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import uk.lhs.common.evaluation.Revision;
import uk.lhs.common.evaluation.register.ComparatorMode;
import uk.lhs.common.evaluation.register.Intervention;
import uk.lhs.common.evaluation.register.InterventionRegister;
import uk.lhs.common.evaluation.staggered.StaggeredOptions;

/**
 * Chooses the trusts of one programme × indicator panel and builds the evaluator's input from every trust's monthly
 * series. Rollout trusts are treated from their first post month (rollout start plus the implementation months).
 * Comparison trusts: every other trust with data (or only the register's explicit comparators), minus trusts exposed
 * to any other register entry on the indicator (in its scope, or in the system of a system-wide entry) — as the
 * per-trust methods exclude them — and minus trusts that closed, merged or took over another (their series jump).
 * Those other entries at a rollout trust are its concurrent interventions.
 */
public final class ProgrammePanels {
    private ProgrammePanels() {}

    /**
     * The evaluator's input.
     *
     * @param register the whole register (for other entries on the indicator)
     * @param systemTrusts trust codes of each system (for system-wide entries)
     * @param changedOrgs trusts that closed, merged or have a predecessor (left out of the comparison)
     * @param p the programme
     * @param indicator the indicator
     * @param trustSeries every trust's monthly values of the indicator (null = a gap)
     * @param unit the indicator's unit (e.g. proportion), or null
     * @param options estimator options
     * @param trustRevisions by trust, the revised months of its series (REVISED_DATA); may be empty
     */
    public static ProgrammeInput input(
            InterventionRegister register,
            Map<String, List<String>> systemTrusts,
            Set<String> changedOrgs,
            Intervention p,
            String indicator,
            Map<String, Map<YearMonth, Double>> trustSeries,
            String unit,
            StaggeredOptions options,
            Map<String, List<Revision>> trustRevisions) {
        Map<String, List<String>> exposedTo = new HashMap<>();
        for (Intervention o : register.entries()) {
            if (o.id().equals(p.id()) || !o.indicators().contains(indicator)) {
                continue;
            }
            List<String> trusts =
                    o.systemScope() ? systemTrusts.getOrDefault(o.scopeSystem(), List.of()) : o.scopeTrusts();
            for (String t : trusts) {
                exposedTo.computeIfAbsent(t, k -> new ArrayList<>()).add(o.id());
            }
        }
        Set<String> rollout = Set.copyOf(p.scopeTrusts());
        Set<String> explicit = p.comparatorMode() == ComparatorMode.EXPLICIT ? Set.copyOf(p.comparatorCodes()) : null;
        Map<String, Map<YearMonth, Double>> series = new TreeMap<>();
        trustSeries.forEach((code, s) -> {
            boolean comparison = !exposedTo.containsKey(code)
                    && !changedOrgs.contains(code)
                    && (explicit == null || explicit.contains(code));
            if (rollout.contains(code) || comparison) {
                series.put(code, s);
            }
        });
        Map<String, List<Revision>> revisions = new TreeMap<>(trustRevisions);
        revisions.keySet().retainAll(series.keySet());
        Map<String, YearMonth> firstPost = new HashMap<>();
        Map<String, List<String>> concurrent = new HashMap<>();
        for (Intervention.RolloutStart r : p.rollout()) {
            firstPost.put(r.trust(), r.start().plusMonths(p.implementationMonths()));
            concurrent.put(r.trust(), exposedTo.getOrDefault(r.trust(), List.of()));
        }
        String u = unit == null ? "" : unit.toLowerCase(java.util.Locale.ROOT);
        return new ProgrammeInput(
                p.id(),
                p.title(),
                indicator,
                u.contains("proportion") || u.contains("fraction"),
                unit,
                series,
                firstPost,
                p.expectedDirection(),
                concurrent,
                options,
                revisions);
    }
}
