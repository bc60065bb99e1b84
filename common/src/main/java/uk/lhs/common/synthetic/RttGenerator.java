package uk.lhs.common.synthetic;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes {@code rtt/RTT-Incomplete-Provider-YYYY-MM.csv}: synthetic RTT incomplete pathways by provider and treatment
 * function in the format of the real Incomplete-Provider files (UTF-8 BOM, LF, {@code -} for zero, quoted thousands
 * separators, 23 treatment-function rows then the {@code C_999 Total} row per provider, rows in region then provider
 * order). Summary columns come from the bands by {@link RttStats}.
 *
 * <p>Model: a trust's list (20k–80k) splits over treatment functions; each function's waits are a mixture — within
 * 18 weeks with probability q18 (about 0.58, the 2024 national level), over 52 weeks with probability q52 (about
 * 0.03) and 18–52 weeks otherwise — spread over weekly bands with decaying weights.
 */
final class RttGenerator {
    /** Treatment function codes in file order (the total row C_999 is added after them). */
    static final String[] TF_CODES = {
        "C_100", "C_101", "C_110", "C_120", "C_130", "C_140", "C_150", "C_160", "C_170", "C_300", "C_301", "C_320",
        "C_330", "C_340", "C_400", "C_410", "C_430", "C_502", "X02", "X03", "X04", "X05", "X06"
    };
    /** Treatment function names, as in the real files. */
    static final String[] TF_NAMES = {
        "General Surgery Service",
        "Urology Service",
        "Trauma and Orthopaedic Service",
        "Ear Nose and Throat Service",
        "Ophthalmology Service",
        "Oral Surgery Service",
        "Neurosurgical Service",
        "Plastic Surgery Service",
        "Cardiothoracic Surgery Service",
        "General Internal Medicine Service",
        "Gastroenterology Service",
        "Cardiology Service",
        "Dermatology Service",
        "Respiratory Medicine Service",
        "Neurology Service",
        "Rheumatology Service",
        "Elderly Medicine Service",
        "Gynaecology Service",
        "Other - Medical Services",
        "Other - Mental Health Services",
        "Other - Paediatric Services",
        "Other - Surgical Services",
        "Other - Other Services"
    };
    /** Typical share of a trust's list in each function. */
    private static final double[] TF_SHARE = {
        0.07, 0.05, 0.10, 0.07, 0.08, 0.04, 0.01, 0.02, 0.005, 0.005, 0.06, 0.05, 0.05, 0.03, 0.03, 0.02, 0.005, 0.07,
        0.10, 0.002, 0.05, 0.05, 0.04
    };
    /** Function-specific offset of q18 (dermatology, ENT, gynaecology and oral surgery wait longer). */
    private static final double[] TF_Q18_OFFSET = {
        -0.02, -0.03, -0.03, -0.06, 0.03, -0.08, -0.02, 0.0, 0.05, 0.10, 0.0, 0.05, -0.06, 0.02, -0.02, 0.05, 0.12,
        -0.05, 0.03, 0.10, 0.02, 0.0, 0.05
    };
    /** Total row code and name. */
    static final String TOTAL_CODE = "C_999";

    static final String TOTAL_NAME = "Total";
    /** Column of the first band. */
    static final int FIRST_BAND_COLUMN = 5;

    private static final double Q18_BASE = 0.58;
    private static final double Q52_BASE = 0.03;

    private RttGenerator() {}

    /** The exact header of the real Incomplete-Provider files (without the BOM). */
    static String header() {
        List<String> h = new ArrayList<>(List.of(
                "Region Code", "Provider Code", "Provider Name", "Treatment Function Code", "Treatment Function"));
        for (int k = 0; k < RttStats.BANDS - 1; k++) {
            h.add(">" + k + "-" + (k + 1));
        }
        h.add("104 plus");
        h.addAll(List.of(
                "Total number of incomplete pathways",
                "Total within 18 weeks",
                "% within 18 weeks",
                "Average (median) waiting time (in weeks)",
                "92nd percentile waiting time (in weeks)",
                "Total 52 plus weeks",
                "Total 78 plus weeks",
                "Total 65 plus weeks"));
        return String.join(",", h);
    }

    /**
     * Writes all months.
     *
     * @param missing trust-months left out ("CODE@YYYY-MM")
     * @param nonNumeric trust-months whose largest band in the first non-empty function row is written non-numeric
     * @return provider x function rows written per file (including total rows), in month order
     */
    static List<Integer> write(
            GeneratorOptions opts,
            Organisations orgs,
            Levers levers,
            Path rttDir,
            Set<String> missing,
            Set<String> nonNumeric,
            DefectLog defects) {
        List<Integer> rows = new ArrayList<>();
        List<Organisations.Trust> ordered = orgs.trusts().stream()
                .sorted(Comparator.comparing(
                                (Organisations.Trust t) -> t.region().code())
                        .thenComparing(t -> t.code()))
                .toList();
        for (int i = 0; i < opts.months(); i++) {
            YearMonth month = opts.month(i);
            String name = "RTT-Incomplete-Provider-" + month + ".csv";
            List<String> lines = new ArrayList<>();
            lines.add(CsvText.BOM + header());
            for (Organisations.Trust t : ordered) {
                if (!t.openIn(month)) {
                    continue;
                }
                long[][] bands = bands(opts.seed(), orgs, levers, t, month, i);
                String key = t.code() + "@" + month;
                if (missing.contains(key)) {
                    defects.add(new DefectLog.Defect("rtt/" + name, t.code(), "", "missing_org_month", "", ""));
                    continue;
                }
                long[] total = new long[RttStats.BANDS];
                boolean corrupt = nonNumeric.contains(key);
                for (int f = 0; f < TF_CODES.length; f++) {
                    for (int k = 0; k < RttStats.BANDS; k++) {
                        total[k] += bands[f][k];
                    }
                    List<String> cells = row(t, TF_CODES[f], TF_NAMES[f], bands[f]);
                    if (corrupt && RttStats.of(bands[f]).total() > 0) {
                        int k = argmax(bands[f]);
                        String original = thousands(bands[f][k]);
                        String bad = original.length() > 1
                                ? original.charAt(0) + "O" + original.substring(2)
                                : "O" + original;
                        cells.set(FIRST_BAND_COLUMN + k, CsvText.field(bad));
                        defects.add(new DefectLog.Defect(
                                "rtt/" + name,
                                t.code(),
                                TF_CODES[f] + " " + columnName(k),
                                "non_numeric_count",
                                original,
                                bad));
                        corrupt = false;
                    }
                    lines.add(String.join(",", cells));
                }
                lines.add(String.join(",", row(t, TOTAL_CODE, TOTAL_NAME, total)));
            }
            CsvText.writeLines(rttDir.resolve(name), lines, "\n");
            rows.add(lines.size() - 1);
        }
        return rows;
    }

    /**
     * The latent quantities of a trust-month, per treatment function: expected pathways {@code n}, and the
     * probabilities of waiting within 18 weeks and over 52 weeks. Consumes the profile stream and the first two draws of
     * the month stream {@code r}, as {@link #bands} does.
     */
    record Latent(double[] n, double[] q18, double[] q52) {
        /** Expected share of all pathways within 18 weeks. */
        double within18Share() {
            double num = 0;
            double den = 0;
            for (int f = 0; f < n.length; f++) {
                num += n[f] * q18[f];
                den += n[f];
            }
            return num / den;
        }

        /** Expected pathways over 52 weeks. */
        double over52() {
            double sum = 0;
            for (int f = 0; f < n.length; f++) {
                sum += n[f] * q52[f];
            }
            return sum;
        }
    }

    /** The latent quantities of a trust-month under {@code levers} (see {@link Latent}). */
    static Latent latent(long seed, Organisations orgs, Levers levers, Organisations.Trust t, YearMonth month, int i) {
        return latent(seed, orgs, levers, t, month, i, Seeds.stream(seed, "rtt-month-" + i, t.index()));
    }

    private static Latent latent(
            long seed,
            Organisations orgs,
            Levers levers,
            Organisations.Trust t,
            YearMonth month,
            int i,
            SplittableRandom r) {
        SplittableRandom profile = Seeds.stream(seed, "rtt-profile", t.index());
        double list = Math.max(20_000, Math.min(80_000, 40_000 * t.size()));
        double trustQ18 = 0.05 * Seeds.normal(profile);
        double trustQ52 = StrictMath.exp(0.4 * Seeds.normal(profile));
        double[] share = new double[TF_CODES.length];
        double[] tfOffset = new double[TF_CODES.length];
        for (int f = 0; f < TF_CODES.length; f++) {
            // Small specialist services are absent from many trusts.
            boolean absent = (f == 6 || f == 8 || f == 19) && profile.nextDouble() < 0.6;
            share[f] = absent ? 0 : TF_SHARE[f] * StrictMath.exp(0.3 * Seeds.normal(profile));
            tfOffset[f] = TF_Q18_OFFSET[f] + 0.04 * Seeds.normal(profile);
        }
        double years = i / 12.0;
        int cal = month.getMonthValue();
        double winter = (cal == 12 || cal == 1) ? -0.01 : 0;
        double scale = list * (1 + 0.03 * years) * orgs.activityScale(t, month) * (1 + 0.02 * Seeds.normal(r));
        double q18Trust = Q18_BASE
                + trustQ18
                - 0.005 * years
                + winter
                + 0.008 * Seeds.normal(r)
                + levers.at(Levers.Lever.RTT_WITHIN_18, t, month);
        double q52Trust = Q52_BASE * trustQ52 + levers.at(Levers.Lever.RTT_OVER_52, t, month);
        double[] n = new double[TF_CODES.length];
        double[] q18 = new double[TF_CODES.length];
        double[] q52 = new double[TF_CODES.length];
        for (int f = 0; f < TF_CODES.length; f++) {
            n[f] = scale * share[f];
            q18[f] = clamp(q18Trust + tfOffset[f], 0.2, 0.97);
            q52[f] = clamp(q52Trust, 0, Math.min(0.25, 1 - q18[f]));
        }
        return new Latent(n, q18, q52);
    }

    /** Band counts of every treatment function of a trust-month: {@code [function][band]}. */
    static long[][] bands(long seed, Organisations orgs, Levers levers, Organisations.Trust t, YearMonth month, int i) {
        SplittableRandom r = Seeds.stream(seed, "rtt-month-" + i, t.index());
        Latent latent = latent(seed, orgs, levers, t, month, i, r);
        long[][] out = new long[TF_CODES.length][];
        for (int f = 0; f < TF_CODES.length; f++) {
            long n = Seeds.poisson(r, latent.n()[f]);
            double q18 = latent.q18()[f];
            double q52 = latent.q52()[f];
            long within = Seeds.binomial(r, n, q18);
            long over52 = Seeds.binomial(r, n - within, q18 >= 1 ? 0 : q52 / (1 - q18));
            long middle = n - within - over52;
            long[] b = new long[RttStats.BANDS];
            spread(r, b, within, 0, RttStats.WEEKS_18, 30);
            spread(r, b, middle, RttStats.WEEKS_18, 52, 14);
            spread(r, b, over52, 52, RttStats.BANDS, 10);
            out[f] = b;
        }
        return out;
    }

    /** Spreads {@code n} waits over bands [from, to) with weights decaying by {@code decay} weeks. */
    private static void spread(SplittableRandom r, long[] b, long n, int from, int to, double decay) {
        double[] w = new double[to - from];
        for (int k = from; k < to; k++) {
            w[k - from] = StrictMath.exp(-(k - from) / decay) * (k == RttStats.BANDS - 1 ? 0.3 : 1.0);
        }
        long[] split = Seeds.multinomial(r, n, w);
        for (int k = from; k < to; k++) {
            b[k] += split[k - from];
        }
    }

    private static List<String> row(Organisations.Trust t, String code, String name, long[] bands) {
        List<String> c = new ArrayList<>();
        c.add(t.region().code());
        c.add(t.code());
        c.add(CsvText.field(t.name()));
        c.add(code);
        c.add(CsvText.field(name));
        for (long v : bands) {
            c.add(count(v));
        }
        RttStats s = RttStats.of(bands);
        c.add(count(s.total()));
        c.add(count(s.within18()));
        c.add(
                s.within18() == 0
                        ? "-"
                        : String.format(
                                java.util.Locale.ROOT,
                                "%d.%d0%%",
                                s.pctWithin18Tenths() / 10,
                                s.pctWithin18Tenths() % 10));
        boolean show = s.total() >= RttStats.MIN_TOTAL_FOR_PERCENTILES;
        c.add(show ? weeks(s.medianTenths()) : "-");
        c.add(show ? weeks(s.p92Tenths()) : "-");
        c.add(count(s.over52()));
        c.add(count(s.over78()));
        c.add(count(s.over65()));
        return c;
    }

    /** A count as the real files print it: {@code -} for zero, quoted thousands separators from 1,000. */
    static String count(long v) {
        return v == 0 ? "-" : CsvText.field(thousands(v));
    }

    /** "1,234,567" (String.format is too slow for millions of cells). */
    static String thousands(long v) {
        String digits = Long.toString(Math.abs(v));
        StringBuilder b = new StringBuilder(v < 0 ? "-" : "");
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                b.append(',');
            }
            b.append(digits.charAt(i));
        }
        return b.toString();
    }

    /** Weeks in tenths as printed: "16" for 16.0, "52.1". */
    static String weeks(long tenths) {
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
    }

    private static String columnName(int band) {
        return band == RttStats.BANDS - 1 ? "104 plus" : ">" + band + "-" + (band + 1);
    }

    private static int argmax(long[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
