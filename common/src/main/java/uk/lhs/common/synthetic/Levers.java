package uk.lhs.common.synthetic;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The injected shifts the generators apply, by "lever" (the model quantity a shift moves), with a linear ramp.
 * Interventions, the bad months before a regression-to-the-mean case and a region-wide (secular) change all end up
 * here, so the A&amp;E, RTT and spell generators need know nothing about the register.
 */
final class Levers {
    /** Model quantities that can be shifted. */
    enum Lever {
        /** Type 1 A&amp;E proportion within 4 hours (fraction). */
        AE_TYPE1_WITHIN_4H,
        /** RTT proportion of the incomplete list within 18 weeks (fraction). */
        RTT_WITHIN_18,
        /** RTT proportion of the incomplete list waiting over 52 weeks (fraction). */
        RTT_OVER_52,
        /** Probability that an eligible discharge is followed by an emergency readmission in 0–29 days (fraction). */
        READMIT_30D,
        /** Mean length of stay of ordinary (CLASSPAT 1) spells, in days. */
        LOS_DAYS
    }

    /**
     * One shift.
     *
     * @param trustCode trust it applies to, or null when it applies to a whole region
     * @param regionCode region it applies to when {@code trustCode} is null
     * @param from first month
     * @param until last month (inclusive), or null when permanent
     * @param rampMonths months to reach full size (1 = immediately)
     * @param delta full size of the shift
     */
    record Shift(
            Lever lever,
            String trustCode,
            String regionCode,
            YearMonth from,
            YearMonth until,
            int rampMonths,
            double delta) {}

    private final List<Shift> shifts = new ArrayList<>();

    void add(Shift s) {
        shifts.add(s);
    }

    List<Shift> all() {
        return List.copyOf(shifts);
    }

    /** A copy holding every shift but {@code excluded} (the counterfactual of one intervention). */
    Levers without(Shift excluded) {
        Levers copy = new Levers();
        for (Shift s : shifts) {
            if (s != excluded) {
                copy.add(s);
            }
        }
        return copy;
    }

    /** Sum of the shifts of {@code lever} for {@code trust} in {@code month}. */
    double at(Lever lever, Organisations.Trust trust, YearMonth month) {
        double total = 0;
        for (Shift s : shifts) {
            if (s.lever() != lever || month.isBefore(s.from()) || (s.until() != null && month.isAfter(s.until()))) {
                continue;
            }
            boolean applies = s.trustCode() != null
                    ? s.trustCode().equals(trust.code())
                    : s.regionCode().equals(trust.region().code());
            if (applies) {
                long elapsed = s.from().until(month, java.time.temporal.ChronoUnit.MONTHS) + 1;
                total += s.delta() * Math.min(1.0, elapsed / (double) Math.max(1, s.rampMonths()));
            }
        }
        return total;
    }
}
