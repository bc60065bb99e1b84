package uk.lhs.common.evaluation.learning;

import java.util.List;
import uk.lhs.common.evaluation.Caveat;
import uk.lhs.common.evaluation.meta.MetaResult;

/**
 * One row of gold.learning: the sites of one intervention type × indicator × method pooled.
 *
 * @param interventionType the type
 * @param indicatorId the indicator
 * @param method the method of the per-site estimates (its, did, synthetic_control)
 * @param sites the sites pooled, one per organisation, sorted by organisation code
 * @param weights each site's weight in the pooled estimate, percent, in {@code sites} order (sum 100)
 * @param result the meta-analysis
 * @param caveats FEW_SITES, HIGH_HETEROGENEITY and SHARED_COMPARATORS when they apply
 * @param statement the plain-English sentence
 */
public record PooledEffect(
        String interventionType,
        String indicatorId,
        String method,
        List<SiteEffect> sites,
        List<Double> weights,
        MetaResult result,
        List<Caveat> caveats,
        String statement) {
    public PooledEffect {
        sites = List.copyOf(sites);
        weights = List.copyOf(weights);
        caveats = List.copyOf(caveats);
        if (weights.size() != sites.size()) {
            throw new IllegalArgumentException("one weight per site");
        }
    }
}
