package uk.lhs.common.synthetic;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Programmes rolled out across trusts at different months (staggered adoption) for the synthetic register, with
 * their ground truth. Two programmes on {@code rtt_18wk} (lever {@link Levers.Lever#RTT_WITHIN_18}): PRG-001 reaches
 * three cohorts of trusts at different months, and its effect grows linearly with time since adoption over
 * {@value #RAMP_MONTHS} months to a full size that differs by cohort ({@link #COHORT_EFFECTS}: earlier cohorts gain
 * more), so TWFE is biased; PRG-002 reaches two cohorts and does nothing (the null case). Neither has implementation
 * months, so each trust's first post month is its start.
 *
 * <p>Trusts are drawn (own seeded stream) from those not reserved (the merger pair, RTT interventions' trusts and
 * comparators), preferring trusts already in another register entry (on A&amp;E, readmission or length of stay, which
 * these levers do not touch) so the trusts free for injected defects stay as many as before.
 *
 * <p>Truth ({@code truth/programme_effects.csv}): the true ATT(g,t) of a cohort in a month is the mean over its trusts
 * of the expected 18-week share with every shift minus without the trust's programme shift (the generator's draws
 * replayed, as {@link TrueEffects}); it is aggregated exactly as Callaway and Sant'Anna (2021, §4) and R {@code did}'s
 * {@code aggte} do, with cohort sizes as weights: by cohort (mean of its post-adoption months), by event time
 * (cohorts weighted by size), simple (post-adoption cells weighted by cohort size) and the overall values.
 */
final class ProgrammeRollouts {
    /** Header of {@code truth/programme_effects.csv}. */
    static final String TRUTH_HEADER = "programme_id,indicator_id,aggregation,cell,true_effect,scenario";
    /** Indicator of both programmes. */
    static final String INDICATOR = "rtt_18wk";
    /** Months over which PRG-001's effect grows to its full size at a trust. */
    static final int RAMP_MONTHS = 18;
    /** Full effect (18-week share, fraction) of PRG-001 by cohort, earliest first. */
    static final double[] COHORT_EFFECTS = {0.10, 0.04, 0.01};

    /** One planned programme: register fields, cohorts and the shift of each trust. */
    record Programme(
            String id,
            String title,
            String notes,
            String scenario,
            Map<YearMonth, List<Organisations.Trust>> cohorts,
            Map<String, Levers.Shift> shifts) {}

    private final List<Programme> programmes;
    private final GeneratorOptions opts;
    private final Organisations orgs;

    private ProgrammeRollouts(List<Programme> programmes, GeneratorOptions opts, Organisations orgs) {
        this.programmes = List.copyOf(programmes);
        this.opts = opts;
        this.orgs = orgs;
    }

    /** The programmes planned. */
    List<Programme> programmes() {
        return programmes;
    }

    /**
     * Plans the programmes and adds their shifts to {@code levers}.
     *
     * @param reserved trust codes not to use (RTT interventions' trusts and comparators, the merger pair)
     * @param preferred trust codes to use first (in other interventions on unrelated indicators)
     */
    static ProgrammeRollouts plan(
            GeneratorOptions opts, Organisations orgs, Levers levers, Set<String> reserved, Set<String> preferred) {
        SplittableRandom r = Seeds.stream(opts.seed(), "programmes", 0);
        List<Organisations.Trust> first = new ArrayList<>();
        List<Organisations.Trust> then = new ArrayList<>();
        for (Organisations.Trust t : orgs.trusts()) {
            if (!reserved.contains(t.code()) && t.closeMonth() == null) {
                (preferred.contains(t.code()) ? first : then).add(t);
            }
        }
        shuffle(first, r);
        shuffle(then, r);
        List<Organisations.Trust> pool = new ArrayList<>(first);
        pool.addAll(then);
        // Trusts per PRG-001 cohort: a sixth of the free trusts, 1 to 10, so the programme reaches a good share of all
        // trusts (the share that biases TWFE); PRG-002's cohorts are half that size; comparison trusts must remain.
        int perCohort = Math.max(1, Math.min(10, pool.size() / 6));
        int perNullCohort = Math.max(1, perCohort / 2);
        if (pool.size() < 3 * perCohort + 2 * perNullCohort + 2) {
            return new ProgrammeRollouts(List.of(), opts, orgs);
        }
        // Cohort starts: from a third of the way in, spaced so the last leaves at least two months after it.
        int s0 = Math.max(3, opts.months() / 3);
        int step = Math.max(1, (opts.months() - s0 - 2) / 3);
        List<Programme> out = new ArrayList<>();
        int next = 0;
        Map<YearMonth, List<Organisations.Trust>> effect = new LinkedHashMap<>();
        Map<String, Levers.Shift> shifts = new LinkedHashMap<>();
        for (int c = 0; c < COHORT_EFFECTS.length; c++) {
            YearMonth start = opts.month(s0 + c * step);
            List<Organisations.Trust> cohort = new ArrayList<>(pool.subList(next, next + perCohort));
            next += perCohort;
            effect.put(start, cohort);
            for (Organisations.Trust t : cohort) {
                Levers.Shift s = new Levers.Shift(
                        Levers.Lever.RTT_WITHIN_18, t.code(), null, start, null, RAMP_MONTHS, COHORT_EFFECTS[c]);
                levers.add(s);
                shifts.put(t.code(), s);
            }
        }
        out.add(new Programme(
                "PRG-001",
                "Elective waiting-list validation and booking hub spread",
                "Staggered rollout in three waves; benefits build over the first year at each trust.",
                "heterogeneous",
                effect,
                shifts));
        Map<YearMonth, List<Organisations.Trust>> none = new LinkedHashMap<>();
        for (int c = 0; c < 2; c++) {
            YearMonth start = opts.month(s0 + step / 2 + c * step);
            none.put(start, new ArrayList<>(pool.subList(next, next + perNullCohort)));
            next += perNullCohort;
        }
        out.add(new Programme(
                "PRG-002",
                "Referral-management app rollout",
                "Staggered rollout in two waves.",
                "null",
                none,
                Map.of()));
        return new ProgrammeRollouts(out, opts, orgs);
    }

    private static void shuffle(List<Organisations.Trust> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Organisations.Trust tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }

    /** Codes of every rollout trust. */
    Set<String> trusts() {
        Set<String> out = new java.util.HashSet<>();
        for (Programme p : programmes) {
            p.cohorts().values().forEach(c -> c.forEach(t -> out.add(t.code())));
        }
        return out;
    }

    /** The register entries, as YAML lines (appended to {@code interventions.yaml}). */
    List<String> yamlLines() {
        List<String> lines = new ArrayList<>();
        for (Programme p : programmes) {
            lines.add("- id: " + p.id());
            lines.add("  title: \"" + p.title() + "\"");
            lines.add("  rollout:");
            p.cohorts()
                    .forEach((start, trusts) -> trusts.forEach(
                            t -> lines.add("    - {trust: " + t.code() + ", start: \"" + start + "\"}")));
            lines.add("  indicators: [" + INDICATOR + "]");
            lines.add("  implementation_months: 0");
            lines.add("  expected_direction: increase");
            lines.add("  comparators: auto");
            lines.add("  notes: \"" + p.notes() + "\"");
        }
        return lines;
    }

    /** Writes {@code truth/programme_effects.csv} with every shift in {@code levers} known; returns rows. */
    int writeTruth(Path file, Levers levers) {
        List<String> lines = new ArrayList<>();
        lines.add(TRUTH_HEADER);
        for (Programme p : programmes) {
            for (Map.Entry<String, Double> e : truth(p, levers).entrySet()) {
                String[] k = e.getKey().split("\\|");
                lines.add(String.join(
                        ",", p.id(), INDICATOR, k[0], k[1], SyntheticRegister.decimal(e.getValue()), p.scenario()));
            }
        }
        CsvText.writeLines(file, lines, "\n");
        return lines.size() - 1;
    }

    /** "aggregation|cell" → true value, cells named as in gold.programme_effects. */
    Map<String, Double> truth(Programme p, Levers levers) {
        int last = opts.months() - 1;
        TreeMap<YearMonth, double[]> att = new TreeMap<>(); // cohort -> ATT by month index (NaN before adoption)
        TreeMap<YearMonth, Integer> size = new TreeMap<>();
        for (Map.Entry<YearMonth, List<Organisations.Trust>> c : p.cohorts().entrySet()) {
            double[] a = new double[opts.months()];
            int g = index(c.getKey());
            for (int i = 0; i <= last; i++) {
                if (i < g) {
                    a[i] = Double.NaN;
                    continue;
                }
                double sum = 0;
                for (Organisations.Trust t : c.getValue()) {
                    Levers.Shift s = p.shifts().get(t.code());
                    if (s != null) {
                        YearMonth m = opts.month(i);
                        sum += RttGenerator.latent(opts.seed(), orgs, levers, t, m, i)
                                        .within18Share()
                                - RttGenerator.latent(opts.seed(), orgs, levers.without(s), t, m, i)
                                        .within18Share();
                    }
                }
                a[i] = sum / c.getValue().size();
            }
            att.put(c.getKey(), a);
            size.put(c.getKey(), c.getValue().size());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        // group: each cohort's mean post-adoption ATT; overall weights cohorts by size.
        double groupNum = 0;
        double groupDen = 0;
        double simpleNum = 0;
        double simpleDen = 0;
        for (Map.Entry<YearMonth, double[]> c : att.entrySet()) {
            int g = index(c.getKey());
            double sum = 0;
            for (int i = g; i <= last; i++) {
                sum += c.getValue()[i];
                simpleNum += size.get(c.getKey()) * c.getValue()[i];
                simpleDen += size.get(c.getKey());
            }
            double theta = sum / (last - g + 1);
            out.put("group|g=" + c.getKey(), theta);
            groupNum += size.get(c.getKey()) * theta;
            groupDen += size.get(c.getKey());
        }
        out.put("group|overall", groupNum / groupDen);
        out.put("simple|overall", simpleNum / simpleDen);
        // dynamic: each event time e >= 0, cohorts observed at g + e weighted by size; overall the mean over e >= 0.
        int maxE = last - index(att.firstKey());
        double dynSum = 0;
        for (int e = 0; e <= maxE; e++) {
            double num = 0;
            double den = 0;
            for (Map.Entry<YearMonth, double[]> c : att.entrySet()) {
                int i = index(c.getKey()) + e;
                if (i <= last) {
                    num += size.get(c.getKey()) * c.getValue()[i];
                    den += size.get(c.getKey());
                }
            }
            out.put("dynamic|e=" + e, num / den);
            dynSum += num / den;
        }
        out.put("dynamic|overall", dynSum / (maxE + 1));
        return out;
    }

    private int index(YearMonth m) {
        return (int) opts.startMonth().until(m, java.time.temporal.ChronoUnit.MONTHS);
    }
}
