package uk.lhs.common.sources.bronzeonly;

import java.util.List;
import java.util.Optional;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;

/** NHS Digital artificial HES A&E attendance sample (patient level, AEKEY): kept in bronze only. */
public final class HesAeSampleSource implements Source<Void> {
    @Override
    public Dataset dataset() {
        return Dataset.HES_AE_SAMPLE;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("PSEUDO_HESID", "AEKEY", "ARRIVALDATE", "PROCODE3");
    }

    @Override
    public Optional<String> bronzeOnlyReason() {
        return Optional.of(
                "recognised (HES_AE_SAMPLE, patient-level HES A&E attendances); kept in bronze only: no silver"
                        + " table holds patient-level A&E or outpatient records");
    }

    @Override
    public Loaded<Void> load(RawCsv csv, SourceContext ctx) {
        return Loaded.bronzeOnly(csv, ", " + bronzeOnlyReason().orElseThrow());
    }
}
