package uk.lhs.common.sources.org;

import java.util.List;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.OrgSuccessor;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;

/**
 * Predecessor to successor organisation file ({@code org_successors.csv}, ISO dates). Reference data: supersedes
 * {@code conf/reference/org_successors.csv} for the run ({@link OrgReferenceFiles}).
 */
public final class SuccessorsSource implements Source<OrgSuccessor> {
    @Override
    public Dataset dataset() {
        return Dataset.ORG_SUCCESSORS;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("old_code", "new_code", "effective_date");
    }

    @Override
    public Kind kind() {
        return Kind.REFERENCE;
    }

    @Override
    public Loaded<OrgSuccessor> load(RawCsv csv, SourceContext ctx) {
        return OrgReferenceFiles.bronze(csv, dataset());
    }
}
