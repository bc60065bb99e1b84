package uk.lhs.common.spc.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import uk.lhs.common.spc.SpcOptions;

/**
 * The {@code lhs.spc} configuration: how the SPC stage charts every series. Serialisable, so Spark ships it to the
 * executors with the charting function.
 *
 * @param rebase the configured rebase dates
 * @param fixAfter freeze each phase's limits after this many points, or null for no freeze
 * @param shiftLength points on one side of the centre line that make a shift
 * @param trendLength points that make a trend
 * @param screenOutliers XmR moving-range screening
 * @param twoOfThreeIncludesBeyond whether points beyond the limits count towards two-of-three
 */
public record SpcSettings(
        List<Rebase> rebase,
        Integer fixAfter,
        int shiftLength,
        int trendLength,
        boolean screenOutliers,
        boolean twoOfThreeIncludesBeyond)
        implements Serializable {

    private static final String ROOT = "lhs.spc";

    /**
     * One rebase: a new phase starts at the first point on or after {@code date}.
     *
     * @param indicator the indicator_id it applies to
     * @param orgCode the org_code it applies to, or null for every organisation
     * @param date the date
     */
    public record Rebase(String indicator, String orgCode, LocalDate date) implements Serializable {}

    /** Copies the list and validates through {@link SpcOptions} (the same messages as the engine). */
    public SpcSettings {
        rebase = List.copyOf(rebase);
        SpcOptions.builder()
                .fixAfter(fixAfter)
                .shiftLength(shiftLength)
                .trendLength(trendLength)
                .build();
    }

    /** The engine's defaults: no rebase, no freeze, 7/7, screening on, original two-of-three. */
    public static SpcSettings defaults() {
        return new SpcSettings(
                List.of(), null, SpcOptions.DEFAULT_SHIFT_LENGTH, SpcOptions.DEFAULT_TREND_LENGTH, true, false);
    }

    /**
     * Reads {@code lhs.spc} from a resolved configuration ({@code LhsConfig.raw()}).
     *
     * @throws IllegalArgumentException naming the key when a value is malformed
     */
    public static SpcSettings from(Config raw) {
        Config c = raw.getConfig(ROOT);
        try {
            List<Rebase> rebase = new ArrayList<>();
            List<? extends Config> entries = c.getConfigList("rebase");
            for (int i = 0; i < entries.size(); i++) {
                rebase.add(rebase(entries.get(i), i));
            }
            Integer fixAfter = c.hasPath("fix-after") ? c.getInt("fix-after") : null;
            return new SpcSettings(
                    rebase,
                    fixAfter,
                    c.getInt("shift-length"),
                    c.getInt("trend-length"),
                    c.getBoolean("screen-outliers"),
                    c.getBoolean("two-of-three-includes-beyond"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(
                    "configuration " + ROOT + ": " + e.getMessage() + "; see common/src/main/resources/reference.conf",
                    e);
        }
    }

    private static Rebase rebase(Config entry, int index) {
        String where = ROOT + ".rebase[" + index + "]";
        if (!entry.hasPath("indicator") || !entry.hasPath("date")) {
            throw new IllegalArgumentException(where + " needs indicator and date, e.g. { indicator = \"ae_4h_pct\","
                    + " date = \"2024-04-01\" } (org_code is optional)");
        }
        try {
            return new Rebase(
                    entry.getString("indicator"),
                    entry.hasPath("org_code") ? entry.getString("org_code") : null,
                    LocalDate.parse(entry.getString("date")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    where + ".date must be YYYY-MM-DD, got '" + entry.getString("date") + "'", e);
        }
    }

    /** The rebase dates that apply to one series, sorted and distinct. */
    public List<LocalDate> rebaseDates(String indicatorId, String orgCode) {
        return rebase.stream()
                .filter(r -> r.indicator().equals(indicatorId)
                        && (r.orgCode() == null || r.orgCode().equals(orgCode)))
                .map(Rebase::date)
                .distinct()
                .sorted()
                .toList();
    }
}
