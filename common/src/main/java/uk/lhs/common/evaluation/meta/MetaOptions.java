package uk.lhs.common.evaluation.meta;

import java.io.Serializable;
import java.util.Objects;

/**
 * How to pool.
 *
 * @param method the τ² estimator (or FE for none)
 * @param hartungKnapp use the Hartung–Knapp–Sidik–Jonkman interval (t with k − 1 df and the HK variance) instead of
 *     the normal (Wald) interval; ignored when k = 1
 */
public record MetaOptions(MetaMethod method, boolean hartungKnapp) implements Serializable {
    public MetaOptions {
        Objects.requireNonNull(method, "method");
    }

    /** REML with the normal interval: the project default (metafor's default estimator). */
    public static MetaOptions reml() {
        return new MetaOptions(MetaMethod.REML, false);
    }

    /** The given method with the normal interval. */
    public static MetaOptions of(MetaMethod method) {
        return new MetaOptions(method, false);
    }
}
