package uk.lhs.common.spells;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.vocab.Cols;

/**
 * Links consultant episodes into spells (one row per SPELL_ID), the way HES APC provider spells are built: episodes
 * in EPIORDER; admission fields (ADMIDATE, ADMIMETH, ADMISORC, CLASSPAT, STARTAGE, SEX, specialties, primary
 * diagnosis, first EPITYPE) from the first episode; discharge fields (DISDATE, DISMETH, DISDEST, last EPITYPE) from the
 * last; every distinct diagnosis of every episode in DIAG_4_CONCAT; the primary procedure is the first valid one
 * (not null, '-' or '&') searching episodes first to last, preferring an episode under a surgical treatment function,
 * with that episode's TRETSPEF (NHS OF 3b spec v5.0 p10, step A). A spell whose last episode has no DISDATE (or
 * EPIEND) is unfinished and will fail validation as such.
 *
 * <p>Input: raw episode rows, strings, with the episode header's fields, {@code source_sha256}, {@code source_file},
 * {@code row_number}, {@code dataset}. Output: raw spell rows with {@link SpellTables#SPELL_FIELDS} (strings) and the
 * source columns of the spell's first episode, ready for {@link SpellConform#conform}.
 */
public final class EpisodeLinker {
    private EpisodeLinker() {}

    /** Links {@code episodes} into spell-level raw rows. */
    public static Dataset<Row> link(Dataset<Row> episodes) {
        List<String> carried = new ArrayList<>(List.of(
                "PSEUDO_HESID",
                "PROCODE3",
                "ADMIDATE",
                "DISDATE",
                "EPIEND",
                "ADMIMETH",
                "ADMISORC",
                "CLASSPAT",
                "DISMETH",
                "DISDEST",
                "EPITYPE",
                "STARTAGE",
                "SEX",
                "MAINSPEF",
                "TRETSPEF",
                "DIAG_4_01",
                "DIAG_4_CONCAT",
                "OPERTN_4_01",
                "IMD_DECILE",
                Cols.SOURCE_SHA256,
                Cols.SOURCE_FILE,
                "row_number"));
        List<Column> fields = new ArrayList<>();
        fields.add(expr("CAST(CASE WHEN EPIORDER RLIKE '^[0-9]+$' THEN EPIORDER END AS INT)")
                .as("order"));
        fields.add(col("row_number").as("row"));
        for (String c : carried) {
            fields.add(col(c));
        }
        String validOp = "(e.OPERTN_4_01 IS NOT NULL AND trim(e.OPERTN_4_01) NOT IN ('', '-', '&'))";
        String surgical = "e.TRETSPEF IN (" + SpellCodes.sqlList(SpellCodes.SURGICAL_TRETSPEF) + ")";
        Dataset<Row> grouped = episodes.groupBy(col("SPELL_ID"))
                .agg(
                        sort_array(collect_list(struct(fields.toArray(new Column[0]))))
                                .as("eps"),
                        first(col(Cols.DATASET)).as(Cols.DATASET))
                .withColumn("f", expr("eps[0]"))
                .withColumn("l", expr("element_at(eps, -1)"))
                .withColumn(
                        "op",
                        expr("coalesce(filter(eps, e -> " + validOp + " AND " + surgical + ")[0],"
                                + " filter(eps, e -> " + validOp + ")[0])"));
        List<Column> out = new ArrayList<>();
        for (String f : SpellTables.SPELL_FIELDS) {
            Column c = switch (f) {
                case "SPELL_ID" -> col("SPELL_ID");
                case "FYEAR", "SPELDUR" -> lit(null).cast(DataTypes.StringType);
                case "DISDATE" -> expr("coalesce(nullif(trim(l.DISDATE), ''), nullif(trim(l.EPIEND), ''))");
                case "DISMETH", "DISDEST" -> col("l." + f);
                case "EPITYPE_LAST" -> col("l.EPITYPE");
                case "EPICOUNT" -> expr("CAST(size(eps) AS STRING)");
                case "DIAG_4_CONCAT" ->
                    expr("array_join(array_distinct(filter(flatten(transform(eps, e ->"
                            + " split(coalesce(e.DIAG_4_CONCAT, e.DIAG_4_01, ''), ','))), d -> trim(d) <> '')), ',')");
                case "OPERTN_4_01" -> col("op.OPERTN_4_01");
                case "OPERTN_TRETSPEF" -> col("op.TRETSPEF");
                default -> col("f." + f);
            };
            out.add(c.cast(DataTypes.StringType).as(f));
        }
        out.add(col("f.source_sha256").as(Cols.SOURCE_SHA256));
        out.add(col("f.source_file").as(Cols.SOURCE_FILE));
        out.add(col("f.row_number").as("row_number"));
        out.add(col(Cols.DATASET));
        return grouped.select(out.toArray(new Column[0]));
    }
}
