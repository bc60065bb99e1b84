package uk.lhs.common.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The clinical case-mix of synthetic spells: conditions with their treatment function, ICD-10 diagnosis, OPCS-4
 * procedure, mean length of stay and readmission log-odds, covering what the NHS OF 3b readmission specification
 * (I02040 v5.0) standardises on (age, sex, elective/non-elective, medical/surgical specialty, 3-character diagnosis or
 * procedure group) and what it excludes (day cases, deaths, maternity, mental health, cancer and chemotherapy).
 * Treatment functions follow the specification's medical/surgical lists (e.g. 100/101/110/120/130 surgical,
 * 300/301/320/340/430/502 medical).
 */
final class SpellCaseMix {
    /** How a condition is admitted. */
    enum Kind {
        /** Emergency ordinary admission (ADMIMETH 21–28). */
        EMERGENCY,
        /** Elective ordinary admission (ADMIMETH 11–13, CLASSPAT 1). */
        ELECTIVE,
        /** Elective day case (CLASSPAT 2). */
        DAY_CASE,
        /** Regular day attender (CLASSPAT 3), e.g. chemotherapy. */
        REGULAR,
        /** Maternity (TRETSPEF 501, O-chapter diagnosis, EPITYPE 2). */
        MATERNITY
    }

    /** Who a condition can happen to. */
    enum Who {
        ADULT,
        CHILD,
        FEMALE_16_45,
        ANY
    }

    /**
     * A condition.
     *
     * @param diag primary diagnosis (ICD-10, 4 characters)
     * @param opertn primary procedure (OPCS-4) or null
     * @param meanLos mean length of stay of an ordinary admission, days (at least 1)
     * @param logit readmission log-odds contribution of the diagnosis/procedure group
     * @param secondary extra diagnosis appended to DIAG_4_CONCAT, or null
     */
    record Condition(
            String name,
            Kind kind,
            Who who,
            double weight,
            String tretspef,
            String diag,
            String opertn,
            double meanLos,
            double logit,
            String secondary) {}

    /** Conditions; weights are relative within the patient's eligible set. */
    static final List<Condition> CONDITIONS = List.of(
            // Emergency medical.
            new Condition("copd", Kind.EMERGENCY, Who.ADULT, 0.05, "340", "J440", null, 6, 0.55, "I10X"),
            new Condition("heart_failure", Kind.EMERGENCY, Who.ADULT, 0.04, "320", "I500", null, 9, 0.6, "N183"),
            new Condition("pneumonia", Kind.EMERGENCY, Who.ADULT, 0.08, "300", "J189", null, 8, 0.3, null),
            new Condition("uti", Kind.EMERGENCY, Who.ADULT, 0.06, "300", "N390", null, 6, 0.25, "E119"),
            new Condition("chest_pain", Kind.EMERGENCY, Who.ADULT, 0.07, "320", "R074", null, 1.3, -0.7, null),
            new Condition("sepsis", Kind.EMERGENCY, Who.ADULT, 0.04, "300", "A419", null, 9, 0.35, null),
            new Condition("stroke", Kind.EMERGENCY, Who.ADULT, 0.03, "328", "I639", null, 12, 0.0, "I48X"),
            new Condition("syncope", Kind.EMERGENCY, Who.ADULT, 0.04, "300", "R55X", null, 2.5, -0.3, null),
            new Condition("gastritis", Kind.EMERGENCY, Who.ADULT, 0.02, "301", "K297", null, 3, 0.0, null),
            new Condition("alcoholic_liver", Kind.EMERGENCY, Who.ADULT, 0.01, "301", "K703", null, 8, 0.8, "F102"),
            new Condition("delirium", Kind.EMERGENCY, Who.ADULT, 0.02, "430", "F050", null, 14, 0.45, "F03X"),
            new Condition("falls", Kind.EMERGENCY, Who.ADULT, 0.03, "430", "R296", null, 7, 0.3, "W19X"),
            new Condition("diabetes", Kind.EMERGENCY, Who.ADULT, 0.01, "307", "E111", null, 5, 0.5, null),
            new Condition("asthma", Kind.EMERGENCY, Who.ADULT, 0.01, "340", "J459", null, 3, 0.0, null),
            new Condition("anaemia", Kind.EMERGENCY, Who.ADULT, 0.01, "303", "D649", null, 4, 0.35, null),
            // Emergency surgical (with and without an operation).
            new Condition("abdominal_pain", Kind.EMERGENCY, Who.ANY, 0.05, "100", "R104", null, 2, -0.3, null),
            new Condition("appendicitis", Kind.EMERGENCY, Who.ANY, 0.02, "100", "K358", "H011", 3, -0.3, null),
            new Condition("hip_fracture", Kind.EMERGENCY, Who.ADULT, 0.02, "110", "S720", "W461", 14, 0.3, "W19X"),
            new Condition("cholecystitis", Kind.EMERGENCY, Who.ADULT, 0.015, "100", "K802", "J183", 4, 0.0, null),
            new Condition("wrist_fracture", Kind.EMERGENCY, Who.ANY, 0.01, "110", "S525", "W191", 2, -0.4, null),
            // Elective ordinary.
            new Condition("hip_replacement", Kind.ELECTIVE, Who.ADULT, 0.015, "110", "M161", "W371", 4, -0.3, null),
            new Condition("knee_replacement", Kind.ELECTIVE, Who.ADULT, 0.015, "110", "M171", "W401", 4, -0.4, null),
            new Condition("hernia_repair", Kind.ELECTIVE, Who.ANY, 0.01, "100", "K409", "T202", 1.5, -0.6, null),
            new Condition("turp", Kind.ELECTIVE, Who.ADULT, 0.01, "101", "N40X", "M651", 2.5, 0.1, null),
            new Condition("hysterectomy", Kind.ELECTIVE, Who.FEMALE_16_45, 0.01, "502", "N800", "Q073", 3, -0.3, null),
            new Condition("pci", Kind.ELECTIVE, Who.ADULT, 0.01, "320", "I251", "K751", 2, -0.2, null),
            new Condition("septoplasty", Kind.ELECTIVE, Who.ANY, 0.005, "120", "J342", "E036", 1.2, -0.6, null),
            // Day cases.
            new Condition("cataract", Kind.DAY_CASE, Who.ADULT, 0.06, "130", "H251", "C751", 1, -1.0, null),
            new Condition("colonoscopy", Kind.DAY_CASE, Who.ADULT, 0.05, "301", "K573", "H221", 1, -0.8, null),
            new Condition("cystoscopy", Kind.DAY_CASE, Who.ADULT, 0.03, "101", "R31X", "M451", 1, -0.6, null),
            new Condition("gastroscopy", Kind.DAY_CASE, Who.ADULT, 0.04, "301", "K219", "G451", 1, -0.8, null),
            new Condition("skin_excision", Kind.DAY_CASE, Who.ANY, 0.02, "160", "L989", "S069", 1, -1.0, null),
            // Cancer and chemotherapy (excluded by the specification).
            new Condition("lung_cancer", Kind.EMERGENCY, Who.ADULT, 0.02, "370", "C349", null, 8, 0.8, null),
            new Condition("colectomy", Kind.ELECTIVE, Who.ADULT, 0.01, "100", "C189", "H074", 8, 0.4, null),
            new Condition("chemotherapy", Kind.REGULAR, Who.ADULT, 0.02, "370", "Z511", "X352", 1, 0.8, "C509"),
            // Maternity and mental health (excluded).
            new Condition("delivery", Kind.MATERNITY, Who.FEMALE_16_45, 0.07, "501", "O800", null, 1.5, -0.5, "Z370"),
            new Condition("depression", Kind.EMERGENCY, Who.ADULT, 0.008, "710", "F322", null, 30, 0.5, null),
            // Children (paediatrics, TRETSPEF 420).
            new Condition("bronchiolitis", Kind.EMERGENCY, Who.CHILD, 0.35, "420", "J219", null, 2, 0.2, null),
            new Condition("fever", Kind.EMERGENCY, Who.CHILD, 0.3, "420", "R509", null, 1.5, -0.2, null),
            new Condition("urti", Kind.EMERGENCY, Who.CHILD, 0.3, "420", "J069", null, 1.2, -0.3, null),
            new Condition("tonsillectomy", Kind.ELECTIVE, Who.CHILD, 0.1, "120", "J350", "F341", 1, -0.4, null));

    private SpellCaseMix() {}

    /** Whether a condition may happen to a patient of this age (years) and sex ("1"/"2"). */
    static boolean allowed(Condition c, int age, String sex) {
        return switch (c.who()) {
            case ADULT -> age >= 16;
            case CHILD -> age < 16;
            case FEMALE_16_45 -> sex.equals("2") && age >= 16 && age <= 45;
            case ANY -> true;
        };
    }

    /** Draws a condition for a patient; {@code emergencyMedicalOnly} restricts to countable emergency readmissions. */
    static Condition draw(SplittableRandom r, int age, String sex, boolean emergencyMedicalOnly) {
        double[] w = new double[CONDITIONS.size()];
        for (int i = 0; i < w.length; i++) {
            Condition c = CONDITIONS.get(i);
            boolean ok = allowed(c, age, sex)
                    && (!emergencyMedicalOnly || (c.kind() == Kind.EMERGENCY && c.opertn() == null && !excluded(c)));
            w[i] = ok ? c.weight() : 0;
        }
        return CONDITIONS.get(Seeds.weighted(r, w));
    }

    /**
     * Whether the specification excludes the condition from the denominator by its own codes: cancer (C00–C97,
     * D37–D48) or chemotherapy (Z51.1) diagnosis, maternity (TRETSPEF 501/560/610 with O-chapter diagnosis), mental
     * health treatment function, or a day case / regular attender.
     */
    static boolean excluded(Condition c) {
        return c.diag().startsWith("C")
                || c.diag().equals("Z511")
                || c.kind() == Kind.MATERNITY
                || c.kind() == Kind.DAY_CASE
                || c.kind() == Kind.REGULAR
                || c.tretspef().equals("710")
                || (c.secondary() != null && c.secondary().startsWith("C"));
    }
}
