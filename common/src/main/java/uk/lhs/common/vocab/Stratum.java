package uk.lhs.common.vocab;

/** Population strata of indicator rows ({@link Cols#STRATUM}). */
public final class Stratum {
    private Stratum() {}

    /** The whole population: the stratum SPC, funnels and evaluation use. */
    public static final String ALL = "all";
}
