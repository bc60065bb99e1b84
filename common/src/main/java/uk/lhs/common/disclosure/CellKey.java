package uk.lhs.common.disclosure;

import java.util.Comparator;

/**
 * Where a published cell sits: organisation level and code, month, indicator and stratum.
 *
 * @param level trust, system, region or england
 * @param org organisation code
 * @param period first day of the month, ISO (yyyy-MM-dd)
 * @param indicator catalog id
 * @param stratum {@code all}, or a stratum whose family is the text before its first underscore ({@code imd_q1} is
 *     in family {@code imd}, {@code age_0_15} in {@code age})
 */
public record CellKey(String level, String org, String period, String indicator, String stratum) {
    /** The order cells are processed in, so results never depend on the order rows arrived in. */
    public static final Comparator<CellKey> ORDER = Comparator.comparing(CellKey::indicator)
            .thenComparing(CellKey::period)
            .thenComparing(CellKey::stratum)
            .thenComparing(CellKey::level)
            .thenComparing(CellKey::org);

    /** The stratum family ({@code imd}, {@code age}, {@code sex}), or null for {@code all}. */
    public String family() {
        if (stratum.equals("all")) {
            return null;
        }
        int u = stratum.indexOf('_');
        return u < 0 ? stratum : stratum.substring(0, u);
    }
}
