package uk.lhs.common.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Streams patient-level hospital spells (HES APC-like) to Parquet, patient by patient, so any number of spells fits
 * in constant memory. Each patient (own random stream) has an age, sex, deprivation decile, home trust and a latent
 * frailty, and a chain of spells: after each discharge an emergency readmission within 0–29 days follows with
 * probability logistic(case-mix + trust effect + deprivation gradient + frailty) plus any injected shift; otherwise
 * a later spell may follow. Also writes {@code episodes-sample.csv} (episode level) for the first spells.
 */
final class SpellGenerator {
    /** Spells whose episodes go to the episode sample. */
    static final int EPISODE_SAMPLE_SPELLS = 2_000;
    /** Header of {@code spells/episodes-sample.csv}. */
    static final String EPISODE_HEADER = "EPIKEY,SPELL_ID,PSEUDO_HESID,PROCODE3,ADMIDATE,DISDATE,EPISTART,EPIEND,"
            + "EPIORDER,EPISTAT,EPITYPE,SPELBGIN,SPELEND,ADMIMETH,ADMISORC,CLASSPAT,DISMETH,DISDEST,STARTAGE,SEX,MAINSPEF,"
            + "TRETSPEF,DIAG_4_01,DIAG_4_CONCAT,OPERTN_4_01,IMD_DECILE";
    /** Header of {@code truth/trust_readmission_effects.csv}. */
    static final String TRUST_EFFECT_HEADER = "org_code,log_odds_effect";
    /** Readmission log-odds of a reference discharge (16–64, emergency, neutral group); overall rate about 12%. */
    static final double BASE_LOGIT = -2.25;
    /** Log-odds per deprivation decile below the middle (5.5): the deprivation gradient. */
    static final double IMD_LOGIT_PER_DECILE = 0.05;
    /** Log-odds per standard deviation of latent frailty. */
    static final double FRAILTY_LOGIT = 0.4;
    /** Spread of the trust effects on the log-odds scale. */
    static final double TRUST_EFFECT_SD = 0.18;
    /** Readmission probability after a discharge the specification excludes (day case, cancer, maternity...). */
    static final double EXCLUDED_READMIT = 0.06;

    private static final int MAX_SPELLS_PER_PATIENT = 40;
    private static final double READMISSION_GAP_MEAN_DAYS = 9.0;
    private static final String[] EMERGENCY_METHODS = {"21", "22", "23", "24", "25", "28", "2A", "2B", "2D"};
    private static final double[] EMERGENCY_WEIGHTS = {0.72, 0.12, 0.02, 0.04, 0.01, 0.06, 0.01, 0.01, 0.01};
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    /** Counts of what was written. */
    record Result(long spells, int parts, long patients, long episodeRows) {}

    /** A patient's stable attributes. */
    private record Patient(
            long index,
            String hesid,
            String sex,
            LocalDate birth,
            int imd,
            Organisations.Trust home,
            double frailty,
            boolean cancerHistory) {}

    private final GeneratorOptions opts;
    private final Organisations orgs;
    private final Levers levers;
    private final EquityEffects equity;
    private final Schema schema;
    private final double[] homeWeights;
    private final double[] trustEffect;
    private final LocalDate first;
    private final LocalDate last;

    SpellGenerator(GeneratorOptions opts, Organisations orgs, Levers levers, EquityEffects equity, Schema schema) {
        this.opts = opts;
        this.orgs = orgs;
        this.levers = levers;
        this.equity = equity;
        this.schema = schema;
        this.homeWeights =
                orgs.trusts().stream().mapToDouble(Organisations.Trust::size).toArray();
        this.trustEffect = new double[orgs.trusts().size()];
        for (Organisations.Trust t : orgs.trusts()) {
            trustEffect[t.index()] = trustLogOdds(opts.seed(), t);
        }
        this.first = opts.startMonth().atDay(1);
        this.last = opts.endMonth().atEndOfMonth();
    }

    /** The trust's true readmission effect on the log-odds scale (deterministic in seed and trust). */
    static double trustLogOdds(long seed, Organisations.Trust t) {
        double z = Seeds.normal(Seeds.stream(seed, "readmit-trust", t.index()));
        return Math.max(-0.5, Math.min(0.5, TRUST_EFFECT_SD * z));
    }

    /** Writes {@code truth/trust_readmission_effects.csv}; returns rows. */
    int writeTrustEffects(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(TRUST_EFFECT_HEADER);
        for (Organisations.Trust t : orgs.trusts()) {
            lines.add(t.code() + "," + SyntheticRegister.decimal(trustEffect[t.index()]));
        }
        CsvText.writeLines(file, lines, "\n");
        return orgs.trusts().size();
    }

    /** Writes the spells and the episode sample into {@code spellsDir}. */
    Result write(Path spellsDir) {
        long written = 0;
        long patient = 0;
        long[] episodeRows = {0};
        int days = (int) (last.toEpochDay() - first.toEpochDay() + 1);
        try (ParquetSpellWriter out = new ParquetSpellWriter(spellsDir, schema, opts.spellsPerPart());
                BufferedWriter episodes = CsvText.open(spellsDir.resolve("episodes-sample.csv"))) {
            episodes.write(EPISODE_HEADER);
            episodes.write('\n');
            while (written < opts.spells()) {
                SplittableRandom r = Seeds.stream(opts.seed(), "patient", patient);
                Patient p = patient(r, patient);
                LocalDate admit = first.plusDays(r.nextInt(days));
                Organisations.Trust provider = provider(r, p, admit);
                SpellCaseMix.Condition c = SpellCaseMix.draw(r, age(p, admit), p.sex(), false);
                boolean readmission = false;
                for (int n = 0; n < MAX_SPELLS_PER_PATIENT && written < opts.spells(); n++) {
                    GenericRecord s = spell(r, p, written, provider, admit, c, readmission);
                    LocalDate discharge = LocalDate.ofEpochDay((Integer) s.get("DISDATE"));
                    if (discharge.isAfter(last)) {
                        break;
                    }
                    out.write(s);
                    if (written < EPISODE_SAMPLE_SPELLS) {
                        episodeRows[0] += writeEpisodes(episodes, r, s);
                    }
                    written++;
                    if ("4".equals(s.get("DISMETH"))) {
                        break;
                    }
                    double pReadmit = readmitProbability(p, s, c, provider, discharge);
                    if (r.nextDouble() < pReadmit) {
                        // Emergency readmission 0–29 days later, mostly back to the same trust.
                        admit = discharge.plusDays(readmissionGap(r));
                        provider = r.nextDouble() < 0.9 ? orgs.provider(provider, admit) : provider(r, p, admit);
                        c = SpellCaseMix.draw(r, age(p, admit), p.sex(), true);
                        readmission = true;
                    } else if (r.nextDouble() < nextSpellProbability(p, discharge)) {
                        admit = discharge.plusDays(30 + (long) (-200.0 * StrictMath.log(1 - r.nextDouble())));
                        provider = provider(r, p, admit);
                        c = SpellCaseMix.draw(r, age(p, admit), p.sex(), false);
                        readmission = false;
                    } else {
                        break;
                    }
                    if (admit.isAfter(last)) {
                        break;
                    }
                }
                patient++;
            }
            return new Result(written, out.parts(), patient, episodeRows[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spells in " + spellsDir + ": " + e.getMessage(), e);
        }
    }

    /** Days from discharge to readmission: exponential with mean about 9 days, truncated to 0–29 by rejection. */
    private static long readmissionGap(SplittableRandom r) {
        long gap;
        do {
            gap = (long) (-READMISSION_GAP_MEAN_DAYS * StrictMath.log(1 - r.nextDouble()));
        } while (gap > 29);
        return gap;
    }

    private Patient patient(SplittableRandom r, long index) {
        SplittableRandom idStream = Seeds.stream(opts.seed(), "hesid", index);
        StringBuilder id = new StringBuilder("SYNT");
        for (int i = 0; i < 28; i++) {
            id.append(BASE62[idStream.nextInt(BASE62.length)]);
        }
        String sex = r.nextDouble() < 0.52 ? "2" : "1";
        double u = r.nextDouble();
        int ageAtStart;
        if (u < 0.02) {
            ageAtStart = 0;
        } else if (u < 0.08) {
            ageAtStart = 1 + r.nextInt(15);
        } else if (u < 0.58) {
            ageAtStart = 16 + r.nextInt(49);
        } else if (u < 0.75) {
            ageAtStart = 65 + r.nextInt(10);
        } else if (u < 0.91) {
            ageAtStart = 75 + r.nextInt(10);
        } else {
            ageAtStart = 85 + r.nextInt(16);
        }
        LocalDate birth = first.minusYears(ageAtStart).minusDays(r.nextInt(365));
        int imd = 1 + r.nextInt(10);
        Organisations.Trust home = orgs.trusts().get(Seeds.weighted(r, homeWeights));
        double frailty = Seeds.normal(r);
        boolean cancer = ageAtStart >= 40 && r.nextDouble() < 0.03;
        return new Patient(index, id.toString(), sex, birth, imd, home, frailty, cancer);
    }

    /** The treating trust: the home trust (or its successor) 90% of the time, otherwise another in the region. */
    private Organisations.Trust provider(SplittableRandom r, Patient p, LocalDate date) {
        if (r.nextDouble() < 0.9) {
            return orgs.provider(p.home(), date);
        }
        List<Organisations.Trust> region = orgs.trusts().stream()
                .filter(t -> t.region().equals(p.home().region()))
                .toList();
        return orgs.provider(region.get(r.nextInt(region.size())), date);
    }

    private static int age(Patient p, LocalDate date) {
        return Period.between(p.birth(), date).getYears();
    }

    /** HES STARTAGE: years, or 7001–7007 for infants by age in days (HES data dictionary). */
    static int startAge(LocalDate birth, LocalDate admit) {
        int years = Period.between(birth, admit).getYears();
        if (years > 0) {
            return years;
        }
        long d = ChronoUnit.DAYS.between(birth, admit);
        return d < 1 ? 7001 : d < 7 ? 7002 : d < 29 ? 7003 : d < 91 ? 7004 : d < 182 ? 7005 : d < 273 ? 7006 : 7007;
    }

    private GenericRecord spell(
            SplittableRandom r,
            Patient p,
            long id,
            Organisations.Trust provider,
            LocalDate admit,
            SpellCaseMix.Condition c,
            boolean readmission) {
        int age = age(p, admit);
        String admimeth = switch (c.kind()) {
            case EMERGENCY -> EMERGENCY_METHODS[Seeds.weighted(r, EMERGENCY_WEIGHTS)];
            case MATERNITY -> r.nextDouble() < 0.8 ? "31" : "21";
            default -> r.nextDouble() < 0.5 ? "11" : r.nextDouble() < 0.8 ? "12" : "13";
        };
        String classpat = switch (c.kind()) {
            case DAY_CASE -> "2";
            case REGULAR -> "3";
            default -> "1";
        };
        long los = 0;
        if (classpat.equals("1")) {
            double ageFactor = 1 + 0.01 * Math.max(0, age - 60);
            double mean = Math.max(
                    0.05, c.meanLos() * ageFactor + levers.at(Levers.Lever.LOS_DAYS, provider, YearMonth.from(admit)));
            // Geometric on {0,1,...} with mean m: success probability 1/(1+m); the mean shifts exactly with the lever.
            double q = 1 / (1 + mean);
            los = Math.min(365, (long) Math.floor(StrictMath.log(1 - r.nextDouble()) / StrictMath.log(1 - q)));
        }
        LocalDate discharge = admit.plusDays(los);
        boolean emergency = c.kind() == SpellCaseMix.Kind.EMERGENCY;
        double death = emergency && c.opertn() == null ? 0.002 + 0.0006 * Math.max(0, age - 55) : 0.0005;
        double u = r.nextDouble();
        String dismeth = u < death ? "4" : u < death + 0.01 ? "2" : u < death + 0.011 ? "3" : "1";
        String disdest = dismeth.equals("4")
                ? "79"
                : age >= 75 && r.nextDouble() < 0.08 ? "54" : r.nextDouble() < 0.03 ? "51" : "19";
        String epitype = c.kind() == SpellCaseMix.Kind.MATERNITY
                ? "2"
                : c.tretspef().equals("710") && r.nextDouble() < 0.3 ? "4" : "1";
        int episodes = classpat.equals("1") && los >= 2 ? 1 + (int) Seeds.binomial(r, 2, 0.15) : 1;
        StringBuilder concat = new StringBuilder(c.diag());
        if (c.secondary() != null) {
            concat.append(',').append(c.secondary());
        }
        if (p.cancerHistory()) {
            concat.append(',').append(p.sex().equals("1") ? "C61X" : "C509");
        }
        GenericRecord s = new GenericData.Record(schema);
        s.put("SPELL_ID", id);
        s.put("PSEUDO_HESID", p.hesid());
        s.put("PROCODE3", provider.code());
        s.put("FYEAR", financialYear(discharge));
        s.put("ADMIDATE", (int) admit.toEpochDay());
        s.put("DISDATE", (int) discharge.toEpochDay());
        s.put("SPELDUR", (int) los);
        s.put("ADMIMETH", admimeth);
        s.put("ADMISORC", readmission ? "19" : r.nextDouble() < 0.95 ? "19" : r.nextDouble() < 0.6 ? "51" : "54");
        s.put("CLASSPAT", classpat);
        s.put("DISMETH", dismeth);
        s.put("DISDEST", disdest);
        s.put("EPITYPE", epitype);
        s.put("EPITYPE_LAST", epitype);
        s.put("EPICOUNT", episodes);
        s.put("STARTAGE", startAge(p.birth(), admit));
        s.put("SEX", p.sex());
        s.put("MAINSPEF", c.tretspef().equals("328") || c.tretspef().equals("307") ? "300" : c.tretspef());
        s.put("TRETSPEF", c.tretspef());
        s.put("DIAG_4_01", c.diag());
        s.put("DIAG_4_CONCAT", concat.toString());
        s.put("OPERTN_4_01", c.opertn());
        s.put("OPERTN_TRETSPEF", c.opertn() == null ? null : c.tretspef());
        s.put("IMD_DECILE", p.imd());
        return s;
    }

    /**
     * Probability of an emergency readmission within 0–29 days of this discharge. For discharges the specification
     * counts, logistic(base + age + admission method + group + deprivation + frailty + trust) plus the injected shift
     * for the discharging trust and month, then the quintile-specific effect ({@link EquityEffects}); a fixed small
     * probability otherwise.
     */
    private double readmitProbability(
            Patient p, GenericRecord s, SpellCaseMix.Condition c, Organisations.Trust provider, LocalDate discharge) {
        boolean counted = !SpellCaseMix.excluded(c)
                && !p.cancerHistory()
                && "1".equals(s.get("EPITYPE"))
                && ("1".equals(s.get("DISMETH")) || "3".equals(s.get("DISMETH")));
        if (!counted) {
            return EXCLUDED_READMIT;
        }
        int age = age(p, discharge);
        double ageLogit = age < 1 ? -0.3 : age < 16 ? -0.6 : age < 65 ? 0 : age < 75 ? 0.15 : age < 85 ? 0.3 : 0.45;
        double method = c.kind() == SpellCaseMix.Kind.EMERGENCY ? 0 : -0.8;
        double eta = BASE_LOGIT
                + ageLogit
                + method
                + c.logit()
                + IMD_LOGIT_PER_DECILE * (5.5 - p.imd())
                + FRAILTY_LOGIT * p.frailty()
                + (p.sex().equals("1") ? 0.05 : 0)
                + trustEffect[provider.index()];
        double base = 1 / (1 + StrictMath.exp(-eta));
        double prob = base + levers.at(Levers.Lever.READMIT_30D, provider, YearMonth.from(discharge));
        // Quintile-specific effects (and the record of every applied shift, for the equity truth).
        return equity.readmission(provider, YearMonth.from(discharge), p.imd(), base, Math.max(0, Math.min(1, prob)));
    }

    private static double nextSpellProbability(Patient p, LocalDate discharge) {
        int age = Period.between(p.birth(), discharge).getYears();
        return Math.max(0.05, Math.min(0.7, 0.25 + 0.004 * Math.max(0, age - 40) + 0.1 * p.frailty()));
    }

    /** "2425" for a discharge between April 2024 and March 2025. */
    static String financialYear(LocalDate d) {
        int start = d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1;
        return String.format(java.util.Locale.ROOT, "%02d%02d", start % 100, (start + 1) % 100);
    }

    /** Splits a spell into its episodes and writes them; returns the number written. */
    private static int writeEpisodes(BufferedWriter w, SplittableRandom r, GenericRecord s) throws IOException {
        int n = (Integer) s.get("EPICOUNT");
        LocalDate admit = LocalDate.ofEpochDay((Integer) s.get("ADMIDATE"));
        LocalDate discharge = LocalDate.ofEpochDay((Integer) s.get("DISDATE"));
        int los = (Integer) s.get("SPELDUR");
        int[] cuts = new int[n + 1];
        cuts[n] = los;
        for (int i = 1; i < n; i++) {
            cuts[i] = Math.max(cuts[i - 1], Math.min(los, cuts[i - 1] + 1 + r.nextInt(Math.max(1, los - cuts[i - 1]))));
        }
        long spellId = (Long) s.get("SPELL_ID");
        for (int i = 0; i < n; i++) {
            boolean lastEpisode = i == n - 1;
            String tretspef = i == 0 ? s.get("TRETSPEF").toString() : (i == 1 ? "430" : "300");
            List<String> f = new ArrayList<>();
            f.add(Long.toString(spellId * 10 + i + 1));
            f.add(Long.toString(spellId));
            f.add(s.get("PSEUDO_HESID").toString());
            f.add(s.get("PROCODE3").toString());
            f.add(admit.toString());
            f.add(lastEpisode ? discharge.toString() : "");
            f.add(admit.plusDays(cuts[i]).toString());
            f.add(admit.plusDays(cuts[i + 1]).toString());
            f.add(Integer.toString(i + 1));
            f.add("3");
            f.add(
                    lastEpisode
                            ? s.get("EPITYPE_LAST").toString()
                            : s.get("EPITYPE").toString());
            f.add(i == 0 ? "2" : "0");
            f.add(lastEpisode ? "Y" : "N");
            f.add(s.get("ADMIMETH").toString());
            f.add(s.get("ADMISORC").toString());
            f.add(s.get("CLASSPAT").toString());
            f.add(lastEpisode ? s.get("DISMETH").toString() : "8");
            f.add(lastEpisode ? s.get("DISDEST").toString() : "98");
            f.add(s.get("STARTAGE").toString());
            f.add(s.get("SEX").toString());
            f.add(i == 0 ? s.get("MAINSPEF").toString() : tretspef);
            f.add(tretspef);
            f.add(s.get("DIAG_4_01").toString());
            f.add(CsvText.field(s.get("DIAG_4_CONCAT").toString()));
            Object op = s.get("OPERTN_4_01");
            f.add(i == 0 && op != null ? op.toString() : "-");
            f.add(s.get("IMD_DECILE").toString());
            w.write(String.join(",", f));
            w.write('\n');
        }
        return n;
    }
}
