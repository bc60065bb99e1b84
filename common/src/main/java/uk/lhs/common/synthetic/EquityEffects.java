package uk.lhs.common.synthetic;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.lhs.common.evaluation.equity.EquityEvaluator;

/**
 * Quintile-specific intervention effects and the equity ground truth.
 *
 * <p>Plans one extra intervention ({@link #ID}, readmit_30d) whose effect is concentrated in the most deprived:
 * from its start, ramping over its implementation months, the readmission probability of a counted discharge from the
 * trust falls by {@link #DELTAS}[q] in IMD quintile q+1 (deciles 1–2 → quintile 1) and not at all in quintiles 3–5,
 * so the gap between the most and least deprived narrows. The trust is the largest of the register's spare trusts
 * (outside the secular region and the readmission system); it is not added to the trusts kept free of file defects,
 * so the other interventions' data and the chosen defects are those of a register without it.
 *
 * <p>Truth ({@code truth/equity_effects.csv}): while the spells are generated, every counted discharge records the
 * readmission shift actually applied to it (every injected shift, after the clamp to [0, 1], so an additive effect
 * larger than a patient's own probability counts only as far as it goes) by trust, discharge month and quintile. For
 * every readmit_30d intervention (this one, the null case and the system-wide one, at each trust and the system
 * aggregate) the truth of a quintile is the mean over the post-period months of the month's mean applied shift; of
 * the gap, that of quintile 1 minus that of quintile 5; of the SII, the mean over the post months of the month's
 * slope index of the shifts weighted by the quintiles' discharges (the SII is linear in the values for given shares),
 * and of {@code all} the month's mean over every discharge. These are the estimands of the interrupted time series in
 * {@code gold.intervention_equity}.
 */
final class EquityEffects {
    /** Register id of the equity intervention. */
    static final String ID = "INT-011";
    /** The indicator it moves. */
    static final String INDICATOR = "readmit_30d";
    /** Change in the readmission probability by IMD quintile (1 = most deprived first). */
    static final double[] DELTAS = {-0.05, -0.025, 0, 0, 0};
    /** Months over which the effect ramps up (the register's implementation months). */
    static final int RAMP = 3;
    /** Header of {@code truth/equity_effects.csv}. */
    static final String TRUTH_HEADER = "intervention_id,org_level,org_code,indicator_id,subgroup,true_effect";

    private final PlannedIntervention intervention;
    private final String trustCode;
    /** Scopes of every readmit_30d intervention: id → {level, code, member trust codes..., first post month}. */
    private final List<Scope> scopes;
    /** trust|month|quintile → {discharges, summed applied shift}. */
    private final Map<String, double[]> applied = new HashMap<>();

    private final GeneratorOptions opts;

    /** One organisation a readmit_30d intervention is evaluated at. */
    private record Scope(String id, String level, String code, List<String> members, YearMonth firstPost) {}

    private EquityEffects(
            GeneratorOptions opts, PlannedIntervention intervention, String trustCode, List<Scope> scopes) {
        this.opts = opts;
        this.intervention = intervention;
        this.trustCode = trustCode;
        this.scopes = scopes;
    }

    /** Equity effects that inject nothing (a register without the spare trust it needs). */
    static EquityEffects none(GeneratorOptions opts) {
        return new EquityEffects(opts, null, null, List.of());
    }

    /**
     * Plans the equity intervention and the truth scopes of every readmit_30d intervention of the register.
     *
     * @param spare trusts not used by the register's other interventions (in the register's shuffled order)
     * @param planned the register's other interventions
     * @param start the register's common start month
     */
    static EquityEffects plan(
            GeneratorOptions opts,
            Organisations orgs,
            List<Organisations.Trust> spare,
            List<PlannedIntervention> planned,
            YearMonth start) {
        Organisations.Trust trust = spare.stream()
                .max(Comparator.comparingDouble(Organisations.Trust::size))
                .orElse(null);
        PlannedIntervention intervention = trust == null
                ? null
                : new PlannedIntervention(
                        ID,
                        "Post-discharge follow-up for patients from the most deprived areas",
                        List.of(trust.code()),
                        null,
                        List.of(INDICATOR),
                        start,
                        RAMP,
                        "decrease",
                        "auto",
                        List.of(),
                        "Telephone follow-up within 72 hours, targeted at IMD deciles 1-4.");
        List<PlannedIntervention> all = new ArrayList<>(planned);
        if (intervention != null) {
            all.add(intervention);
        }
        List<Scope> scopes = new ArrayList<>();
        for (PlannedIntervention i : all) {
            if (!i.indicators().contains(INDICATOR)) {
                continue;
            }
            YearMonth firstPost = i.start().plusMonths(i.implementationMonths());
            if (i.scopeSystem() == null) {
                for (String t : i.scopeTrusts()) {
                    scopes.add(new Scope(i.id(), "trust", t, List.of(t), firstPost));
                }
            } else {
                List<String> members = orgs.trusts().stream()
                        .filter(t -> t.icb().code().equals(i.scopeSystem()) && t.closeMonth() == null)
                        .map(Organisations.Trust::code)
                        .toList();
                scopes.add(new Scope(i.id(), "system", i.scopeSystem(), members, firstPost));
                for (String t : members) {
                    scopes.add(new Scope(i.id(), "trust", t, List.of(t), firstPost));
                }
            }
        }
        return new EquityEffects(opts, intervention, trust == null ? null : trust.code(), scopes);
    }

    /** The planned equity intervention, or null when there was no spare trust. */
    PlannedIntervention intervention() {
        return intervention;
    }

    /**
     * The readmission probability of a counted discharge with the equity effect applied; records the total shift.
     *
     * @param provider the discharging trust
     * @param month the discharge month
     * @param imdDecile the patient's IMD decile (1 most deprived)
     * @param base the probability without any injected shift
     * @param shifted the probability with the register's other shifts, already clamped to [0, 1]
     * @return the probability to draw with
     */
    double readmission(Organisations.Trust provider, YearMonth month, int imdDecile, double base, double shifted) {
        int q = (imdDecile - 1) / 2;
        double p = shifted;
        if (provider.code().equals(trustCode) && !month.isBefore(intervention.start()) && DELTAS[q] != 0) {
            long elapsed = intervention.start().until(month, java.time.temporal.ChronoUnit.MONTHS) + 1;
            p = Math.max(0, Math.min(1, p + DELTAS[q] * Math.min(1.0, elapsed / (double) RAMP)));
        }
        double[] a = applied.computeIfAbsent(provider.code() + "|" + month + "|" + q, k -> new double[2]);
        a[0]++;
        a[1] += p - base;
        return p;
    }

    /**
     * Appends the equity intervention's whole-trust truth (stratum {@code all}, scenario {@code effect}) to
     * {@code truth/intervention_effects.csv}, known only once the spells are written; returns rows appended.
     */
    int appendOverallTruth(Path file) {
        for (Scope s : scopes) {
            if (s.id().equals(ID)) {
                String line =
                        String.join(",", ID, s.code(), INDICATOR, SyntheticRegister.decimal(truth(s)[7]), "effect");
                try {
                    java.nio.file.Files.writeString(
                            file,
                            line + "\n",
                            java.nio.charset.StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.APPEND);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
                }
                return 1;
            }
        }
        return 0;
    }

    /** Writes {@code truth/equity_effects.csv} (after the spells); returns rows. */
    int writeTruth(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(TRUTH_HEADER);
        for (Scope s : scopes) {
            double[] truth = truth(s);
            String[] names = {"imd_q1", "imd_q2", "imd_q3", "imd_q4", "imd_q5", "gap_q1_q5", "sii", "all"};
            for (int k = 0; k < names.length; k++) {
                lines.add(String.join(
                        ",", s.id(), s.level(), s.code(), INDICATOR, names[k], SyntheticRegister.decimal(truth[k])));
            }
        }
        CsvText.writeLines(file, lines, "\n");
        return lines.size() - 1;
    }

    /** The truth of one scope: quintiles 1-5, gap, SII, all. */
    private double[] truth(Scope s) {
        double[] sums = new double[8]; // q1..q5, gap, sii, all
        int months = 0;
        for (int i = 0; i < opts.months(); i++) {
            YearMonth m = opts.month(i);
            if (m.isBefore(s.firstPost())) {
                continue;
            }
            double[] n = new double[5];
            double[] shift = new double[5];
            for (String t : s.members()) {
                for (int q = 0; q < 5; q++) {
                    double[] a = applied.getOrDefault(t + "|" + m + "|" + q, new double[2]);
                    n[q] += a[0];
                    shift[q] += a[1];
                }
            }
            double total = 0;
            double totalShift = 0;
            boolean complete = true;
            for (int q = 0; q < 5; q++) {
                complete &= n[q] > 0;
                total += n[q];
                totalShift += shift[q];
                shift[q] = n[q] > 0 ? shift[q] / n[q] : 0;
            }
            if (!complete) {
                continue; // as in the evaluation, a month without every quintile is a gap
            }
            for (int q = 0; q < 5; q++) {
                sums[q] += shift[q];
            }
            sums[5] += shift[0] - shift[4];
            sums[6] += EquityEvaluator.slopeIndex(shift, n);
            sums[7] += totalShift / total;
            months++;
        }
        double[] out = new double[sums.length];
        for (int k = 0; k < sums.length; k++) {
            out[k] = months == 0 ? 0 : sums[k] / months;
        }
        return out;
    }
}
