package uk.lhs.common.synthetic;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The synthetic interventions register, the ground truth of what each intervention really did, and the shifts
 * ({@link Levers}) the generators inject. Covers every scenario of {@link PlannedIntervention#SCENARIOS}: a real
 * effect, a null effect, regression to the mean (a start right after injected bad months, no real effect), two
 * concurrent interventions on the same trust and indicator, and a secular change (the whole region moves at the start,
 * the intervention itself does nothing). Named apart from {@code evaluation.register.InterventionRegister}, the
 * register the pipeline reads: this one is what the generator plans and writes as {@code interventions.yaml}.
 *
 * @param interventions the register, in id order
 * @param truth one row per intervention x organisation x indicator
 * @param levers every injected shift
 * @param involvedTrusts codes of trusts in any intervention scope or comparator list (kept free of other defects)
 * @param learning the trusts sharing one intervention type and its known common effect and spread
 * @param equity the quintile-specific effects and the equity truth ({@link EquityEffects}; its intervention is last in
 *     {@code interventions})
 * @param programmes the staggered programmes (entries with a rollout) and their truth
 */
record SyntheticRegister(
        List<PlannedIntervention> interventions,
        List<PlannedIntervention.TrueEffect> truth,
        Levers levers,
        Set<String> involvedTrusts,
        LearningCohort learning,
        EquityEffects equity,
        ProgrammeRollouts programmes) {

    /** Header of {@code truth/intervention_effects.csv}. */
    static final String TRUTH_HEADER = "intervention_id,org_code,indicator_id,true_effect,scenario";
    /** Header of {@code truth/trust_readmission_effects.csv}. */
    static final String READMISSION_HEADER = "org_code,log_odds_effect";
    /** Size of the injected "unusually bad" months before the regression-to-the-mean case (type 1 4-hour fraction). */
    static final double RTM_DIP = -0.10;
    /** Months of injected bad performance before the regression-to-the-mean case. */
    static final int RTM_MONTHS = 3;
    /** Months from the common start to the last intervention's first post-period month (INT-005: 2 + 4). */
    static final int LATEST_POST_OFFSET = 6;
    /** Region-wide change of the type 1 4-hour fraction in the secular scenario. */
    static final double SECULAR_SHIFT = 0.04;

    /** Builds the register for the organisations (deterministic in the seed). */
    static SyntheticRegister build(GeneratorOptions opts, Organisations orgs) {
        SplittableRandom r = Seeds.stream(opts.seed(), "interventions", 0);
        // The latest first post-period month is start + 2 (INT-005's later start) + 4 (its ramp): keep it in the data,
        // so every intervention has months on both sides even for the shortest series (--months 12).
        int s = Math.min(Math.max(RTM_MONTHS + 3, opts.months() - 12), opts.months() - 1 - LATEST_POST_OFFSET);
        YearMonth start = opts.month(s);
        Set<Organisations.Trust> excluded =
                new HashSet<>(List.of(orgs.merger().closing(), orgs.merger().successor()));
        List<Organisations.Trust> pool = new ArrayList<>(orgs.trusts());
        pool.removeAll(excluded);
        // Fisher–Yates with the register's own stream.
        for (int i = pool.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Organisations.Trust tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
        }
        Organisations.Trust secularAnchor = pool.get(0);
        Organisations.Icb secularSystem = secularAnchor.icb();
        Organisations.Region secularRegion = secularAnchor.region();
        Organisations.Icb readmitSystem = pool.stream()
                .map(Organisations.Trust::icb)
                .filter(icb -> !icb.region().equals(secularRegion))
                .findFirst()
                .orElseThrow();
        List<Organisations.Trust> single = pool.stream()
                .filter(t -> !t.region().equals(secularRegion) && !t.icb().equals(readmitSystem))
                .toList();
        if (single.size() < 7) {
            throw new IllegalStateException("too few trusts for the register; use more --trusts");
        }
        Organisations.Trust aeEffect = single.get(0);
        Organisations.Trust aeNull = single.get(1);
        Organisations.Trust aeRtm = single.get(2);
        Organisations.Trust rttConcurrent = single.get(3);
        Organisations.Trust readmitNull = single.get(4);
        Organisations.Trust losEffect = single.get(5);
        Organisations.Trust rtt52 = single.get(6);
        List<String> rtt52Comparators = orgs.trusts().stream()
                .filter(t -> t.region().equals(rtt52.region()) && t != rtt52 && !excluded.contains(t))
                .limit(3)
                .map(Organisations.Trust::code)
                .toList();

        // The clean "effect" and "null" cases draw their comparators from their own region, which is never the region
        // of
        // the unregistered secular change: a comparator pool contaminated by another change is a real threat (flagged
        // by
        // SECULAR_TREND and COMPARATOR_DIVERGENCE), but it would blur the coverage figures these cases are for.
        Builder b = new Builder(orgs);
        b.trustIntervention(
                "INT-001",
                "Rapid assessment and treatment in the emergency department",
                aeEffect,
                List.of("ae_4hr_type1", "ae_4hr_all"),
                start,
                3,
                "increase",
                "same_region",
                List.of(),
                "Senior triage at the front door of the type 1 department.",
                Levers.Lever.AE_TYPE1_WITHIN_4H,
                0.05,
                "effect");
        b.trustIntervention(
                "INT-002",
                "Same-day emergency care expansion",
                aeNull,
                List.of("ae_4hr_type1"),
                start.plusMonths(1),
                2,
                "increase",
                "same_region",
                List.of(),
                "Longer SDEC opening hours.",
                Levers.Lever.AE_TYPE1_WITHIN_4H,
                0.0,
                "null");
        b.trustIntervention(
                "INT-003",
                "Emergency department recovery plan after a poor winter",
                aeRtm,
                List.of("ae_4hr_type1"),
                start,
                1,
                "increase",
                "auto",
                List.of(),
                "Launched in response to a poor run of months.",
                Levers.Lever.AE_TYPE1_WITHIN_4H,
                0.0,
                "rtm");
        b.levers.add(new Levers.Shift(
                Levers.Lever.AE_TYPE1_WITHIN_4H,
                aeRtm.code(),
                null,
                start.minusMonths(RTM_MONTHS),
                start.minusMonths(1),
                1,
                RTM_DIP));
        b.trustIntervention(
                "INT-004",
                "Validation of the elective waiting list",
                rttConcurrent,
                List.of("rtt_18wk"),
                start,
                2,
                "increase",
                "auto",
                List.of(),
                "Administrative validation of the admitted and non-admitted lists.",
                Levers.Lever.RTT_WITHIN_18,
                0.03,
                "concurrent");
        b.trustIntervention(
                "INT-005",
                "Elective surgical hub opening",
                rttConcurrent,
                List.of("rtt_18wk"),
                start.plusMonths(2),
                4,
                "increase",
                "auto",
                List.of(),
                "Overlaps INT-004 on the same trust.",
                Levers.Lever.RTT_WITHIN_18,
                0.02,
                "concurrent");
        b.trustIntervention(
                "INT-006",
                "Long-waiter clearance initiative",
                rtt52,
                List.of("rtt_52wk"),
                start,
                3,
                "decrease",
                null,
                rtt52Comparators,
                "Insourcing for patients waiting over a year.",
                Levers.Lever.RTT_OVER_52,
                -0.012,
                "effect");
        b.trustIntervention(
                "INT-007",
                "Frailty same-day clinic",
                readmitNull,
                List.of("readmit_30d"),
                start.plusMonths(1),
                2,
                "decrease",
                "auto",
                List.of(),
                "Geriatrician review before discharge.",
                Levers.Lever.READMIT_30D,
                0.0,
                "null");
        b.trustIntervention(
                "INT-008",
                "Ward-based discharge coordinators",
                losEffect,
                List.of("los_mean"),
                start,
                3,
                "decrease",
                "auto",
                List.of(),
                "Discharge coordinators on every adult ward.",
                Levers.Lever.LOS_DAYS,
                -0.6,
                "effect");
        b.systemIntervention(
                "INT-009",
                "System-wide urgent care coordination hub",
                secularSystem,
                List.of("ae_4hr_type1"),
                start,
                2,
                "increase",
                "auto",
                "One hub coordinating 111, ambulance and emergency department capacity.",
                Levers.Lever.AE_TYPE1_WITHIN_4H,
                0.0,
                "secular");
        b.levers.add(new Levers.Shift(
                Levers.Lever.AE_TYPE1_WITHIN_4H, null, secularRegion.code(), start, null, 2, SECULAR_SHIFT));
        b.systemIntervention(
                "INT-010",
                "Discharge-to-assess and virtual wards",
                readmitSystem,
                List.of("readmit_30d"),
                start,
                3,
                "decrease",
                "same_region",
                "Step-down beds and virtual-ward follow-up after discharge.",
                Levers.Lever.READMIT_30D,
                -0.02,
                "effect");

        // Programmes first (they need the most trusts: cohorts plus never-treated comparisons), then the learning
        // cohort on trusts no programme reaches: both move rtt_18wk, and one trust carrying both would mix the truths.
        Set<String> reserved = new HashSet<>(
                Set.of(orgs.merger().closing().code(), orgs.merger().successor().code()));
        reserved.addAll(List.of(rttConcurrent.code(), rtt52.code()));
        reserved.addAll(rtt52Comparators);
        Set<String> inEntries = new HashSet<>();
        for (PlannedIntervention i : b.interventions) {
            inEntries.addAll(i.scopeTrusts());
            inEntries.addAll(i.comparatorCodes());
        }
        ProgrammeRollouts programmes = ProgrammeRollouts.plan(opts, orgs, b.levers, reserved, Set.copyOf(inEntries));
        Set<String> programmeTrusts = programmes.trusts();
        List<Organisations.Trust> learningPool =
                pool.stream().filter(t -> !programmeTrusts.contains(t.code())).toList();
        LearningCohort learning = LearningCohort.plan(opts, orgs, learningPool, start, b);

        for (Builder.Pending pending : b.pending) {
            b.truth.add(pending.trueEffect(opts, orgs, b.levers));
        }
        Set<String> involved = new HashSet<>();
        for (PlannedIntervention i : b.interventions) {
            involved.addAll(i.scopeTrusts());
            involved.addAll(i.comparatorCodes());
        }
        for (PlannedIntervention.TrueEffect t : b.truth) {
            involved.add(t.orgCode());
        }
        involved.addAll(programmeTrusts);
        // Equity effects: planned after the trusts kept free of defects are known, so the rest is as without them.
        // Its trust is one no other entry, programme or learning cohort uses, so its truth is its own.
        List<Organisations.Trust> spare = single.subList(7, single.size()).stream()
                .filter(t -> !involved.contains(t.code()))
                .toList();
        EquityEffects equity = EquityEffects.plan(opts, orgs, spare, b.interventions, start);
        List<PlannedIntervention> all = new ArrayList<>(b.interventions);
        if (equity.intervention() != null) {
            all.add(equity.intervention());
        }
        return new SyntheticRegister(
                List.copyOf(all), List.copyOf(b.truth), b.levers, Set.copyOf(involved), learning, equity, programmes);
    }

    /** Accumulates interventions, truth rows and shifts. */
    static final class Builder {
        final Organisations orgs;
        final List<PlannedIntervention> interventions = new ArrayList<>();
        final List<PlannedIntervention.TrueEffect> truth = new ArrayList<>();
        final List<Pending> pending = new ArrayList<>();
        final Levers levers = new Levers();

        /** A truth row waiting for every shift to be known (its value depends on the others only through clamps). */
        record Pending(
                String id,
                Organisations.Trust trust,
                String indicator,
                Levers.Shift shift,
                YearMonth firstPost,
                String scenario) {
            PlannedIntervention.TrueEffect trueEffect(GeneratorOptions opts, Organisations orgs, Levers levers) {
                double effect = shift == null
                        ? 0
                        : TrueEffects.meanShift(opts, orgs, levers, shift, trust, indicator, firstPost);
                return new PlannedIntervention.TrueEffect(id, trust.code(), indicator, effect, scenario);
            }
        }

        Builder(Organisations orgs) {
            this.orgs = orgs;
        }

        void trustIntervention(
                String id,
                String title,
                Organisations.Trust trust,
                List<String> indicators,
                YearMonth start,
                int ramp,
                String direction,
                String comparatorMode,
                List<String> comparators,
                String notes,
                Levers.Lever lever,
                double delta,
                String scenario) {
            trustIntervention(
                    new PlannedIntervention(
                            id,
                            title,
                            List.of(trust.code()),
                            null,
                            indicators,
                            start,
                            ramp,
                            direction,
                            comparatorMode,
                            comparators,
                            notes),
                    trust,
                    lever,
                    delta,
                    scenario);
        }

        /** Adds {@code planned} (scoped to {@code trust} alone) and injects its shift. */
        void trustIntervention(
                PlannedIntervention planned,
                Organisations.Trust trust,
                Levers.Lever lever,
                double delta,
                String scenario) {
            String id = planned.id();
            List<String> indicators = planned.indicators();
            YearMonth start = planned.start();
            int ramp = planned.implementationMonths();
            interventions.add(planned);
            inject(id, trust, indicators, start, ramp, lever, delta, scenario);
        }

        void systemIntervention(
                String id,
                String title,
                Organisations.Icb system,
                List<String> indicators,
                YearMonth start,
                int ramp,
                String direction,
                String comparatorMode,
                String notes,
                Levers.Lever lever,
                double delta,
                String scenario) {
            interventions.add(new PlannedIntervention(
                    id,
                    title,
                    List.of(),
                    system.code(),
                    indicators,
                    start,
                    ramp,
                    direction,
                    comparatorMode,
                    List.of(),
                    notes));
            for (Organisations.Trust t : orgs.trusts()) {
                if (t.icb().equals(system) && t.closeMonth() == null) {
                    inject(id, t, indicators, start, ramp, lever, delta, scenario);
                }
            }
        }

        private void inject(
                String id,
                Organisations.Trust trust,
                List<String> indicators,
                YearMonth start,
                int ramp,
                Levers.Lever lever,
                double delta,
                String scenario) {
            Levers.Shift shift = null;
            if (delta != 0) {
                shift = new Levers.Shift(lever, trust.code(), null, start, null, ramp, delta);
                levers.add(shift);
            }
            for (String indicator : indicators) {
                // The post-period starts after the implementation (ramp) months, as in the register.
                pending.add(new Pending(id, trust, indicator, shift, start.plusMonths(ramp), scenario));
            }
        }
    }

    /** Writes {@code interventions.yaml}; returns the number of interventions. */
    int writeYaml(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("# Synthetic interventions register written by the LHS generator (ground truth in truth/).");
        for (PlannedIntervention i : interventions) {
            lines.add("- id: " + i.id());
            lines.add("  title: " + yamlString(i.title()));
            lines.add("  scope:");
            if (i.scopeSystem() != null) {
                lines.add("    system: " + i.scopeSystem());
            } else {
                lines.add("    trusts: [" + String.join(", ", i.scopeTrusts()) + "]");
            }
            lines.add("  indicators: [" + String.join(", ", i.indicators()) + "]");
            lines.add("  start: \"" + i.start() + "\"");
            lines.add("  implementation_months: " + i.implementationMonths());
            lines.add("  expected_direction: " + i.expectedDirection());
            lines.add("  comparators: "
                    + (i.comparatorMode() != null
                            ? i.comparatorMode()
                            : "[" + String.join(", ", i.comparatorCodes()) + "]"));
            lines.add("  notes: " + yamlString(i.notes()));
            if (i.type() != null) {
                lines.add("  type: " + i.type());
            }
        }
        lines.addAll(programmes.yamlLines());
        if (interventions.isEmpty() && programmes.programmes().isEmpty()) {
            lines.add("[]"); // no interventions: an explicit empty list (an empty register file is an error)
        }
        CsvText.writeLines(file, lines, "\n");
        return interventions.size() + programmes.programmes().size();
    }

    /** Writes {@code truth/intervention_effects.csv}; returns rows. */
    int writeTruth(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(TRUTH_HEADER);
        for (PlannedIntervention.TrueEffect t : truth) {
            lines.add(String.join(
                    ",", t.interventionId(), t.orgCode(), t.indicatorId(), decimal(t.trueEffect()), t.scenario()));
        }
        CsvText.writeLines(file, lines, "\n");
        return truth.size();
    }

    /** Trust codes per scenario (for reports and tests). */
    Set<String> trustsWithScenario(String scenario) {
        return truth.stream()
                .filter(t -> t.scenario().equals(scenario))
                .map(PlannedIntervention.TrueEffect::orgCode)
                .collect(Collectors.toSet());
    }

    /** A decimal with up to 6 places, no exponent, "-0" normalised. */
    static String decimal(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v == 0 ? 0.0 : v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    private static String yamlString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
