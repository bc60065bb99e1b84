package uk.lhs.common.sources.bronzeonly;

import java.util.List;
import java.util.Optional;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;

/** 30-day emergency readmissions r and discharges n of anonymised acute trusts, 2002-03, with a trust cluster
 * (shared data readmissions/). Recognised and kept in bronze only: with no org code and no month it has no key in
 * any silver table (every silver table is keyed by org_code and period_start). */
public final class ReadmissionsAnonymisedSource implements Source<Void> {
    @Override
    public Dataset dataset() {
        return Dataset.READMISSIONS_ANONYMISED;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("r", "n", "cluster", "cluster_code");
    }

    @Override
    public Optional<String> bronzeOnlyReason() {
        return Optional.of("recognised (2002-03 anonymised trust readmissions: r, n, cluster); kept in"
                + " bronze only: the trusts are anonymised and there is no month, so no row has the org_code and"
                + " period_start that every silver table is keyed by");
    }

    @Override
    public Loaded<Void> load(RawCsv csv, SourceContext ctx) {
        return Loaded.bronzeOnly(csv, ", " + bronzeOnlyReason().orElseThrow());
    }
}
