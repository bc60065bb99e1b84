package uk.lhs.common.evaluation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Places an evaluation on the attribution scale. The primary estimate is the ITS level change (segmented regression
 * with HAC errors); controlled comparisons (DiD, synthetic control) and the SPC check corroborate it. Decision rule,
 * applied in order:
 *
 * <ol>
 *   <li>{@code insufficient_data} — fewer than {@value #MIN_PRE_MONTHS} pre or {@value #MIN_POST_MONTHS} post months,
 *       the ITS could not be fitted, or a critical DATA_GAPS caveat.
 *   <li>{@code no_change_detected} — the ITS level-change interval includes 0, or lies wholly on the side opposite
 *       to the expected direction.
 *   <li>{@code change_attribution_weak} — a change in the expected direction, but a confounding caveat at warning
 *       level or above ({@link #CONFOUNDERS}: regression to the mean, concurrent intervention, secular trend,
 *       comparator divergence, methods disagree, organisation change) or any critical caveat; or comparators exist
 *       and neither DiD nor synthetic control shows a change in the expected direction (interval excluding 0).
 *   <li>{@code change_strongly_consistent} — a controlled comparison agrees, the SPC check shows special cause in the
 *       expected direction, and neither the baseline nor the follow-up is short.
 *   <li>{@code change_consistent_with_intervention} — otherwise (including when no comparator was available, which
 *       caps the level here).
 * </ol>
 *
 * <p>Reasons say "associated with", never "caused by": none of these designs can prove causation.
 */
public final class AttributionRule {
    private AttributionRule() {}

    /** Fewest pre-period months for any attribution (a segmented regression needs a baseline slope). */
    public static final int MIN_PRE_MONTHS = 6;

    /** Fewest post-period months for any attribution. */
    public static final int MIN_POST_MONTHS = 3;

    /** Caveats that offer another explanation for a change. */
    public static final Set<CaveatCode> CONFOUNDERS = EnumSet.of(
            CaveatCode.REGRESSION_TO_MEAN,
            CaveatCode.CONCURRENT_INTERVENTION,
            CaveatCode.SECULAR_TREND,
            CaveatCode.COMPARATOR_DIVERGENCE,
            CaveatCode.METHODS_DISAGREE,
            CaveatCode.ORG_CHANGE);

    /**
     * Decides the attribution level.
     *
     * @param e the evidence
     * @param caveats the caveats raised for it
     * @return level and reasons
     */
    public static AttributionDecision decide(Evidence e, List<Caveat> caveats) {
        List<String> reasons = new ArrayList<>();
        int nPre = e.window().nPre();
        int nPost = e.window().nPost();
        boolean criticalGaps =
                caveats.stream().anyMatch(c -> c.code() == CaveatCode.DATA_GAPS && c.severity() == Severity.CRITICAL);
        if (nPre < MIN_PRE_MONTHS || nPost < MIN_POST_MONTHS || e.its() == null || criticalGaps) {
            reasons.add("There is not enough data to judge: at least " + MIN_PRE_MONTHS + " months before and "
                    + MIN_POST_MONTHS + " months after the start are needed (there are " + nPre + " and " + nPost + ")"
                    + (criticalGaps ? ", and too many months are missing." : "."));
            return new AttributionDecision(Attribution.INSUFFICIENT_DATA, reasons);
        }
        ItsResult its = e.its();
        int expected = e.input().expectedDirection().sign();
        int sig = Evidence.significantSign(its.levelCiLower(), its.levelCiUpper());
        String interval = String.format(
                Locale.ROOT,
                "%.3g (95%% interval %.3g to %.3g)",
                its.levelChange(),
                its.levelCiLower(),
                its.levelCiUpper());
        if (sig == 0) {
            reasons.add("No change beyond normal variation was detected at the start: the estimated change was "
                    + interval + ".");
            return new AttributionDecision(Attribution.NO_CHANGE_DETECTED, reasons);
        }
        if (sig != expected) {
            reasons.add("The indicator moved in the opposite direction to the one intended: the estimated change was "
                    + interval + ".");
            return new AttributionDecision(Attribution.NO_CHANGE_DETECTED, reasons);
        }
        reasons.add("A change in the intended direction was detected at the start: " + interval
                + ", allowing for the earlier trend.");
        List<String> confounders = new ArrayList<>();
        for (Caveat c : caveats) {
            boolean confounding = CONFOUNDERS.contains(c.code()) && c.severity() != Severity.INFO;
            if (confounding || c.severity() == Severity.CRITICAL) {
                confounders.add(c.code().name());
            }
        }
        boolean comparatorsAvailable = e.did() != null || e.syntheticControl() != null;
        boolean corroborated = agrees(e, expected);
        if (!confounders.isEmpty()) {
            reasons.add("The change is associated with the intervention, but other explanations cannot be ruled out ("
                    + String.join(", ", confounders) + ").");
            return new AttributionDecision(Attribution.CHANGE_ATTRIBUTION_WEAK, reasons);
        }
        if (comparatorsAvailable && !corroborated) {
            reasons.add("Comparison organisations do not show a clearly different change, so the change may not be "
                    + "specific to this organisation.");
            return new AttributionDecision(Attribution.CHANGE_ATTRIBUTION_WEAK, reasons);
        }
        if (!comparatorsAvailable) {
            reasons.add("No comparison organisations were available to rule out wider changes, so the change is "
                    + "associated with the intervention but not confirmed against others.");
            return new AttributionDecision(Attribution.CHANGE_CONSISTENT_WITH_INTERVENTION, reasons);
        }
        reasons.add("Comparison organisations did not show the same change.");
        boolean spcSignal = e.spc() != null && e.spc().specialCause();
        boolean shortWindows = caveats.stream()
                .anyMatch(c -> c.code() == CaveatCode.SHORT_BASELINE || c.code() == CaveatCode.SHORT_FOLLOW_UP);
        if (spcSignal && !shortWindows) {
            reasons.add("The control chart also shows a signal in the intended direction after the start.");
            return new AttributionDecision(Attribution.CHANGE_STRONGLY_CONSISTENT, reasons);
        }
        reasons.add(
                spcSignal
                        ? "The baseline or follow-up is short, so the evidence is not rated as strong."
                        : "The control chart shows no signal beyond its limits or a sustained shift, so the evidence is not rated "
                                + "as strong.");
        return new AttributionDecision(Attribution.CHANGE_CONSISTENT_WITH_INTERVENTION, reasons);
    }

    private static boolean agrees(Evidence e, int expected) {
        boolean did = e.did() != null
                && Evidence.significantSign(e.did().ciLower(), e.did().ciUpper()) == expected;
        SyntheticControlResult s = e.syntheticControl();
        boolean sc = s != null && Evidence.significantSign(s.ciLower(), s.ciUpper()) == expected;
        return did || sc;
    }
}
