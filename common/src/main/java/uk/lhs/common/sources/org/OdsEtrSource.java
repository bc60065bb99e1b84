package uk.lhs.common.sources.org;

import java.util.List;
import java.util.regex.Pattern;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.OrgCodes;
import uk.lhs.common.sources.Organisation;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.RawRow;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;

/**
 * ODS "etr" NHS trusts file: no header, 27 columns (code, name, region, ICB, address x5, postcode, dates ...),
 * recognised from its shape. Reference data: supersedes {@code conf/reference/ods_etr.csv} for the run
 * ({@link OrgReferenceFiles}); kept in bronze, organisations to silver.organisations.
 */
public final class OdsEtrSource implements Source<Organisation> {
    private static final Pattern ODS_REGION = Pattern.compile("[A-Z]\\d\\d");
    private static final Pattern ODS_DATE = Pattern.compile("\\d{8}");

    @Override
    public Dataset dataset() {
        return Dataset.ORG_ODS_ETR;
    }

    @Override
    public boolean hasHeader() {
        return false;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of();
    }

    /** Whether a record has the ODS etr shape: 27 fields, an org code, a region code and an 8-digit open date. */
    @Override
    public boolean recognisesShape(RawRow first) {
        return first.size() == Dataset.ODS_ETR_COLUMNS
                && OrgCodes.isWellFormed(first.value(0))
                && ODS_REGION.matcher(first.value(2)).matches()
                && ODS_DATE.matcher(first.value(10)).matches();
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
