package uk.lhs.common.sources;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import uk.lhs.common.tables.TableContract;

/**
 * One source dataset as a plug-in of the ingest: how a file of it is recognised, parsed and validated, which silver
 * contract (if any) it loads and with which rows, and what it reconciles. Implementations live in
 * {@code uk.lhs.common.sources.<dataset>}, are named {@code *Source} (the only classes of {@code sources} that may
 * touch Spark rows) and are listed once, in {@code META-INF/services/uk.lhs.common.sources.Source} ({@link
 * Sources#all()}). The ingest stage is a loop over them.
 *
 * @param <T> the typed record of the dataset
 */
public interface Source<T> {
    /** What a source is for, which decides the ingest path. */
    enum Kind {
        /** A publication row-loaded on the driver (to silver, or kept in bronze only). */
        PUBLICATION,
        /** Organisation reference: supersedes the shipped reference for this run; bronze only. */
        REFERENCE,
        /** Patient-level spells: taken by the Spark spells path, not loaded row by row on the driver. */
        PATIENT_LEVEL
    }

    /** The dataset's id, written to {@code bronze.files.dataset} and {@code bronze.publication_rows.dataset}. */
    Dataset dataset();

    /** Whether the file's first record is a header (false: recognised by {@link #recognisesShape(RawRow)}). */
    default boolean hasHeader() {
        return true;
    }

    /** Columns that must be present for a file to be recognised (empty for a headerless file). */
    List<String> requiredColumns();

    /** Columns that may be present and are read when they are. */
    default List<String> optionalColumns() {
        return List.of();
    }

    /** For a headerless dataset: whether the first record has this dataset's shape. */
    default boolean recognisesShape(RawRow first) {
        return false;
    }

    /** The ingest path. */
    default Kind kind() {
        return Kind.PUBLICATION;
    }

    /** The silver table this dataset loads, or empty (reference, bronze-only or reconciliation-only datasets). */
    default Optional<TableContract> silver() {
        return Optional.empty();
    }

    /**
     * Why a recognised dataset has no silver table, or empty when it is loaded to silver (or is reference data). The
     * text goes to {@code bronze.files.message} and the ingest summary.
     */
    default Optional<String> bronzeOnlyReason() {
        return Optional.empty();
    }

    /**
     * Parses and validates one file: typed records (already restricted to {@link SourceContext#period()}), quarantined
     * rows, per-file findings and the codes to look up in the organisation reference.
     *
     * @throws SourceFileException the file cannot be loaded at all (e.g. no period in its name)
     */
    Loaded<T> load(RawCsv csv, SourceContext ctx);

    /** Rows of {@link #silver()} in the contract's column order (empty when there is no silver table). */
    default List<Row> silverRows(Loaded<T> loaded, SourceContext ctx) {
        return List.of();
    }

    /**
     * Findings that need the stored tables, made after this run's silver rows are written (e.g. a cross-check against
     * another dataset's silver table).
     *
     * @param stored reads a table's rows matching a filter, selecting the named columns
     */
    default List<Finding> reconcile(Loaded<T> loaded, BiFunction<TableContract, Column, List<Row>> stored) {
        return List.of();
    }

    /**
     * The rows of {@link #silver()} over which months missing inside each organisation's span are reported (the whole
     * table: {@code lit(true)}), or empty for no check. One source per silver table declares it.
     */
    default Optional<Column> missingMonthsOver() {
        return Optional.empty();
    }
}
