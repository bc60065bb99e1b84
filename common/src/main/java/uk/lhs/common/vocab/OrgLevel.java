package uk.lhs.common.vocab;

import java.util.Locale;

/** Level of an organisation in the NHS hierarchy: trust → system (ICB) → region → England. */
public enum OrgLevel {
    TRUST,
    SYSTEM,
    REGION,
    ENGLAND;

    /** The lower-case name written to {@link Cols#ORG_LEVEL}, e.g. {@code "trust"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #label()}. */
    public static OrgLevel fromLabel(String label) {
        for (OrgLevel l : values()) {
            if (l.label().equals(label)) {
                return l;
            }
        }
        throw new IllegalArgumentException(
                "unknown organisation level '" + label + "'; use trust, system, region or" + " england");
    }
}
