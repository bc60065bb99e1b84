package uk.lhs.common.vocab;

/**
 * Providers no organisation reference places in a system or region (often independent-sector providers or urgent
 * treatment centres): their rows are kept, counted towards England, and shown under this pseudo-system.
 */
public final class Unmapped {
    private Unmapped() {}

    /** {@link Cols#SYSTEM_CODE}, {@link Cols#REGION_CODE} or {@link Cols#ORG_CODE} of such providers. */
    public static final String CODE = "unmapped";
    /** Name shown for the pseudo-organisation. */
    public static final String NAME = "Unmapped providers (not in the organisation reference)";
}
