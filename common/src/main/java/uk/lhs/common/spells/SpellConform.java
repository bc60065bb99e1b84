package uk.lhs.common.spells;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import uk.lhs.common.ingest.RowHash;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.vocab.Cols;

/**
 * Raw spell rows (every HES field a string, as in {@code bronze.spells}) to typed {@code silver.spells} rows and
 * {@code silver.quarantine} rows. A row is quarantined, with one quarantine row per problem (column, reason and the
 * row's keyed hash, {@link RowHash}: never a field of the row, which stays in {@code bronze.spells}), when a date is not a valid yyyy-MM-dd date, DISDATE precedes ADMIDATE, a code is malformed or unknown, the
 * age is outside 0-120 and 7001-7007, or its SPELL_ID repeats an earlier row's (the first row by file and row number
 * is kept). A SPELL_ID given to two patients quarantines every row of it, and a row whose SPELL_ID is already stored
 * for another patient is quarantined (the stored spell is never overwritten).
 *
 * <p>Input columns: {@link SpellTables#SPELL_FIELDS} (strings, null when absent), {@code source_sha256},
 * {@code source_file}, {@code row_number} (int) and {@code dataset}.
 */
public final class SpellConform {
    private SpellConform() {}

    /** ICD-10 at 4 characters: letter, two digits, then a digit or the HES filler X (or 3 characters). */
    static final String ICD10 = "[A-Z][0-9]{2}[0-9X]?";
    /** OPCS-4 at 4 characters: letter and three digits (or 3 characters). */
    static final String OPCS4 = "[A-Z][0-9]{2}[0-9]?";
    /** ODS provider code of a trust (PROCODE3): three letters or digits. */
    static final String PROVIDER = "[A-Z0-9]{3}";
    /** Treatment function / main specialty codes: three characters. */
    static final String SPECIALTY = "[0-9A-Z]{3}";

    /**
     * The conformed rows.
     *
     * @param silver rows matching {@link SpellTables#SILVER_SPELLS} (lineage {@code ingest_run_id} set)
     * @param quarantine rows matching {@code IngestTables.QUARANTINE}
     */
    public record Result(Dataset<Row> silver, Dataset<Row> quarantine) {}

    /**
     * Validates and types {@code raw}; {@code runId} is stamped on every output row, {@code hash} makes the quarantine
     * rows' {@code row_hash}.
     */
    public static Result conform(Dataset<Row> raw, String runId, RowHash hash) {
        return split(check(raw), runId, hash);
    }

    /**
     * The checked rows: {@code raw}'s columns (trimmed, blanks as null), the typed values ({@code _adm, _dis, _id,
     * _age, _imd, _epicount, _speldur}) and {@code _problems}, the array of (column_name, reason) structs of each row
     * (empty when the row is good). A caller may materialise this (e.g. as Parquet) before {@link #split}: the plan
     * is wide, and every action on it re-plans and recomputes the whole validation, including the duplicate-key
     * window's shuffle.
     */
    public static Dataset<Row> check(Dataset<Row> raw) {
        return check(raw, null);
    }

    /**
     * As {@link #check(Dataset)}, also against the spells already stored: a row whose SPELL_ID {@code stored} holds
     * for another patient is quarantined (the stored spell is kept, never overwritten by another patient's).
     *
     * @param stored columns {@code spell_id} (long) and {@code patient_id} of {@code silver.spells}, or null for none
     */
    public static Dataset<Row> check(Dataset<Row> raw, Dataset<Row> stored) {
        Dataset<Row> t = raw;
        for (String f : SpellTables.SPELL_FIELDS) {
            t = t.withColumn(f, when(trim(col(f)).equalTo(""), lit(null)).otherwise(trim(col(f))));
        }
        t = t.withColumn("_adm", date("ADMIDATE"))
                .withColumn("_dis", date("DISDATE"))
                .withColumn("_id", integer("SPELL_ID", DataTypes.LongType))
                .withColumn("_age", integer("STARTAGE", DataTypes.IntegerType))
                .withColumn("_imd", integer("IMD_DECILE", DataTypes.IntegerType))
                .withColumn("_epicount", integer("EPICOUNT", DataTypes.IntegerType))
                .withColumn("_speldur", integer("SPELDUR", DataTypes.IntegerType));
        // Duplicates: the first row of a SPELL_ID (by file, then row) is kept; later ones are quarantined. A SPELL_ID
        // given to two patients is ambiguous: every row of it is quarantined, as no row can be trusted to be the spell.
        t = t.withColumn(
                        "_dup",
                        row_number()
                                .over(Window.partitionBy(col("_id"))
                                        .orderBy(col(Cols.SOURCE_SHA256), col("row_number"))))
                .withColumn("_patients", size(collect_set(col("PSEUDO_HESID")).over(Window.partitionBy(col("_id")))));
        if (stored != null) {
            t = t.join(
                    stored.select(
                            col("spell_id").as("_stored_id"), col("patient_id").as("_stored_patient")),
                    col("_id").equalTo(col("_stored_id")),
                    "left");
        } else {
            t = t.withColumn("_stored_patient", lit(null).cast(DataTypes.StringType));
        }

        List<Column> problems = new ArrayList<>();
        problems.add(problem(col("SPELL_ID").isNull(), "SPELL_ID", "missing spell identifier"));
        problems.add(problem(col("SPELL_ID").isNotNull().and(col("_id").isNull()), "SPELL_ID", "not a whole number"));
        problems.add(problem(
                col("_id")
                        .isNotNull()
                        .and(col("_dup").gt(1))
                        .and(col("_patients").leq(1)),
                "SPELL_ID",
                "duplicate SPELL_ID: an earlier row has the same spell"));
        problems.add(problem(
                col("_id").isNotNull().and(col("_patients").gt(1)),
                "SPELL_ID",
                "SPELL_ID given to more than one patient in the files of this run: every row of it is quarantined"));
        problems.add(problem(
                col("_stored_patient")
                        .isNotNull()
                        .and(col("PSEUDO_HESID").isNotNull())
                        .and(col("_stored_patient").notEqual(col("PSEUDO_HESID"))),
                "SPELL_ID",
                "SPELL_ID already loaded for another patient: the stored spell is kept, this row is not loaded"));
        problems.add(problem(col("PSEUDO_HESID").isNull(), "PSEUDO_HESID", "missing patient identifier"));
        problems.add(problem(not(matches("PROCODE3", PROVIDER)), "PROCODE3", "not a 3-character provider code"));
        problems.add(problem(col("_adm").isNull(), "ADMIDATE", "missing or invalid date (want yyyy-MM-dd)"));
        problems.add(problem(col("_dis").isNull(), "DISDATE", "missing or invalid date (want yyyy-MM-dd)"));
        problems.add(problem(col("_dis").lt(col("_adm")), "DISDATE", "discharge before admission"));
        problems.add(problem(
                col("_speldur")
                        .isNotNull()
                        .and(col("_adm").isNotNull())
                        .and(col("_dis").isNotNull())
                        .and(col("_speldur").notEqual(datediff(col("_dis"), col("_adm")))),
                "SPELDUR",
                "disagrees with DISDATE - ADMIDATE"));
        problems.add(
                problem(col("SPELDUR").isNotNull().and(col("_speldur").isNull()), "SPELDUR", "not a whole number"));
        problems.add(
                problem(not(in("ADMIMETH", SpellCodes.ADMISSION_METHODS)), "ADMIMETH", "not a valid admission method"));
        problems.add(problem(
                not(in("CLASSPAT", SpellCodes.PATIENT_CLASSES)), "CLASSPAT", "not a valid patient classification"));
        problems.add(
                problem(not(in("DISMETH", SpellCodes.DISCHARGE_METHODS)), "DISMETH", "not a valid discharge method"));
        problems.add(problem(not(in("SEX", SpellCodes.SEXES)), "SEX", "not a valid sex code (0, 1, 2, 9)"));
        problems.add(problem(
                col("_age").isNull().or(not(ageValid(col("_age")))), "STARTAGE", "age must be 0-120 or 7001-7007"));
        problems.add(problem(not(matches("TRETSPEF", SPECIALTY)), "TRETSPEF", "not a 3-character treatment function"));
        problems.add(problem(
                col("MAINSPEF").isNotNull().and(not(matches("MAINSPEF", SPECIALTY))),
                "MAINSPEF",
                "not a 3-character specialty"));
        problems.add(problem(not(matches("DIAG_4_01", ICD10)), "DIAG_4_01", "not an ICD-10 code"));
        problems.add(problem(
                col("DIAG_4_CONCAT")
                        .isNotNull()
                        .and(expr("NOT forall(split(DIAG_4_CONCAT, ',')," + " d -> trim(d) rlike '^" + ICD10 + "$')")),
                "DIAG_4_CONCAT",
                "a diagnosis is not an ICD-10 code"));
        problems.add(problem(
                col("OPERTN_4_01")
                        .isNotNull()
                        .and(not(col("OPERTN_4_01").isin("-", "&")))
                        .and(not(matches("OPERTN_4_01", OPCS4))),
                "OPERTN_4_01",
                "not an OPCS-4 code"));
        problems.add(problem(
                col("IMD_DECILE")
                        .isNotNull()
                        .and(col("_imd")
                                .isNull()
                                .or(col("_imd").lt(1))
                                .or(col("_imd").gt(10))),
                "IMD_DECILE",
                "not a decile 1-10"));
        problems.add(problem(
                col("EPICOUNT")
                        .isNotNull()
                        .and(col("_epicount").isNull().or(col("_epicount").lt(1))),
                "EPICOUNT",
                "not a positive count"));

        t = t.withColumn("_p", array(problems.toArray(new Column[0])))
                // array_compact (drop the nulls) rather than filter(_p, x -> x IS NOT NULL): the same result without a
                // lambda, whose canonicalisation made Catalyst spend tens of seconds planning each action on this plan.
                .withColumn("_problems", array_compact(col("_p")));
        return t.drop("_p", "_dup", "_patients", "_stored_id", "_stored_patient");
    }

    /**
     * Silver and quarantine rows from the output of {@link #check}. A quarantine row holds the file, row, column,
     * reason (a fixed text: never the offending value) and the keyed hash of the row's HES fields; its
     * {@code raw_text} is null.
     */
    public static Result split(Dataset<Row> t, String runId, RowHash hash) {
        Dataset<Row> good = t.filter(size(col("_problems")).equalTo(0));
        Dataset<Row> silver = good.select(
                col("_id").as("spell_id"),
                col("PROCODE3").as(Cols.ORG_CODE),
                date_trunc("month", col("_dis")).cast(DataTypes.DateType).as(Cols.PERIOD_START),
                col("PSEUDO_HESID").as("patient_id"),
                col("FYEAR").as("fyear"),
                col("_adm").as("admission_date"),
                col("_dis").as("discharge_date"),
                datediff(col("_dis"), col("_adm")).as("los_days"),
                col("ADMIMETH").as("admission_method"),
                col("ADMISORC").as("admission_source"),
                col("CLASSPAT").as("patient_class"),
                col("DISMETH").as("discharge_method"),
                col("DISDEST").as("discharge_destination"),
                col("EPITYPE").as("epitype_first"),
                coalesce(col("EPITYPE_LAST"), col("EPITYPE")).as("epitype_last"),
                col("_epicount").as("episode_count"),
                col("_age").as("start_age"),
                when(col("_age").geq(SpellCodes.INFANT_AGE_FIRST), lit(0))
                        .otherwise(col("_age"))
                        .as("age_years"),
                col("SEX").as("sex"),
                col("MAINSPEF").as("main_specialty"),
                col("TRETSPEF").as("treatment_function"),
                col("DIAG_4_01").as("diag_primary"),
                coalesce(col("DIAG_4_CONCAT"), col("DIAG_4_01")).as("diag_all"),
                when(col("OPERTN_4_01").isin("-", "&"), lit(null))
                        .otherwise(col("OPERTN_4_01"))
                        .as("opertn_primary"),
                when(col("OPERTN_4_01").isin("-", "&"), lit(null))
                        .otherwise(col("OPERTN_TRETSPEF"))
                        .as("opertn_treatment_function"),
                col("_imd").as("imd_decile"),
                col(Cols.SOURCE_FILE),
                col(Cols.SOURCE_SHA256),
                col("row_number").as(Cols.SOURCE_ROW),
                lit(runId).as(Cols.INGEST_RUN_ID));

        List<Column> fields = new ArrayList<>();
        for (String f : SpellTables.SPELL_FIELDS) {
            fields.add(col(f));
        }
        Dataset<Row> quarantine = t.filter(size(col("_problems")).gt(0))
                .withColumn("_hash", hash.column(fields))
                .select(
                        col(Cols.SOURCE_SHA256),
                        col("row_number"),
                        col(Cols.SOURCE_FILE),
                        col(Cols.DATASET),
                        col("_hash"),
                        explode(col("_problems")).as("q"))
                .select(
                        col(Cols.SOURCE_SHA256),
                        col("row_number"),
                        col("q.column_name").as("column_name"),
                        col("q.reason").as("reason"),
                        col(Cols.SOURCE_FILE),
                        col(Cols.DATASET),
                        lit(null).cast(DataTypes.StringType).as("raw_text"),
                        col("_hash").as("row_hash"),
                        lit(runId).as(Cols.INGEST_RUN_ID))
                .dropDuplicates(Cols.SOURCE_SHA256, "row_number", "column_name", "reason");
        return new Result(silver, quarantine);
    }

    /** A yyyy-MM-dd date, else null (CAST is used rather than a parser so invalid days give null, never an error). */
    private static Column date(String field) {
        return when(col(field).rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), col(field).cast(DataTypes.DateType));
    }

    private static Column integer(String field, org.apache.spark.sql.types.DataType type) {
        return when(col(field).rlike("^-?[0-9]{1,18}$"), col(field).cast(type));
    }

    static Column ageValid(Column age) {
        return age.between(0, SpellCodes.MAX_AGE_YEARS)
                .or(age.between(SpellCodes.INFANT_AGE_FIRST, SpellCodes.INFANT_AGE_LAST));
    }

    private static Column matches(String field, String regex) {
        return coalesce(col(field).rlike("^" + regex + "$"), lit(false));
    }

    private static Column in(String field, List<String> codes) {
        return coalesce(col(field).isin(codes.toArray()), lit(false));
    }

    private static Column not(Column c) {
        return coalesce(org.apache.spark.sql.functions.not(c), lit(false));
    }

    private static Column problem(Column when, String column, String reason) {
        return org.apache.spark.sql.functions.when(
                coalesce(when, lit(false)),
                struct(
                        lit(column).as("column_name"),
                        lit(column + ": " + reason).as("reason")));
    }
}
