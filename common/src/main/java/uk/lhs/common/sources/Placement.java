package uk.lhs.common.sources;

import java.time.LocalDate;
import java.util.Optional;
import uk.lhs.common.vocab.Unmapped;

/**
 * Where a published organisation code sits for a month, after successor mapping.
 *
 * @param orgCode the current code (a merged trust's history rolls into its successor)
 * @param systemCode the ICB (system) code, or {@link Unmapped#CODE}
 * @param regionCode the NHS England region code, or {@link Unmapped#CODE}
 * @param known whether the reference knows the current code
 */
public record Placement(String orgCode, String systemCode, String regionCode, boolean known) {

    /** Maps a published code for a month to its current code, system and region. */
    public static Placement of(OrgReference ref, String publishedCode, LocalDate month) {
        String current = ref.currentCode(publishedCode, month);
        Optional<Organisation> org = ref.lookup(current);
        String system = org.map(Organisation::parentSystemCode).orElse(null);
        String region = org.map(Organisation::regionCode).orElse(null);
        return new Placement(
                current,
                system == null ? Unmapped.CODE : system,
                region == null ? Unmapped.CODE : region,
                org.isPresent());
    }

    /** Whether the code maps to no system. */
    public boolean unmapped() {
        return Unmapped.CODE.equals(systemCode);
    }
}
