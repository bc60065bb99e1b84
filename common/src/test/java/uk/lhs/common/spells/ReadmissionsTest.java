package uk.lhs.common.spells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.testing.SharedSpark;

/**
 * The NHS OF 3b rules (specification v5.0 p7-12) on hand-made spells: each denominator exclusion, the 0-29 day
 * window, counting once against the previous discharge, attribution to the discharging trust, readmissions admitted
 * after the financial year's end up to 29 April, deaths, and the measures built from them.
 */
class ReadmissionsTest {
    private static final Map<Long, Row> FLAGS = new HashMap<>();
    private static List<Row> measures;
    private static long nextId = 1;
    private static final List<Row> SPELLS = new ArrayList<>();

    /** A spell with the defaults of an includable emergency medical discharge; overrides by field name. */
    private static long spell(String patient, String org, String admit, String discharge, Object... overrides) {
        Map<String, Object> v = new HashMap<>();
        long id = nextId++;
        v.put("spell_id", id);
        v.put("org_code", org);
        LocalDate dis = LocalDate.parse(discharge);
        v.put("period_start", Date.valueOf(dis.withDayOfMonth(1)));
        v.put("patient_id", patient);
        v.put("admission_date", Date.valueOf(admit));
        v.put("discharge_date", Date.valueOf(dis));
        v.put("los_days", (int) (dis.toEpochDay() - LocalDate.parse(admit).toEpochDay()));
        v.put("admission_method", "21");
        v.put("patient_class", "1");
        v.put("discharge_method", "1");
        v.put("epitype_first", "1");
        v.put("epitype_last", "1");
        v.put("episode_count", 1);
        v.put("start_age", 70);
        v.put("age_years", 70);
        v.put("sex", "2");
        v.put("treatment_function", "300");
        v.put("diag_primary", "J189");
        v.put("diag_all", "J189");
        v.put("imd_decile", 3);
        for (int i = 0; i < overrides.length; i += 2) {
            v.put((String) overrides[i], overrides[i + 1]);
        }
        Object[] values = new Object[SpellTables.SILVER_SPELLS.schema().size()];
        String[] names = SpellTables.SILVER_SPELLS.schema().fieldNames();
        for (int i = 0; i < names.length; i++) {
            values[i] = v.get(names[i]);
        }
        SPELLS.add(RowFactory.create(values));
        return id;
    }

    /** An elective spell with a cancer primary diagnosis (C349): excluded itself, and it starts a year's look-back. */
    private static long cancerSpell(String patient, String admit, String discharge) {
        return spell(
                patient, "AAA", admit, discharge, "diag_primary", "C349", "diag_all", "C349", "admission_method", "11");
    }

    // Exclusions: each spell differs from an includable one in one field.
    private static final long INCLUDED = spell("p1", "AAA", "2023-06-01", "2023-06-05");
    private static final long DIED = spell("p2", "AAA", "2023-06-01", "2023-06-05", "discharge_method", "4");
    private static final long SELF_DISCHARGE = spell("p3", "AAA", "2023-06-01", "2023-06-05", "discharge_method", "2");
    private static final long TRIBUNAL = spell("p4", "AAA", "2023-06-01", "2023-06-05", "discharge_method", "3");
    private static final long DAY_CASE =
            spell("p5", "AAA", "2023-06-01", "2023-06-01", "patient_class", "2", "admission_method", "11");
    private static final long NOT_GENERAL_FIRST = spell("p6", "AAA", "2023-06-01", "2023-06-05", "epitype_first", "2");
    private static final long NOT_GENERAL_LAST = spell("p7", "AAA", "2023-06-01", "2023-06-05", "epitype_last", "4");
    private static final long SEX_UNKNOWN = spell("p8", "AAA", "2023-06-01", "2023-06-05", "sex", "9");
    private static final long CANCER = spell("p9", "AAA", "2023-06-01", "2023-06-05", "diag_all", "J189,C509");
    private static final long BENIGN_D36 = spell("p10", "AAA", "2023-06-01", "2023-06-05", "diag_all", "J189,D369");
    // The code list is matched at the start of each listed diagnosis (after a comma and any spaces), not inside one.
    private static final long CANCER_AFTER_SPACE =
            spell("p24", "AAA", "2023-06-01", "2023-06-05", "diag_all", "J189, I10X,  D381");
    private static final long CANCER_TEXT_INSIDE =
            spell("p25", "AAA", "2023-06-01", "2023-06-05", "diag_all", "J189,XC509,R10C");
    private static final long CHEMO =
            spell("p11", "AAA", "2023-06-01", "2023-06-05", "diag_primary", "Z511", "diag_all", "Z511");
    private static final long MATERNITY = spell(
            "p12",
            "AAA",
            "2023-06-01",
            "2023-06-05",
            "treatment_function",
            "501",
            "diag_primary",
            "O800",
            "diag_all",
            "O800");
    private static final long OBSTETRIC_TF_NON_O = spell(
            "p13",
            "AAA",
            "2023-06-01",
            "2023-06-05",
            "treatment_function",
            "501",
            "diag_primary",
            "N390",
            "diag_all",
            "N390");
    private static final long MENTAL = spell("p14", "AAA", "2023-06-01", "2023-06-05", "treatment_function", "710");
    private static final long NO_SPECIALTY =
            spell("p15", "AAA", "2023-06-01", "2023-06-05", "treatment_function", "950");
    private static final long METHOD_UNKNOWN =
            spell("p16", "AAA", "2023-06-01", "2023-06-05", "admission_method", "99");
    private static final long INFANT = spell(
            "p17", "AAA", "2023-06-01", "2023-06-05", "start_age", 7003, "age_years", 0, "treatment_function", "420");
    // Cancer in the 365 days before admission excludes; 400 days before does not.
    private static final long PRIOR_CANCER_SPELL = cancerSpell("p18", "2022-09-01", "2022-09-03");
    private static final long AFTER_CANCER = spell("p18", "AAA", "2023-06-01", "2023-06-05");
    private static final long OLD_CANCER_SPELL = cancerSpell("p19", "2022-04-27", "2022-04-28");
    private static final long AFTER_OLD_CANCER = spell("p19", "AAA", "2023-06-01", "2023-06-05");
    // Boundaries of the look-back: 365 days before admission excludes, 366 does not; a cancer spell admitted the same
    // day is not "before" (it neither excludes by itself nor hides an older cancer spell inside the year).
    private static final long CANCER_365 = cancerSpell("p20", "2022-06-01", "2022-06-02");
    private static final long AFTER_365 = spell("p20", "AAA", "2023-06-01", "2023-06-05");
    private static final long CANCER_366 = cancerSpell("p21", "2022-05-31", "2022-06-01");
    private static final long AFTER_366 = spell("p21", "AAA", "2023-06-01", "2023-06-05");
    private static final long OLDER_CANCER = cancerSpell("p22", "2023-01-10", "2023-01-12");
    private static final long SAME_DAY_CANCER = cancerSpell("p22", "2023-06-01", "2023-06-01");
    private static final long AFTER_BOTH = spell("p22", "AAA", "2023-06-01", "2023-06-05");
    private static final long SAME_DAY_CANCER_ONLY = cancerSpell("p23", "2023-06-01", "2023-06-01");
    private static final long AFTER_SAME_DAY_ONLY = spell("p23", "AAA", "2023-06-01", "2023-06-05");

    // The 0-29 day window.
    private static final long GAP29 = spell("w1", "AAA", "2023-06-01", "2023-06-05");
    private static final long GAP29_READMISSION = spell("w1", "AAA", "2023-07-04", "2023-07-06");
    private static final long GAP30 = spell("w2", "AAA", "2023-06-01", "2023-06-05");
    private static final long GAP30_READMISSION = spell("w2", "AAA", "2023-07-05", "2023-07-06");
    private static final long SAME_DAY = spell("w3", "AAA", "2023-06-01", "2023-06-05");
    private static final long SAME_DAY_READMISSION = spell("w3", "AAA", "2023-06-05", "2023-06-06");
    // Counted once, against the previous discharge: D -> R1 -> R2; D -> elective day case -> emergency.
    private static final long CHAIN_D = spell("c1", "AAA", "2023-06-01", "2023-06-05");
    private static final long CHAIN_R1 = spell("c1", "AAA", "2023-06-08", "2023-06-10");
    private static final long CHAIN_R2 = spell("c1", "AAA", "2023-06-15", "2023-06-16");
    private static final long BLOCKED_D = spell("c2", "AAA", "2023-06-01", "2023-06-05");
    private static final long BLOCKED_DC =
            spell("c2", "AAA", "2023-06-07", "2023-06-07", "patient_class", "2", "admission_method", "11");
    private static final long BLOCKED_E = spell("c2", "AAA", "2023-06-12", "2023-06-14");
    // Attribution: discharged by BBB, readmitted at CCC.
    private static final long ATTRIBUTED = spell("a1", "BBB", "2023-06-01", "2023-06-05");
    private static final long ATTRIBUTED_READMISSION = spell("a1", "CCC", "2023-06-10", "2023-06-12");
    // Financial year end: discharged 31 March, readmitted 29 April (counted) or 30 April (not).
    private static final long MARCH_31 = spell("f1", "AAA", "2024-03-28", "2024-03-31");
    private static final long APRIL_29 = spell("f1", "AAA", "2024-04-29", "2024-05-02");
    private static final long MARCH_31_B = spell("f2", "AAA", "2024-03-28", "2024-03-31");
    private static final long APRIL_30 = spell("f2", "AAA", "2024-04-30", "2024-05-02");
    // Readmissions: death counts; elective, cancer, maternity and mental health readmissions do not.
    private static final long BEFORE_DEATH = spell("d1", "AAA", "2023-06-01", "2023-06-05");
    private static final long READMITTED_DIED = spell("d1", "AAA", "2023-06-09", "2023-06-12", "discharge_method", "4");
    private static final long BEFORE_ELECTIVE = spell("e1", "AAA", "2023-06-01", "2023-06-05");
    private static final long ELECTIVE_NEXT = spell("e1", "AAA", "2023-06-09", "2023-06-12", "admission_method", "11");
    private static final long BEFORE_CANCER = spell("e2", "AAA", "2023-06-01", "2023-06-05");
    private static final long CANCER_NEXT = spell("e2", "AAA", "2023-06-09", "2023-06-12", "diag_all", "R104,C189");
    private static final long BEFORE_MATERNITY = spell("e3", "AAA", "2023-06-01", "2023-06-05", "sex", "2");
    private static final long MATERNITY_NEXT = spell(
            "e3",
            "AAA",
            "2023-06-09",
            "2023-06-12",
            "treatment_function",
            "501",
            "diag_primary",
            "O200",
            "diag_all",
            "O200");
    private static final long BEFORE_MENTAL = spell("e4", "AAA", "2023-06-01", "2023-06-05");
    private static final long MENTAL_NEXT = spell("e4", "AAA", "2023-06-09", "2023-06-12", "treatment_function", "710");
    // Data reach: the last discharge in the data is 2024-06-30, so June 2024 is not yet followed up.
    private static final long LATE = spell("z1", "AAA", "2024-06-20", "2024-06-30");

    @BeforeAll
    static void run() {
        Dataset<Row> spells = SharedSpark.session().createDataFrame(SPELLS, SpellTables.SILVER_SPELLS.schema());
        for (Row r : Readmissions.flag(spells).collectAsList()) {
            FLAGS.put(r.getLong(r.fieldIndex("spell_id")), r);
        }
        measures = SpellMeasures.aggregate(
                        Readmissions.flag(spells).withColumn("expected_p", org.apache.spark.sql.functions.lit(0.1)),
                        "test")
                .collectAsList();
    }

    private static String exclusion(long id) {
        Row r = FLAGS.get(id);
        return r.isNullAt(r.fieldIndex("exclusion")) ? null : r.getString(r.fieldIndex("exclusion"));
    }

    private static boolean readmitted(long id) {
        Row r = FLAGS.get(id);
        return r.getBoolean(r.fieldIndex("readmitted"));
    }

    @Test
    void eachDenominatorRule() {
        assertNull(exclusion(INCLUDED));
        assertEquals("discharge_method", exclusion(DIED));
        assertEquals("discharge_method", exclusion(SELF_DISCHARGE));
        assertNull(exclusion(TRIBUNAL), "DISMETH 3 (tribunal) is included");
        assertEquals("patient_class", exclusion(DAY_CASE));
        assertEquals("episode_type_first", exclusion(NOT_GENERAL_FIRST));
        assertEquals("episode_type_last", exclusion(NOT_GENERAL_LAST));
        assertEquals("sex", exclusion(SEX_UNKNOWN));
        assertEquals("cancer", exclusion(CANCER));
        assertNull(exclusion(BENIGN_D36), "D36 is benign: outside D37-D48");
        assertEquals("cancer", exclusion(CANCER_AFTER_SPACE), "a listed code after spaces is still read");
        assertNull(exclusion(CANCER_TEXT_INSIDE), "C509 inside another code is not a cancer diagnosis");
        assertEquals("cancer", exclusion(CHEMO));
        assertEquals("maternity", exclusion(MATERNITY));
        assertNull(exclusion(OBSTETRIC_TF_NON_O), "obstetric function without an O diagnosis is not maternity");
        assertEquals("mental_health", exclusion(MENTAL));
        assertEquals("specialty", exclusion(NO_SPECIALTY));
        assertEquals("admission_method", exclusion(METHOD_UNKNOWN));
        assertNull(exclusion(INFANT), "STARTAGE 7003 is a valid infant age");
        assertEquals("cancer", exclusion(PRIOR_CANCER_SPELL));
        assertEquals("cancer_prior_year", exclusion(AFTER_CANCER));
        assertNull(exclusion(AFTER_OLD_CANCER), "cancer more than 365 days before admission does not exclude");
        assertEquals("cancer", exclusion(OLD_CANCER_SPELL));
        assertEquals("cancer_prior_year", exclusion(AFTER_365), "a cancer admission exactly 365 days before excludes");
        assertNull(exclusion(AFTER_366), "a cancer admission 366 days before does not exclude");
        assertEquals(
                "cancer_prior_year",
                exclusion(AFTER_BOTH),
                "a same-day cancer spell must not hide one 142 days before");
        assertNull(exclusion(AFTER_SAME_DAY_ONLY), "a cancer spell admitted the same day is not in the year before");
        assertEquals("cancer", exclusion(CANCER_365));
        assertEquals("cancer", exclusion(CANCER_366));
        assertEquals("cancer", exclusion(OLDER_CANCER));
        assertEquals("cancer", exclusion(SAME_DAY_CANCER));
        assertEquals("cancer", exclusion(SAME_DAY_CANCER_ONLY));
    }

    @Test
    void windowIsZeroToTwentyNineDays() {
        assertTrue(readmitted(GAP29));
        assertFalse(readmitted(GAP30));
        assertTrue(readmitted(SAME_DAY), "readmission on the day of discharge is day 0");
        assertEquals(29, FLAGS.get(GAP29).getInt(FLAGS.get(GAP29).fieldIndex("days_to_next")));
        assertFalse(readmitted(GAP29_READMISSION));
        assertFalse(readmitted(GAP30_READMISSION));
        assertFalse(readmitted(SAME_DAY_READMISSION));
    }

    @Test
    void eachReadmissionCountsOnceAgainstThePreviousDischarge() {
        assertTrue(readmitted(CHAIN_D));
        assertEquals(CHAIN_R1, FLAGS.get(CHAIN_D).getLong(FLAGS.get(CHAIN_D).fieldIndex("next_spell_id")));
        assertTrue(readmitted(CHAIN_R1), "R2 is R1's readmission, not D's");
        assertFalse(readmitted(CHAIN_R2));
        assertFalse(readmitted(BLOCKED_D), "the next spell is the day case, which is not an emergency readmission");
        assertEquals("patient_class", exclusion(BLOCKED_DC));
        assertFalse(readmitted(BLOCKED_DC), "a day case is not a denominator discharge, so E counts against nothing");
        assertFalse(readmitted(BLOCKED_E));
    }

    @Test
    void readmissionAfterYearEndCountsAgainstMarch() {
        assertTrue(readmitted(MARCH_31));
        assertFalse(readmitted(MARCH_31_B));
        assertEquals(
                Date.valueOf("2024-03-01"),
                FLAGS.get(MARCH_31).getDate(FLAGS.get(MARCH_31).fieldIndex("period_start")));
        assertFalse(readmitted(APRIL_29));
        assertFalse(readmitted(APRIL_30));
    }

    @Test
    void readmissionCriteria() {
        assertTrue(readmitted(BEFORE_DEATH), "a readmission ending in death counts");
        assertEquals("discharge_method", exclusion(READMITTED_DIED));
        assertFalse(readmitted(BEFORE_ELECTIVE));
        assertFalse(readmitted(BEFORE_CANCER));
        assertFalse(readmitted(BEFORE_MATERNITY));
        assertFalse(readmitted(BEFORE_MENTAL));
        assertNull(exclusion(ELECTIVE_NEXT));
        assertEquals("cancer", exclusion(CANCER_NEXT));
        assertEquals("maternity", exclusion(MATERNITY_NEXT));
        assertEquals("mental_health", exclusion(MENTAL_NEXT));
    }

    @Test
    void followUpMustBeComplete() {
        Row late = FLAGS.get(LATE);
        assertFalse(late.getBoolean(late.fieldIndex("follow_up_complete")));
        Row may = FLAGS.get(APRIL_29);
        assertTrue(may.getBoolean(may.fieldIndex("follow_up_complete")), "May 2024 + 29 days is within 2024-06-30");
    }

    private static Row measure(String org, String month, String indicator, String stratum) {
        return measures.stream()
                .filter(r -> r.getString(0).equals(org)
                        && r.getDate(1).equals(Date.valueOf(month))
                        && r.getString(2).equals(indicator)
                        && r.getString(3).equals(stratum))
                .findFirst()
                .orElse(null);
    }

    @Test
    void measuresAttributeToTheDischargingTrust() {
        Row bbb = measure("BBB", "2023-06-01", "readmit_30d", "all");
        assertEquals(1.0, bbb.getDouble(4));
        assertEquals(1.0, bbb.getDouble(5));
        Row ccc = measure("CCC", "2023-06-01", "readmit_30d", "all");
        assertEquals(0.0, ccc.getDouble(4), "CCC only readmitted; its own spell was not followed by one");
        Row isr = measure("BBB", "2023-06-01", "readmit_30d_isr", "all");
        assertEquals(1.0, isr.getDouble(6));
        assertEquals(0.1, isr.getDouble(7), 1e-12);
        assertEquals(1.0, measure("BBB", "2023-06-01", "readmit_30d", "imd_q2").getDouble(5));
        assertEquals(
                1.0, measure("BBB", "2023-06-01", "readmit_30d", "age_65_74").getDouble(5));
        assertEquals(
                1.0, measure("BBB", "2023-06-01", "readmit_30d", "sex_female").getDouble(5));
        assertNull(measure("BBB", "2023-06-01", "readmit_30d", "sex_male"));
        assertNull(measure("AAA", "2024-06-01", "readmit_30d", "all"), "June 2024 is not yet followed up");
        Row los = measure("AAA", "2024-06-01", "los_mean", "all");
        assertEquals(10.0, los.getDouble(4));
        assertEquals(1.0, los.getDouble(5));
    }
}
