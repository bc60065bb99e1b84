package uk.lhs.common.indicators;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import uk.lhs.common.vocab.ChartType;
import uk.lhs.common.vocab.ImprovementDirection;
import uk.lhs.common.vocab.OrgLevel;

/**
 * One entry of the indicator catalog ({@code conf/indicators/*.yaml}), validated by {@link CatalogLoader}.
 *
 * <p>A simple indicator is data, not code: its numerator and denominator are SQL expressions over the columns of
 * its silver dataset, summed per trust and month (after {@code filter}) and then summed again to system, region and
 * England. A dataset with a {@code stratum} column (silver.spell_measures) is summed per stratum, so its indicators
 * have a row per stratum at every level. A percentile indicator names an array column of weekly band counts
 * instead, summed band by band.
 *
 * @param id stable identifier, e.g. {@code ae_4hr_all} (lower case, digits, underscores)
 * @param version bumped when the definition changes meaning
 * @param title short title for charts
 * @param description one or two sentences for the data dictionary
 * @param dataset the measure source, a name in {@link IndicatorDatasets}
 * @param filter SQL condition on the dataset's rows, or null for every row
 * @param type how the value and interval are computed
 * @param numerator SQL expression summed for the numerator (observed count for ratios); null for percentiles
 * @param denominator SQL expression summed for the denominator (expected count for ratios); null for counts
 * @param sumSquares SQL expression summed for Σx² of a mean (its interval); null for other types
 * @param bands array column of weekly band counts, for percentiles; else null
 * @param percentile the percentile as a fraction (0.5, 0.92) for percentiles; else null
 * @param multiplier scale of the value: 1 for fractions and counts, 1000 for a rate per 1,000
 * @param unit the unit of {@code value} in words, e.g. {@code proportion}, {@code attendances}, {@code weeks}
 * @param direction which way is better
 * @param chartType default SPC chart, one of the catalog's ({@code CatalogLoader} keeps to the MDC defaults)
 * @param funnel how trusts are compared on a funnel plot
 * @param reliabilityMinimum the smallest summed denominator (expected count, for ratios) at which a row's value is
 *     reliable; below it the row's status is {@code low_count} ({@link Reliability}); 0 for none (counts)
 * @param targets targets with the months they apply to (may be empty)
 * @param source the publication the data come from
 * @param methodology where the definition is set out
 * @param spcLevels the organisation levels whose series the SPC stage charts ({@code spc_levels}; all four by
 *     default). The monthly readmission indicators are charted at system, region and England level and their rolling
 *     12-month forms at trust level.
 * @param spcMonths the calendar months (1-12) whose points the SPC stage charts ({@code spc_months}; every month by
 *     default). A rolling 12-month sum declares {@code [3]}: its March points are the financial years April–March,
 *     which do not overlap, so the SPC rules, which assume independent points, hold.
 */
public record Indicator(
        String id,
        int version,
        String title,
        String description,
        String dataset,
        String filter,
        MeasureType type,
        String numerator,
        String denominator,
        String sumSquares,
        String bands,
        BigDecimal percentile,
        double multiplier,
        String unit,
        ImprovementDirection direction,
        ChartType chartType,
        FunnelMethod funnel,
        double reliabilityMinimum,
        List<Target> targets,
        String source,
        String methodology,
        List<OrgLevel> spcLevels,
        List<Integer> spcMonths)
        implements Serializable {

    public Indicator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        targets = List.copyOf(targets);
        spcLevels = spcLevels == null || spcLevels.isEmpty() ? List.of(OrgLevel.values()) : List.copyOf(spcLevels);
        spcMonths = spcMonths == null ? List.of() : List.copyOf(spcMonths);
        for (int m : spcMonths) {
            if (m < 1 || m > 12) {
                throw new IllegalArgumentException("indicator " + id + ": spc_months must be months 1-12, not " + m);
            }
        }
        if (!(reliabilityMinimum >= 0) || Double.isInfinite(reliabilityMinimum)) {
            throw new IllegalArgumentException("indicator " + id
                    + ": reliability minimum must be a finite number >= 0, not " + reliabilityMinimum);
        }
    }

    /** An entry charted at every level and month (the catalog defaults for {@code spc_levels} and {@code spc_months}). */
    public Indicator(
            String id,
            int version,
            String title,
            String description,
            String dataset,
            String filter,
            MeasureType type,
            String numerator,
            String denominator,
            String sumSquares,
            String bands,
            BigDecimal percentile,
            double multiplier,
            String unit,
            ImprovementDirection direction,
            ChartType chartType,
            FunnelMethod funnel,
            double reliabilityMinimum,
            List<Target> targets,
            String source,
            String methodology) {
        this(
                id,
                version,
                title,
                description,
                dataset,
                filter,
                type,
                numerator,
                denominator,
                sumSquares,
                bands,
                percentile,
                multiplier,
                unit,
                direction,
                chartType,
                funnel,
                reliabilityMinimum,
                targets,
                source,
                methodology,
                List.of(),
                List.of());
    }

    /** Whether the SPC stage charts this indicator's series at {@code level} ({@code spc_levels}). */
    public boolean chartedAt(OrgLevel level) {
        return spcLevels.contains(level);
    }

    /**
     * The target for a month: of the targets that apply to it, the one that started last (a later standard
     * supersedes an earlier one), or null when none applies.
     */
    public Double targetFor(LocalDate periodStart) {
        Target best = null;
        for (Target t : targets) {
            if (t.appliesTo(periodStart) && (best == null || t.from().isAfter(best.from()))) {
                best = t;
            }
        }
        return best == null ? null : best.value();
    }
}
