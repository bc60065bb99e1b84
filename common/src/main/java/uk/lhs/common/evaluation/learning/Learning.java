package uk.lhs.common.evaluation.learning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.meta.MetaAnalysis;
import uk.lhs.common.evaluation.meta.MetaOptions;
import uk.lhs.common.evaluation.meta.MetaResult;

/**
 * Pools the per-site effects of each intervention type × indicator × method by meta-analysis (random effects, REML by
 * default: Viechtbauer 2005, J Educ Behav Stat 30:261–293; weights 1/(SE² + τ²), DerSimonian &amp; Laird 1986).
 *
 * <p>Which estimates are sites:
 *
 * <ul>
 *   <li>Trust-level rows only. A system-wide entry contributes each of its trusts as a site; its system aggregate is
 *       left out, because it contains those trusts and would count them twice.
 *   <li>One estimate per organisation: when a trust is in scope of more than one entry of the same type (e.g. its own
 *       entry and its system's), the entry that started first is kept (ties: the lower id). Later ones are measured
 *       against a baseline the first had already changed, and two estimates from one trust are not independent.
 *   <li>Rows whose method could not run (no estimate or no interval) are left out; a group needs at least
 *       {@value #MIN_SITES} sites.
 * </ul>
 */
public final class Learning {
    private Learning() {}

    /** Methods whose per-site estimates are pooled. */
    public static final List<String> METHODS = List.of("its", "did", "synthetic_control");

    /** Fewest sites pooled into a row. */
    public static final int MIN_SITES = 2;

    /**
     * Pools every group.
     *
     * @param effects per-site effects (any order; several per organisation allowed)
     * @param options meta-analysis estimator and interval
     * @param indicators the indicator's unit and title by id, for the statement (missing entries use the id)
     * @return one pooled effect per type × indicator × method with at least {@value #MIN_SITES} sites, sorted by type,
     *     indicator and method order
     */
    public static List<PooledEffect> pool(
            List<SiteEffect> effects, MetaOptions options, Map<String, LearningStatements.Indicator> indicators) {
        Map<List<String>, List<SiteEffect>> groups =
                new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
                        .thenComparing(k -> k.get(1))
                        .thenComparing(k -> METHODS.indexOf(k.get(2))));
        for (SiteEffect e : effects) {
            if (METHODS.contains(e.method())) {
                groups.computeIfAbsent(
                                List.of(e.interventionType(), e.indicatorId(), e.method()), k -> new ArrayList<>())
                        .add(e);
            }
        }
        List<PooledEffect> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<SiteEffect>> g : groups.entrySet()) {
            List<SiteEffect> sites = onePerOrganisation(g.getValue());
            if (sites.size() < MIN_SITES) {
                continue;
            }
            out.add(poolOne(sites, options, indicators.get(g.getKey().get(1))));
        }
        return out;
    }

    /** Pools one group's sites (already one per organisation, at least two). */
    static PooledEffect poolOne(List<SiteEffect> sites, MetaOptions options, LearningStatements.Indicator indicator) {
        double[] y = new double[sites.size()];
        double[] se = new double[sites.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = sites.get(i).estimate();
            se[i] = sites.get(i).se();
        }
        MetaResult r = MetaAnalysis.pool(y, se, options);
        List<Caveat> caveats = LearningCaveats.of(sites, r);
        SiteEffect first = sites.get(0);
        return new PooledEffect(
                first.interventionType(),
                first.indicatorId(),
                first.method(),
                sites,
                weights(se, r.tau2()),
                r,
                caveats,
                LearningStatements.of(first.interventionType(), first.indicatorId(), first.method(), indicator, r));
    }

    /**
     * Each site's share of the pooled estimate in percent: w_i = 1/(SE_i² + τ²) over Σw (τ² = 0 for a fixed-effect
     * pooling; the Hartung–Knapp interval keeps these weights).
     */
    static List<Double> weights(double[] se, double tau2) {
        double[] w = new double[se.length];
        double sum = 0;
        double t2 = Double.isFinite(tau2) && tau2 > 0 ? tau2 : 0;
        for (int i = 0; i < se.length; i++) {
            w[i] = 1 / (se[i] * se[i] + t2);
            sum += w[i];
        }
        List<Double> out = new ArrayList<>();
        for (double v : w) {
            out.add(100 * v / sum);
        }
        return out;
    }

    /**
     * One site per organisation: the entry that started first (ties: the lower intervention id); sorted by code.
     */
    static List<SiteEffect> onePerOrganisation(List<SiteEffect> group) {
        Map<String, SiteEffect> byOrg = new TreeMap<>();
        for (SiteEffect e : group) {
            byOrg.merge(e.orgCode(), e, (a, b) -> earlier(a, b) ? a : b);
        }
        return new ArrayList<>(byOrg.values());
    }

    private static boolean earlier(SiteEffect a, SiteEffect b) {
        int c = a.start().compareTo(b.start());
        return c < 0 || (c == 0 && a.interventionId().compareTo(b.interventionId()) <= 0);
    }
}
