package uk.lhs.common.synthetic;

import java.time.YearMonth;

/**
 * The ground truth of one intervention on one trust and indicator, in the indicator's own units: the mean, over the
 * post-period months (from the end of the implementation months to the last generated month), of the EXPECTED
 * indicator with every injected shift minus the expected indicator without this intervention's shift. The generators'
 * random draws are replayed, so the two differ only by the shift — including where a clamp on a probability (e.g.
 * a 4-hour performance capped at 99%, or over-52-week waits capped by the 18-week share) absorbs part of it, and
 * weighted by the trust's own case mix across treatment functions or attendance types. This is the estimand the
 * evaluation's "post minus counterfactual" estimates, so 95% interval coverage can be measured against it.
 *
 * <p>Units: {@code ae_4hr_type1}, {@code ae_4hr_all}, {@code rtt_18wk} as fractions; {@code rtt_52wk} in pathways
 * (the catalog's count indicator); {@code readmit_30d} a fraction and {@code los_mean} days, where the shift is
 * applied to every spell directly and so is its own expectation.
 */
final class TrueEffects {
    private TrueEffects() {}

    static double meanShift(
            GeneratorOptions opts,
            Organisations orgs,
            Levers with,
            Levers.Shift shift,
            Organisations.Trust trust,
            String indicator,
            YearMonth firstPost) {
        Levers without = with.without(shift);
        double sum = 0;
        int months = 0;
        for (int i = 0; i < opts.months(); i++) {
            YearMonth m = opts.month(i);
            if (m.isBefore(firstPost)) {
                continue;
            }
            sum += monthShift(opts, orgs, with, without, shift, trust, indicator, m, i);
            months++;
        }
        return months == 0 ? shift.delta() : sum / months;
    }

    private static double monthShift(
            GeneratorOptions opts,
            Organisations orgs,
            Levers with,
            Levers without,
            Levers.Shift shift,
            Organisations.Trust trust,
            String indicator,
            YearMonth m,
            int i) {
        long seed = opts.seed();
        switch (indicator) {
            case "ae_4hr_type1":
                return AeGenerator.latentType1Within4h(seed, with, trust, m, i)
                        - AeGenerator.latentType1Within4h(seed, without, trust, m, i);
            case "ae_4hr_all":
                // Only type 1 moves: the all-types proportion moves by the type 1 share of attendances.
                return (AeGenerator.latentType1Within4h(seed, with, trust, m, i)
                                - AeGenerator.latentType1Within4h(seed, without, trust, m, i))
                        * AeGenerator.type1Share(seed, trust);
            case "rtt_18wk":
                return RttGenerator.latent(seed, orgs, with, trust, m, i).within18Share()
                        - RttGenerator.latent(seed, orgs, without, trust, m, i).within18Share();
            case "rtt_52wk":
                return RttGenerator.latent(seed, orgs, with, trust, m, i).over52()
                        - RttGenerator.latent(seed, orgs, without, trust, m, i).over52();
            default:
                return shift.delta();
        }
    }
}
