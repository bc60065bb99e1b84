package uk.lhs.common.tables;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import uk.lhs.common.vocab.Cols;

/**
 * Contracts of the patient-level spell tables: raw rows as read ({@code bronze.spells}), typed and validated spells
 * ({@code silver.spells}) and the trust × month × stratum aggregates derived from them ({@code silver.spell_measures},
 * which carries no patient identifier).
 */
public final class SpellTables {
    private SpellTables() {}

    /** HES APC field names of a spell-level row (conf/schemas/spell.avsc), in schema order. */
    public static final List<String> SPELL_FIELDS = List.of(
            "SPELL_ID",
            "PSEUDO_HESID",
            "PROCODE3",
            "FYEAR",
            "ADMIDATE",
            "DISDATE",
            "SPELDUR",
            "ADMIMETH",
            "ADMISORC",
            "CLASSPAT",
            "DISMETH",
            "DISDEST",
            "EPITYPE",
            "EPITYPE_LAST",
            "EPICOUNT",
            "STARTAGE",
            "SEX",
            "MAINSPEF",
            "TRETSPEF",
            "DIAG_4_01",
            "DIAG_4_CONCAT",
            "OPERTN_4_01",
            "OPERTN_TRETSPEF",
            "IMD_DECILE");

    /** Fields only episode-level rows have (spells/episodes-sample.csv). */
    public static final List<String> EPISODE_FIELDS =
            List.of("EPIKEY", "EPISTART", "EPIEND", "EPIORDER", "EPISTAT", "SPELBGIN", "SPELEND");

    /** Dataset label of spell-level Parquet parts. */
    public static final String DATASET_SPELLS_PARQUET = "SPELLS_PARQUET";
    /** Dataset label of spell-level CSV files. */
    public static final String DATASET_SPELLS_CSV = "SPELLS_CSV";
    /** Dataset label of episode-level CSV files (linked into spells by EPIORDER). */
    public static final String DATASET_EPISODES_CSV = "EPISODES_CSV";

    public static final TableContract BRONZE_SPELLS = bronze();

    private static TableContract bronze() {
        TableContract.Builder b = TableContract.builder(Layer.BRONZE, "spells")
                .release(Release.PATIENT)
                .description(
                        "Every row of every landed spell or episode file exactly as read: all fields as strings (dates"
                                + " as yyyy-MM-dd), with file, sha256 and row number. Append-only; a file landing twice is skipped.")
                .required(Cols.SOURCE_SHA256, StringType, "sha256 of the file the row came from")
                .required("row_number", IntegerType, "1-based row in the file (data rows; Parquet: row index + 1)")
                .required(Cols.SOURCE_FILE, StringType, "File the row came from")
                .required(Cols.DATASET, StringType, "SPELLS_PARQUET, SPELLS_CSV or EPISODES_CSV");
        for (String f : SPELL_FIELDS) {
            b.column(f, StringType, "HES APC field " + f + " as read");
        }
        for (String f : EPISODE_FIELDS) {
            b.column(f, StringType, "HES APC episode field " + f + " as read (episode files only)");
        }
        return b.column(Cols.INGEST_RUN_ID, StringType, "Run that ingested the row")
                .keys(Cols.SOURCE_SHA256, "row_number")
                .mode(TableContract.WriteMode.APPEND_NEW_KEYS)
                .build();
    }

    public static final TableContract SILVER_SPELLS = TableContract.builder(Layer.SILVER, "spells")
            .release(Release.PATIENT)
            .description(
                    "Finished hospital provider spells (HES APC-like), typed and validated, one row per spell; rows"
                            + " failing validation are in silver.quarantine instead. period_start is the discharge month.")
            .required("spell_id", LongType, "Spell key (SPELL_ID)")
            .required(Cols.ORG_CODE, StringType, "Discharging provider (PROCODE3)")
            .required(Cols.PERIOD_START, DateType, "First day of the discharge month")
            .required("patient_id", StringType, "Pseudonymised patient identifier (PSEUDO_HESID)")
            .column("fyear", StringType, "Financial year of discharge as supplied (FYEAR)")
            .required("admission_date", DateType, "ADMIDATE")
            .required("discharge_date", DateType, "DISDATE, on or after ADMIDATE")
            .required("los_days", IntegerType, "Length of stay in days: DISDATE - ADMIDATE")
            .required("admission_method", StringType, "ADMIMETH")
            .column("admission_source", StringType, "ADMISORC")
            .required("patient_class", StringType, "CLASSPAT")
            .required("discharge_method", StringType, "DISMETH")
            .column("discharge_destination", StringType, "DISDEST")
            .column("epitype_first", StringType, "EPITYPE of the first episode")
            .column("epitype_last", StringType, "EPITYPE of the last episode")
            .column("episode_count", IntegerType, "EPICOUNT")
            .required("start_age", IntegerType, "STARTAGE as supplied: 0-120 years or 7001-7007 (infants)")
            .required("age_years", IntegerType, "Age in whole years: STARTAGE with 7001-7007 read as 0")
            .required("sex", StringType, "SEX: 0 not known, 1 male, 2 female, 9 not specified")
            .column("main_specialty", StringType, "MAINSPEF of the first episode")
            .required("treatment_function", StringType, "TRETSPEF of the first episode")
            .required("diag_primary", StringType, "DIAG_4_01: primary diagnosis, ICD-10, 4 characters")
            .column("diag_all", StringType, "DIAG_4_CONCAT: every diagnosis of the spell, comma-separated")
            .column("opertn_primary", StringType, "OPERTN_4_01: primary procedure, OPCS-4; null when none")
            .column("opertn_treatment_function", StringType, "TRETSPEF of the episode with the primary procedure")
            .column("imd_decile", IntegerType, "IMD decile 1 (most deprived) to 10; null when unknown")
            .column(Cols.SOURCE_FILE, StringType, "File the row came from")
            .column(Cols.SOURCE_SHA256, StringType, "sha256 of that file (bronze.files)")
            .column(Cols.SOURCE_ROW, IntegerType, "Row in that file (episode files: row of the first episode)")
            .column(Cols.INGEST_RUN_ID, StringType, "Run that last changed the row")
            .keys("spell_id")
            .lineage(Cols.INGEST_RUN_ID)
            .check("discharge_after_admission", "discharge_date >= admission_date")
            .check("age_valid", "start_age BETWEEN 0 AND 120 OR start_age BETWEEN 7001 AND 7007")
            .build();

    public static final TableContract SPELL_MEASURES = TableContract.builder(Layer.SILVER, "spell_measures")
            .release(Release.EXACT)
            .description("Patient-level indicators aggregated by discharging trust, discharge month and equity stratum:"
                    + " readmit_30d (NHS OF 3b), readmit_30d_isr (observed and risk-model expected), los_mean, los_21plus,"
                    + " and the rolling 12-month sums readmit_30d_12m, readmit_30d_isr_12m and readmit_30d_isr_cells_12m"
                    + " (classical cell-based expected). No patient identifiers.")
            .required(Cols.ORG_CODE, StringType, "Discharging provider")
            .required(
                    Cols.PERIOD_START,
                    DateType,
                    "First day of the discharge month (for *_12m: the last of the 12 months summed)")
            .required(
                    Cols.INDICATOR_ID,
                    StringType,
                    "readmit_30d, readmit_30d_isr, los_mean, los_21plus, readmit_30d_12m, readmit_30d_isr_12m or"
                            + " readmit_30d_isr_cells_12m")
            .required(
                    Cols.STRATUM,
                    StringType,
                    "all, imd_q1..imd_q5 (1 = most deprived), age_0_15, age_16_64, age_65_74,"
                            + " age_75_84, age_85plus, sex_male, sex_female")
            .required(
                    Cols.NUMERATOR,
                    DoubleType,
                    "readmit: readmissions; los_mean: total LOS days; los_21plus: stays >= 21" + " days")
            .required(
                    Cols.DENOMINATOR, DoubleType, "readmit: discharges in the OF 3b denominator; los: ordinary spells")
            .column("observed", DoubleType, "readmit_30d_isr*: observed readmissions O; null otherwise")
            .column(
                    "expected",
                    DoubleType,
                    "readmit_30d_isr*: expected readmissions E (risk model; cells_12m: classical cell rates), summed"
                            + " exactly (decimal); null otherwise")
            .column(
                    "sum_squares",
                    DoubleType,
                    "los_mean: Σ LOS² (days²) of the ordinary spells, for the Student t interval"
                            + " of the mean; null otherwise")
            .column(Cols.RUN_ID, StringType, "Run that computed the row")
            .keys(Cols.ORG_CODE, Cols.PERIOD_START, Cols.INDICATOR_ID, Cols.STRATUM)
            .keysUniqueByConstruction()
            .lineage(Cols.RUN_ID)
            .check("numerator_within_range", "numerator >= 0 AND denominator >= 0")
            .build();
}
