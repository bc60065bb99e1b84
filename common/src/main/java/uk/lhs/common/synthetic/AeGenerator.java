package uk.lhs.common.synthetic;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes {@code ae/Monthly-AE-YYYY-MM.csv}: one synthetic NHS England MSitAE provider file per month, with the header
 * and column order of the real {@code Monthly-AE-2024-04.csv}, {@code Period} like {@code MSitAE-APRIL-2024}, LF line
 * ends, no BOM, and a national {@code TOTAL} row equal to the column sums (over the true values, as published).
 *
 * <p>Model per trust and month: type 1 proportion within 4 hours = trust baseline (about 0.6, the national type 1
 * level in 2024-25 MSitAE totals) + slow improvement + winter dip (December to February) + noise + injected shifts;
 * other types about 0.95. Attendances 5k–25k a month per trust with mild seasonality.
 */
final class AeGenerator {
    /** Header of the real Monthly-AE files (copied from Monthly-AE-2024-04.csv). */
    static final String HEADER = "Period,Org Code,Parent Org,Org name,A&E attendances Type 1,A&E attendances Type 2,"
            + "A&E attendances Other A&E Department,A&E attendances Booked Appointments Type 1,"
            + "A&E attendances Booked Appointments Type 2,A&E attendances Booked Appointments Other Department,"
            + "Attendances over 4hrs Type 1,Attendances over 4hrs Type 2,Attendances over 4hrs Other Department,"
            + "Attendances over 4hrs Booked Appointments Type 1,Attendances over 4hrs Booked Appointments Type 2,"
            + "Attendances over 4hrs Booked Appointments Other Department,"
            + "Patients who have waited 4-12 hs from DTA to admission,"
            + "Patients who have waited 12+ hrs from DTA to admission,Emergency admissions via A&E - Type 1,"
            + "Emergency admissions via A&E - Type 2,Emergency admissions via A&E - Other A&E department,"
            + "Other emergency admissions";
    /** Number of count columns after the four identifying ones. */
    static final int COUNTS = 18;
    /** Index (within the counts) of "Attendances over 4hrs Type 1", used for the non-numeric defect. */
    static final int OVER4_TYPE1 = 6;
    /** Winter change of the type 1 proportion within 4 h, by calendar month (Jan..Dec). */
    private static final double[] WINTER = {-0.05, -0.03, -0.01, 0, 0, 0, 0, 0, 0, -0.005, -0.015, -0.04};
    /** Attendance seasonality by calendar month (Jan..Dec); February is short. */
    private static final double[] VOLUME = {0.95, 0.90, 1.02, 1.00, 1.04, 1.02, 1.05, 1.00, 1.00, 1.02, 0.99, 0.98};
    /** Yearly improvement of the type 1 proportion within 4 h (the recovery trend of 2023-25). */
    private static final double TREND_PER_YEAR = 0.008;
    /** Share of type 1 admissions waiting 4-12 h from decision to admit at a 40% type 1 breach rate (2024-25 ratio). */
    private static final double DTA_4_12_AT_REFERENCE = 0.23;
    /** Share waiting 12+ h from decision to admit at a 40% type 1 breach rate. */
    private static final double DTA_12_AT_REFERENCE = 0.10;

    private static final double REFERENCE_BREACH = 0.40;

    /**
     * Stable A&amp;E characteristics of a trust.
     *
     * @param attendances expected monthly attendances, all types incl. booked
     * @param type1Share share of attendances that are type 1 (incl. booked)
     * @param type2Share share that are type 2 (0 for most trusts)
     * @param bookedShare share of each type's attendances that are booked appointments
     * @param within4hType1 baseline type 1 proportion within 4 hours
     * @param within4hOther baseline proportion within 4 hours of type 2 and other departments
     * @param admitRateType1 share of type 1 attendances admitted
     */
    record Profile(
            double attendances,
            double type1Share,
            double type2Share,
            double bookedShare,
            double within4hType1,
            double within4hOther,
            double admitRateType1) {}

    private AeGenerator() {}

    /** The trust's stable profile (deterministic in seed and trust). */
    static Profile profile(long seed, Organisations.Trust t) {
        SplittableRandom r = Seeds.stream(seed, "ae-profile", t.index());
        double attendances = clamp(12_000 * t.size(), 5_000, 25_000);
        double type1 = 0.55 + 0.2 * r.nextDouble();
        double type2 = r.nextDouble() < 0.2 ? 0.02 + 0.04 * r.nextDouble() : 0;
        double booked = 0.01 + 0.04 * r.nextDouble();
        double p1 = clamp(0.615 + 0.07 * Seeds.normal(r), 0.42, 0.85);
        double pOther = clamp(0.95 + 0.02 * Seeds.normal(r), 0.85, 0.99);
        double admit = clamp(0.28 + 0.04 * Seeds.normal(r), 0.18, 0.40);
        return new Profile(attendances, type1, type2, booked, p1, pOther, admit);
    }

    /**
     * Writes every month's file into {@code aeDir}.
     *
     * @param missing trust-months left out on purpose ("CODE@YYYY-MM")
     * @param nonNumeric trust-months whose type 1 over-4-hours count is written non-numeric
     * @param badCode trust-months whose org code is written malformed
     * @return rows written per file (provider rows, excluding header and TOTAL), in month order
     */
    static List<Integer> write(
            GeneratorOptions opts,
            Organisations orgs,
            Levers levers,
            Path aeDir,
            Set<String> missing,
            Set<String> nonNumeric,
            Set<String> badCode,
            DefectLog defects) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < opts.months(); i++) {
            YearMonth month = opts.month(i);
            String name = "Monthly-AE-" + month + ".csv";
            String period = period(month);
            List<String> lines = new ArrayList<>();
            lines.add(HEADER);
            long[] total = new long[COUNTS];
            for (Organisations.Trust t : orgs.openTrusts(month)) {
                String key = t.code() + "@" + month;
                long[] c = counts(opts.seed(), orgs, levers, t, month, i);
                if (missing.contains(key)) {
                    defects.add(new DefectLog.Defect("ae/" + name, t.code(), "", "missing_org_month", "", ""));
                    continue;
                }
                List<String> f = new ArrayList<>();
                f.add(period);
                String code = t.code();
                if (badCode.contains(key)) {
                    code = t.code().substring(0, 2);
                    defects.add(new DefectLog.Defect(
                            "ae/" + name, t.code(), "Org Code", "malformed_org_code", t.code(), code));
                }
                f.add(code);
                f.add(CsvText.field(t.region().aeParentOrg()));
                f.add(CsvText.field(t.name()));
                for (int k = 0; k < COUNTS; k++) {
                    total[k] += c[k];
                    String v = Long.toString(c[k]);
                    if (k == OVER4_TYPE1 && nonNumeric.contains(key)) {
                        String bad = v.length() > 1 ? v.charAt(0) + "O" + v.substring(2) : "O";
                        defects.add(new DefectLog.Defect(
                                "ae/" + name, t.code(), "Attendances over 4hrs Type 1", "non_numeric_count", v, bad));
                        v = bad;
                    }
                    f.add(v);
                }
                lines.add(CsvText.join(f));
            }
            int providerRows = lines.size() - 1;
            StringBuilder tot = new StringBuilder("TOTAL,TOTAL,TOTAL,TOTAL");
            for (long v : total) {
                tot.append(',').append(v);
            }
            lines.add(tot.toString());
            CsvText.writeLines(aeDir.resolve(name), lines, "\n");
            rows.add(providerRows);
        }
        return rows;
    }

    /** The 18 count columns of one trust-month, in file order. */
    static long[] counts(long seed, Organisations orgs, Levers levers, Organisations.Trust t, YearMonth month, int i) {
        Profile p = profile(seed, t);
        SplittableRandom r = Seeds.stream(seed, "ae-month-" + i, t.index());
        double years = i / 12.0;
        int cal = month.getMonthValue() - 1;
        double volume = p.attendances()
                * VOLUME[cal]
                * (1 + 0.01 * years)
                * orgs.activityScale(t, month)
                * (1 + 0.03 * Seeds.normal(r));
        double p1 = type1Within4h(p, years, cal, Seeds.normal(r), levers.at(Levers.Lever.AE_TYPE1_WITHIN_4H, t, month));
        double pOther = clamp(p.within4hOther() + 0.4 * WINTER[cal] + 0.008 * Seeds.normal(r), 0.70, 0.998);
        long a1 = Seeds.poisson(r, volume * p.type1Share());
        long a2 = Seeds.poisson(r, volume * p.type2Share());
        long ao = Seeds.poisson(r, volume * (1 - p.type1Share() - p.type2Share()));
        long b1 = Seeds.binomial(r, a1, p.bookedShare());
        long b2 = Seeds.binomial(r, a2, p.bookedShare() / 2);
        long bo = Seeds.binomial(r, ao, p.bookedShare() * 1.5);
        long o1 = Seeds.binomial(r, a1, 1 - p1);
        long o2 = Seeds.binomial(r, a2, 1 - pOther);
        long oo = Seeds.binomial(r, ao, 1 - pOther);
        // Booked patients breach about half as often as walk-ins; split each type's breaches accordingly.
        long ob1 = Math.min(b1, Seeds.binomial(r, o1, share(b1, a1) / 2));
        long ob2 = Math.min(b2, Seeds.binomial(r, o2, share(b2, a2) / 2));
        long obo = Math.min(bo, Seeds.binomial(r, oo, share(bo, ao) / 2));
        long adm1 = Seeds.binomial(r, a1, p.admitRateType1());
        long adm2 = Seeds.binomial(r, a2, 0.03);
        long admo = Seeds.binomial(r, ao, 0.006);
        double pressure = (1 - p1) / REFERENCE_BREACH;
        long dta412 = Seeds.binomial(r, adm1, Math.min(0.6, DTA_4_12_AT_REFERENCE * pressure));
        long dta12 = Seeds.binomial(r, adm1 - dta412, Math.min(0.4, DTA_12_AT_REFERENCE * pressure * pressure));
        long otherEmergency = Seeds.binomial(r, Math.round(adm1 * 0.5), 0.66);
        return new long[] {
            a1 - b1,
            a2 - b2,
            ao - bo,
            b1,
            b2,
            bo,
            o1 - ob1,
            o2 - ob2,
            oo - obo,
            ob1,
            ob2,
            obo,
            dta412,
            dta12,
            adm1,
            adm2,
            admo,
            otherEmergency
        };
    }

    /** Probability that a type 1 attendance is within 4 hours, given the month's noise draw and the levers' shift. */
    private static double type1Within4h(Profile p, double years, int cal, double noise, double shift) {
        return clamp(p.within4hType1() + TREND_PER_YEAR * years + WINTER[cal] + 0.015 * noise + shift, 0.25, 0.99);
    }

    /**
     * The latent type 1 within-4-hours probability of a trust-month under {@code levers}: the same draws as
     * {@link #counts}, replayed up to that probability (so the ground truth can compare it with and without a shift).
     */
    static double latentType1Within4h(long seed, Levers levers, Organisations.Trust t, YearMonth month, int i) {
        SplittableRandom r = Seeds.stream(seed, "ae-month-" + i, t.index());
        Seeds.normal(r); // the volume draw
        return type1Within4h(
                profile(seed, t),
                i / 12.0,
                month.getMonthValue() - 1,
                Seeds.normal(r),
                levers.at(Levers.Lever.AE_TYPE1_WITHIN_4H, t, month));
    }

    /** Expected share of a trust's attendances (incl. booked) that are type 1: converts a type 1 shift to all types. */
    static double type1Share(long seed, Organisations.Trust t) {
        return profile(seed, t).type1Share();
    }

    /** "MSitAE-APRIL-2024" for April 2024. */
    static String period(YearMonth month) {
        return "MSitAE-" + month.getMonth().name().toUpperCase(Locale.ROOT) + "-" + month.getYear();
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : part / (double) whole;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
