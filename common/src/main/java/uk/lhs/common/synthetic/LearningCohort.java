package uk.lhs.common.synthetic;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Several trusts sharing one intervention type, with a known common effect and a known spread: the ground truth of
 * gold.learning. Each site's effect is drawn as theta_i ~ N(mu, tau^2) from the generator's own seeded stream
 * ({@code learning}), and each site is its own register entry ({@code INT-101}, {@code INT-102}, ...) of type
 * {@value #TYPE} on {@value #INDICATOR}, with auto comparators, a {@value #RAMP}-month implementation period and
 * starts staggered over three months from the register's common start (as a programme rolls out). The true
 * per-site effects (the injected shift as the indicator sees it, {@link TrueEffects}) go to
 * {@code truth/intervention_effects.csv} with scenario {@code learning}; (type, indicator, mu, tau, sites) go to
 * {@code truth/learning.csv}. Sites are trusts in no scope or comparator list of another entry on an RTT indicator (a
 * system scope counts every trust of the system): first trusts already in entries on other indicators (A&amp;E,
 * readmissions, length of stay: their shifts move other series), then uninvolved ones, each group from the end of the
 * register's shuffled pool, leaving {@value #FREE} uninvolved trusts free for the generator's injected defects. With
 * fewer than {@value #MIN_SITES} sites there is no cohort (header only).
 *
 * @param type the intervention type written as {@code type:}
 * @param indicator the indicator the sites move
 * @param mu the common (mean) effect, in the indicator's units
 * @param tau the between-site standard deviation of the effects
 * @param sites the trust codes, in register order
 */
record LearningCohort(String type, String indicator, double mu, double tau, List<String> sites) {
    /** Intervention type of the cohort. */
    static final String TYPE = "validation_of_waiting_lists";
    /** Indicator the cohort moves (a fraction). */
    static final String INDICATOR = "rtt_18wk";
    /** Common effect: +3 percentage points within 18 weeks. */
    static final double MU = 0.03;
    /** Between-site spread: SD 1.5 percentage points. */
    static final double TAU = 0.015;
    /** Sites wanted. */
    static final int SITES = 9;
    /** Fewest sites worth pooling (gold.learning pools two or more). */
    static final int MIN_SITES = 2;
    /** Candidate trusts left out of every entry: the generator's injected defects go to uninvolved trusts. */
    static final int FREE = 2;
    /** Implementation months of every site. */
    static final int RAMP = 2;
    /** First register id number of the cohort (INT-101). */
    static final int FIRST_ID = 101;
    /** Header of {@code truth/learning.csv}. */
    static final String HEADER = "intervention_type,indicator_id,mu,tau,k,sites";

    LearningCohort {
        sites = List.copyOf(sites);
    }

    /**
     * Plans the cohort and adds its entries and shifts to the register being built.
     *
     * @param opts generator options (seed)
     * @param orgs the organisations
     * @param pool the register's trusts (no merger trust), in its shuffled order
     * @param start the register's common start month
     * @param b the register builder, holding the other entries
     */
    static LearningCohort plan(
            GeneratorOptions opts,
            Organisations orgs,
            List<Organisations.Trust> pool,
            YearMonth start,
            SyntheticRegister.Builder b) {
        // Trusts in an entry on an RTT indicator (scope or comparators) are out; trusts in entries on other
        // indicators come first (their other shifts move other series), then uninvolved ones, of which FREE stay free.
        Set<String> rtt = new HashSet<>();
        Set<String> involved = new HashSet<>();
        for (PlannedIntervention i : b.interventions) {
            Set<String> codes = new HashSet<>(i.scopeTrusts());
            codes.addAll(i.comparatorCodes());
            if (i.scopeSystem() != null) {
                orgs.trusts().stream()
                        .filter(t -> t.icb().code().equals(i.scopeSystem()))
                        .forEach(t -> codes.add(t.code()));
            }
            involved.addAll(codes);
            if (i.indicators().stream().anyMatch(ind -> ind.startsWith("rtt_"))) {
                rtt.addAll(codes);
            }
        }
        List<Organisations.Trust> candidates = new ArrayList<>();
        for (boolean alreadyInvolved : new boolean[] {true, false}) {
            for (int i = pool.size() - 1; i >= 0; i--) {
                Organisations.Trust t = pool.get(i);
                if (!rtt.contains(t.code()) && involved.contains(t.code()) == alreadyInvolved) {
                    candidates.add(t);
                }
            }
        }
        long uninvolved =
                candidates.stream().filter(t -> !involved.contains(t.code())).count();
        int k = (int) Math.min(SITES, candidates.size() - Math.min(FREE, uninvolved));
        if (k < MIN_SITES) {
            return new LearningCohort(TYPE, INDICATOR, MU, TAU, List.of());
        }
        List<Organisations.Trust> chosen = candidates.subList(0, k);
        SplittableRandom r = Seeds.stream(opts.seed(), "learning", 0);
        List<String> codes = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            Organisations.Trust t = chosen.get(j);
            double theta = MU + TAU * Seeds.normal(r);
            b.trustIntervention(
                    new PlannedIntervention(
                            String.format(java.util.Locale.ROOT, "INT-%03d", FIRST_ID + j),
                            "Validation of the waiting list",
                            List.of(t.code()),
                            null,
                            List.of(INDICATOR),
                            start.plusMonths(j % 3),
                            RAMP,
                            "increase",
                            "auto",
                            List.of(),
                            "One of " + k + " trusts in a shared validation programme.",
                            TYPE),
                    t,
                    Levers.Lever.RTT_WITHIN_18,
                    theta,
                    "learning");
            codes.add(t.code());
        }
        return new LearningCohort(TYPE, INDICATOR, MU, TAU, codes);
    }

    /** Writes {@code truth/learning.csv} (sites separated by ';'); returns data rows (0 or 1). */
    int write(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        if (!sites.isEmpty()) {
            lines.add(String.join(
                    ",",
                    type,
                    indicator,
                    SyntheticRegister.decimal(mu),
                    SyntheticRegister.decimal(tau),
                    Integer.toString(sites.size()),
                    String.join(";", sites)));
        }
        CsvText.writeLines(file, lines, "\n");
        return lines.size() - 1;
    }
}
