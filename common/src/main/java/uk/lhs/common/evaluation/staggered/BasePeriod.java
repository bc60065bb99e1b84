package uk.lhs.common.evaluation.staggered;

/**
 * The base period of each group-time effect (R {@code did::att_gt(base_period=)}; Callaway &amp; Sant'Anna 2021, J
 * Econometrics 225(2)). Post-treatment effects always compare with period g−1; the choice matters for the
 * pre-treatment (placebo) effects.
 */
public enum BasePeriod {
    /** Pre-treatment effects compare period t with t−1 (short differences); {@code varying}, R's default. */
    VARYING,
    /** Every effect compares with period g−1, whose own effect is 0 by construction; {@code universal}. */
    UNIVERSAL
}
