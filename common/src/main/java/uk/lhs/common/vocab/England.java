package uk.lhs.common.vocab;

/** The England pseudo-organisation: the national level of every indicator. */
public final class England {
    private England() {}

    /** {@link Cols#ORG_CODE} of the England rows. */
    public static final String CODE = "ENG";
    /** Name shown for them. */
    public static final String NAME = "England";
}
