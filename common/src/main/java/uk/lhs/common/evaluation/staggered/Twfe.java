package uk.lhs.common.evaluation.staggered;

/**
 * The two-way fixed effects estimate beside the group-time effects: y_it = α_i + λ_t + β·D_it + ε_it with
 * D_it = 1 from the unit's first treated period on. Under staggered adoption with effects that vary by cohort or
 * over time β is a weighted average of all 2×2 comparisons, some with negative weights (Goodman-Bacon 2021, J
 * Econometrics 225(2)), so it can disagree with the group-time aggregates.
 *
 * @param estimate β
 * @param se cluster-robust standard error by unit (CR1 as Stata's {@code xtreg, fe vce(cluster)})
 * @param ciLower lower 95% limit, β − t(G−1)·se
 * @param ciUpper upper 95% limit
 */
public record Twfe(double estimate, double se, double ciLower, double ciUpper) {}
