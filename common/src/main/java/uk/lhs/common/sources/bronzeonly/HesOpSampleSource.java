package uk.lhs.common.sources.bronzeonly;

import java.util.List;
import java.util.Optional;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;

/** NHS Digital artificial HES outpatient appointment sample (patient level, ATTENDKEY): kept in bronze only. */
public final class HesOpSampleSource implements Source<Void> {
    @Override
    public Dataset dataset() {
        return Dataset.HES_OP_SAMPLE;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("PSEUDO_HESID", "ATTENDKEY", "APPTDATE", "PROCODE3");
    }

    @Override
    public Optional<String> bronzeOnlyReason() {
        return Optional.of(
                "recognised (HES_OP_SAMPLE, patient-level HES outpatient appointments); kept in bronze only: no"
                        + " silver table holds patient-level A&E or outpatient records");
    }

    @Override
    public Loaded<Void> load(RawCsv csv, SourceContext ctx) {
        return Loaded.bronzeOnly(csv, ", " + bronzeOnlyReason().orElseThrow());
    }
}
