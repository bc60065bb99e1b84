package uk.lhs.common.sources.org;

import java.util.List;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.Organisation;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;

/**
 * NHS England A&E "System-Mapping": provider to ICB (system) to NHS England region. Reference data: supersedes
 * {@code conf/reference/System-Mapping_trust_to_ICB.csv} for the run ({@link OrgReferenceFiles}).
 */
public final class SystemMappingSource implements Source<Organisation> {
    @Override
    public Dataset dataset() {
        return Dataset.ORG_SYSTEM_MAPPING;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("Code", "Name", "ICB Code", "ICB Name", "Region Name");
    }

    @Override
    public Kind kind() {
        return Kind.REFERENCE;
    }

    @Override
    public Loaded<Organisation> load(RawCsv csv, SourceContext ctx) {
        return OrgReferenceFiles.bronze(csv, dataset());
    }
}
