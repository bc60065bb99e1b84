package uk.lhs.common.evaluation.register;

import java.time.YearMonth;
import java.util.Map;

/**
 * What the lakehouse holds, for checking the register against it.
 *
 * @param orgLevels level (trust, system, region) of every known organisation code (silver.organisations)
 * @param indicatorMonths first and last month with data of each indicator id ({@code [first, last]})
 */
public record DataCoverage(Map<String, String> orgLevels, Map<String, YearMonth[]> indicatorMonths) {
    public DataCoverage {
        orgLevels = Map.copyOf(orgLevels);
        indicatorMonths = Map.copyOf(indicatorMonths);
    }
}
