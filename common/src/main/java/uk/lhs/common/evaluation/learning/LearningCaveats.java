package uk.lhs.common.evaluation.learning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.CaveatCode;
import uk.lhs.common.evaluation.Severity;
import uk.lhs.common.evaluation.meta.MetaResult;

/**
 * The caveats of a pooled effect:
 *
 * <ul>
 *   <li>FEW_SITES — fewer than {@value #FEW_SITES} sites (warning): τ² and the prediction interval rest on very few
 *       estimates; fewer than 3 (critical): no prediction interval can be given.
 *   <li>HIGH_HETEROGENEITY — I² ≥ {@value #HIGH_I2}% or Cochran's Q p &lt; {@value #Q_ALPHA} (warning). I² of 75% is
 *       "high" in Higgins, Thompson, Deeks &amp; Altman 2003 (BMJ 327:557–560); Q has low power with few studies, so
 *       its conventional threshold is 0.10 (Cochrane Handbook, §10.10.2).
 *   <li>SHARED_COMPARATORS — the estimates are not independent (warning): for difference-in-differences and
 *       synthetic control, two sites used a comparator in common; for any method, two sites started in the same
 *       month (one entry's several trusts always do), so a shock in that month moves them together. The pooled
 *       interval assumes independent sites and is then too narrow.
 * </ul>
 */
public final class LearningCaveats {
    private LearningCaveats() {}

    /** Sites below which FEW_SITES is raised. */
    public static final int FEW_SITES = 5;

    /** I² (percent) at or above which heterogeneity is high. */
    public static final double HIGH_I2 = 75;

    /** Cochran's Q p-value below which heterogeneity is flagged. */
    public static final double Q_ALPHA = 0.10;

    /** Methods whose estimates use comparators. */
    static final Set<String> CONTROLLED = Set.of("did", "synthetic_control");

    /** The caveats of {@code r}, pooled from {@code sites}. */
    public static List<Caveat> of(List<SiteEffect> sites, MetaResult r) {
        List<Caveat> out = new ArrayList<>();
        int k = sites.size();
        if (k < FEW_SITES) {
            out.add(new Caveat(
                    CaveatCode.FEW_SITES,
                    k < 3 ? Severity.CRITICAL : Severity.WARNING,
                    "Only " + k + " trusts were pooled: with fewer than " + FEW_SITES + " the spread between trusts"
                            + " is very uncertain"
                            + (k < 3
                                    ? " and no range for a new trust can be given."
                                    : ", and so is the range expected in a new trust.")));
        }
        if ((Double.isFinite(r.i2()) && r.i2() >= HIGH_I2) || (Double.isFinite(r.qP()) && r.qP() < Q_ALPHA)) {
            out.add(new Caveat(
                    CaveatCode.HIGH_HETEROGENEITY,
                    Severity.WARNING,
                    String.format(
                            Locale.ROOT,
                            "The trusts' results differ more than chance would explain (I2 = %.0f%%, Cochran's Q p ="
                                    + " %s): the average may describe no single trust well; the range for a new"
                                    + " trust shows how much they vary.",
                            r.i2(),
                            r.qP() < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", r.qP()))));
        }
        String shared = shared(sites);
        if (shared != null) {
            out.add(new Caveat(
                    CaveatCode.SHARED_COMPARATORS,
                    Severity.WARNING,
                    "The trusts' estimates are not independent (" + shared + "), so the pooled interval is likely"
                            + " too narrow."));
        }
        return out;
    }

    /** What the sites share, in words, or null when they are independent by these checks. */
    static String shared(List<SiteEffect> sites) {
        List<String> reasons = new ArrayList<>();
        if (CONTROLLED.contains(sites.get(0).method())) {
            Set<String> sharing = new TreeSet<>();
            for (int i = 0; i < sites.size(); i++) {
                Set<String> a = new HashSet<>(sites.get(i).comparatorCodes());
                for (int j = i + 1; j < sites.size(); j++) {
                    if (sites.get(j).comparatorCodes().stream().anyMatch(a::contains)) {
                        sharing.add(sites.get(i).orgCode());
                        sharing.add(sites.get(j).orgCode());
                    }
                }
            }
            if (!sharing.isEmpty()) {
                reasons.add(sharing.size() + " of them were compared with some of the same organisations");
            }
        }
        Map<LocalDate, Integer> starts = new HashMap<>();
        sites.forEach(s -> starts.merge(s.start(), 1, Integer::sum));
        int together = starts.values().stream()
                .filter(n -> n > 1)
                .mapToInt(Integer::intValue)
                .sum();
        if (together > 0) {
            reasons.add(together + " of them started in the same month as another");
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }
}
