package uk.lhs.common.evaluation.meta;

import java.util.Arrays;
import java.util.Locale;

/** How the between-site variance τ² is estimated (or assumed zero). */
public enum MetaMethod {
    /** Fixed (common) effect: τ² = 0, inverse-variance weights (Borenstein et al. 2009, ch. 11). */
    FE("fe"),
    /** Random effects, DerSimonian &amp; Laird (1986) method-of-moments τ². */
    DL("dl"),
    /** Random effects, restricted maximum likelihood τ² by Fisher scoring (Viechtbauer 2005). */
    REML("reml"),
    /** Random effects, Paule &amp; Mandel (1982) iterated τ² (generalised Q = k − 1). */
    PM("pm");

    private final String code;

    MetaMethod(String code) {
        this.code = code;
    }

    /** The lower-case code used on the command line and in tables: fe, dl, reml or pm. */
    public String code() {
        return code;
    }

    /**
     * Parses a code (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted codes
     */
    public static MetaMethod fromCode(String code) {
        String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        for (MetaMethod m : values()) {
            if (m.code.equals(c)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown meta-analysis method '" + code + "'; use one of "
                + String.join(
                        ", ", Arrays.stream(values()).map(MetaMethod::code).toList()));
    }
}
