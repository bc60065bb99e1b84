package uk.lhs.common.spells;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import uk.lhs.common.vocab.Cols;

/**
 * The NHS Outcomes Framework 3b / I02040 30-day emergency readmission logic (specification v5.0, October 2024,
 * pages 7-12) on {@code silver.spells}: which discharges are in the denominator, and which of them are followed by a
 * readmission counted in the numerator.
 *
 * <ul>
 *   <li>Denominator (p7-9): DISMETH 1 or 3 (so deaths are excluded), ADMIMETH in the specification's list, first
 *       episode EPITYPE 1 and CLASSPAT 1 (ordinary admissions: day cases excluded), STARTAGE 0-120 or 7001-7007, SEX 1
 *       or 2, last episode EPITYPE 1; not maternity (TRETSPEF 501/560/610 with an O-chapter primary diagnosis), not a
 *       mental health treatment function, no cancer or chemotherapy diagnosis in the spell or in the patient's spells
 *       admitted in the 365 days before admission; and a medical or surgical specialty (3-step allocation, p10).</li>
 *   <li>Numerator (p11-12): the patient's next spell (by admission date) is an emergency admission (ADMIMETH 21-25,
 *       28, 2A-2D), first episode EPITYPE 1 and CLASSPAT 1, with the same cancer, obstetric and mental health
 *       exclusions, admitted 0-29 days after this discharge; the readmission may end in death. Each readmission is
 *       counted once, against the previous discharge only, and attributed to the discharging trust and month.</li>
 * </ul>
 *
 * <p>Discharges of a financial year are followed into the next (a 31 March discharge counts a readmission up to 29
 * April, inside the specification's "admitted by 30 April" window). A discharge is {@code follow_up_complete} when
 * the data reach 29 days past the end of its month (the latest discharge date in the data marks that reach).
 * Not modelled: continuous in-patient (CIP) linking of transfers (provider spells are used as CIP spells) and the
 * exclusion of mental health providers reporting to MHSDS (no such list in the data).
 */
public final class Readmissions {
    private Readmissions() {}

    /**
     * Flags every spell.
     *
     * @param spells rows of {@code silver.spells}
     * @return one row per spell: {@code spell_id, patient_id, org_code, period_start, admission_date, discharge_date,
     *     los_days, patient_class, age_years, sex, imd_decile, elective, age_band, casemix_group, exclusion} (the first
     *     denominator rule the spell fails, null when it is in the denominator), {@code in_denominator},
     *     {@code readmission_eligible}, {@code next_spell_id}, {@code days_to_next}, {@code readmitted} and
     *     {@code follow_up_complete}
     */
    public static Dataset<Row> flag(Dataset<Row> spells) {
        // A cancer code in any position of the comma-separated diagnosis list: one regular expression over the string
        // (the code at the start or after a comma and spaces), the same test as trimming each split element and
        // matching the anchored code list, without an array and a per-element lambda (interpreted, not code-generated).
        String cancer = "coalesce(diag_all, diag_primary) rlike '(^|,) *" + SpellCodes.CANCER_CODES
                + "' OR diag_primary rlike '" + SpellCodes.CANCER_DIAGNOSIS_REGEX + "'";
        WindowSpec patient = Window.partitionBy("patient_id").orderBy("admission_date", "discharge_date", "spell_id");
        WindowSpec before = patient.rowsBetween(Window.unboundedPreceding(), -1);
        WindowSpec sameDay = Window.partitionBy("patient_id", "admission_date").orderBy("discharge_date", "spell_id");
        // Everything that needs only the spell itself is computed before the windows, so the shuffle by patient carries
        // a few flags instead of the ten code columns they are read from (bench/readmissions-bench.sh, 20M spells:
        // 83-93 s against 102-111 s when they were computed after the windows). The denominator rules keep the
        // specification's order: those before the prior-year cancer rule, that rule (the only one needing the patient's
        // history), then those after it.
        Dataset<Row> t = spells.withColumn(
                        "_adm_day", expr("CAST(datediff(admission_date, DATE'1970-01-01') AS BIGINT)"))
                .withColumn("_cancer", expr("CASE WHEN " + cancer + " THEN 1 ELSE 0 END"))
                .withColumn(
                        "_maternity",
                        expr("treatment_function IN (" + SpellCodes.sqlList(SpellCodes.OBSTETRIC_TRETSPEF)
                                + ") AND diag_primary LIKE 'O%'"))
                .withColumn(
                        "_mental",
                        expr("treatment_function IN (" + SpellCodes.sqlList(SpellCodes.MENTAL_HEALTH_TRETSPEF) + ")"))
                .withColumn("casemix_group", casemixGroup())
                .withColumn("age_band", ageBand(col("age_years")))
                .withColumn("elective", col("admission_method").startsWith("1"));
        Column excludedBefore = when(
                        not("discharge_method IN (" + sql(SpellCodes.DENOMINATOR_DISCHARGE_METHODS) + ")"),
                        lit("discharge_method"))
                .when(
                        not("admission_method IN (" + sql(SpellCodes.DENOMINATOR_ADMISSION_METHODS) + ")"),
                        lit("admission_method"))
                .when(not("patient_class = '1'"), lit("patient_class"))
                .when(not("epitype_first = '1'"), lit("episode_type_first"))
                .when(not("epitype_last = '1'"), lit("episode_type_last"))
                .when(not("(start_age BETWEEN 0 AND 120) OR (start_age BETWEEN 7001 AND 7007)"), lit("age"))
                .when(not("sex IN ('1', '2')"), lit("sex"))
                .when(col("_cancer").equalTo(1), lit("cancer"));
        Column excludedAfter = when(col("_maternity"), lit("maternity"))
                .when(col("_mental"), lit("mental_health"))
                .when(col("casemix_group").isNull(), lit("specialty"))
                .when(col(Cols.ORG_CODE).isNull(), lit("provider"));
        t = t.withColumn("_excluded_before", excludedBefore)
                .withColumn("_excluded_after", excludedAfter)
                .withColumn(
                        "_eligible_alone",
                        expr(
                                "admission_method IN (" + sql(SpellCodes.EMERGENCY_METHODS)
                                        + ") AND epitype_first = '1' AND patient_class = '1' AND _cancer = 0 AND NOT _maternity AND NOT _mental"));

        // Cancer in the 365 days before admission, without a second sort: a cancer spell admitted 1-365 days earlier
        // exists exactly when the latest cancer admission on an earlier day is at most 365 days back. The running max
        // of
        // cancer admission days over the preceding rows, taken at the day's first row (where no same-day row precedes),
        // is that latest earlier day; both windows reuse the patient window's sort (one shuffle, one sort per spell).
        t = t.withColumn(
                        "_cancer_before",
                        max(when(col("_cancer").equalTo(1), col("_adm_day"))).over(before))
                .withColumn("_cancer_last_day", first(col("_cancer_before")).over(sameDay))
                .withColumn(
                        "_cancer_prior",
                        col("_adm_day").minus(col("_cancer_last_day")).leq(365));
        t = t.withColumn(
                        "exclusion",
                        coalesce(
                                col("_excluded_before"),
                                when(col("_cancer_prior"), lit("cancer_prior_year")),
                                col("_excluded_after")))
                .withColumn("in_denominator", col("exclusion").isNull())
                .withColumn("readmission_eligible", expr("_eligible_alone AND NOT coalesce(_cancer_prior, false)"));
        t = t.withColumn("next_spell_id", lead(col("spell_id"), 1).over(patient))
                .withColumn("_next_admission", lead(col("admission_date"), 1).over(patient))
                .withColumn(
                        "_next_eligible", lead(col("readmission_eligible"), 1).over(patient))
                .withColumn("days_to_next", datediff(col("_next_admission"), col("discharge_date")));
        t = t.withColumn(
                "readmitted",
                col("in_denominator")
                        .and(expr("coalesce(_next_eligible, false)"))
                        .and(expr("coalesce(days_to_next BETWEEN 0 AND " + SpellCodes.READMISSION_MAX_DAYS
                                + ", false)")));
        Dataset<Row> reach = spells.agg(max(col("discharge_date")).as("_reach"));
        t = t.crossJoin(broadcast(reach))
                .withColumn(
                        "follow_up_complete",
                        expr("date_add(last_day(period_start), " + SpellCodes.READMISSION_MAX_DAYS + ") <= _reach"));
        return t.select(
                "spell_id",
                "patient_id",
                Cols.ORG_CODE,
                Cols.PERIOD_START,
                "admission_date",
                "discharge_date",
                "los_days",
                "patient_class",
                "age_years",
                "sex",
                "imd_decile",
                "elective",
                "age_band",
                "casemix_group",
                "exclusion",
                "in_denominator",
                "readmission_eligible",
                "next_spell_id",
                "days_to_next",
                "readmitted",
                "follow_up_complete");
    }

    /**
     * The specification's 3-step case-mix allocation (p10): A, a valid procedure recorded under a surgical treatment
     * function: procedure group (3 characters; Y and Z codes go to the no-procedure basket); B, otherwise a surgical
     * first-episode treatment function: the no-procedure basket; C, otherwise a medical one: diagnosis group (3
     * characters). Null when none applies (the spell is outside the specification's specialties).
     */
    static Column casemixGroup() {
        String surgical = "(" + sql(SpellCodes.SURGICAL_TRETSPEF) + ")";
        String medical = "(" + sql(SpellCodes.MEDICAL_TRETSPEF) + ")";
        return expr("CASE WHEN opertn_primary IS NOT NULL AND opertn_treatment_function IN " + surgical
                + " THEN CASE WHEN substr(opertn_primary, 1, 1) IN ('Y', 'Z') THEN 'S:none'"
                + " ELSE concat('S:', substr(opertn_primary, 1, 3)) END"
                + " WHEN treatment_function IN " + surgical + " THEN 'S:none'"
                + " WHEN treatment_function IN " + medical + " THEN concat('M:', substr(diag_primary, 1, 3))"
                + " END");
    }

    /** Standardisation age bands (spec p13): 0 (&lt;1), 1-4, 5-9, 10-15, 16-64, 65-74, 75-84, 85+. */
    static Column ageBand(Column age) {
        return when(age.lt(1), lit("0"))
                .when(age.lt(5), lit("1_4"))
                .when(age.lt(10), lit("5_9"))
                .when(age.lt(16), lit("10_15"))
                .when(age.lt(65), lit("16_64"))
                .when(age.lt(75), lit("65_74"))
                .when(age.lt(85), lit("75_84"))
                .otherwise(lit("85plus"));
    }

    private static String sql(java.util.List<String> codes) {
        return SpellCodes.sqlList(codes);
    }

    private static Column not(String condition) {
        return expr("NOT coalesce(" + condition + ", false)");
    }
}
