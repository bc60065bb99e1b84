package uk.lhs.common.indicators;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import uk.lhs.common.tables.IngestTables;
import uk.lhs.common.tables.SpellTables;
import uk.lhs.common.tables.TableContract;
import uk.lhs.common.vocab.Cols;

/**
 * The datasets catalog entries may draw on: each is a silver table at provider × month grain (or finer) carrying
 * {@code org_code}, {@code period_start}, {@code system_code} and {@code region_code} when the engine sums it. A
 * dataset with a {@code stratum} column is summed per stratum. A further measure source is added here with its
 * contract; its rows are then summed exactly like these.
 */
public final class IndicatorDatasets {
    /** silver.ae_monthly: MSitAE provider counts. */
    public static final String AE_MONTHLY = "ae_monthly";
    /** silver.rtt_incomplete: RTT incomplete pathways by provider and treatment function. */
    public static final String RTT_INCOMPLETE = "rtt_incomplete";

    /**
     * silver.spell_measures: patient-level measures per discharging trust, month and equity stratum. It carries no
     * placement; {@link IndicatorTransforms#placed} adds it from silver.organisations before the engine sums it.
     */
    public static final String SPELL_MEASURES = "spell_measures";

    /** Columns every dataset must have, because the engine groups and places trusts by them. */
    public static final java.util.List<String> PLACEMENT_COLUMNS =
            java.util.List.of(Cols.ORG_CODE, Cols.PERIOD_START, Cols.SYSTEM_CODE, Cols.REGION_CODE);

    private static final Map<String, TableContract> DATASETS = new TreeMap<>(Map.of(
            AE_MONTHLY, IngestTables.AE_MONTHLY,
            RTT_INCOMPLETE, IngestTables.RTT_INCOMPLETE,
            SPELL_MEASURES, SpellTables.SPELL_MEASURES));

    private IndicatorDatasets() {}

    /** The contract of a dataset, empty when the name is unknown. */
    public static Optional<TableContract> contract(String dataset) {
        return Optional.ofNullable(DATASETS.get(dataset));
    }

    /** Every dataset name, sorted. */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(DATASETS.keySet());
    }
}
