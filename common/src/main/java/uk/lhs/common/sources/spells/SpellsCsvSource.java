package uk.lhs.common.sources.spells;

import java.util.List;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.Source;
import uk.lhs.common.sources.SourceContext;

/**
 * Patient-level spells with HES admitted-patient-care field names, anywhere in the landing folder: taken by the
 * Spark spells path (bronze.spells, episodes linked into spells, silver.spells or silver.quarantine), not loaded
 * row by row here.
 */
public final class SpellsCsvSource implements Source<Void> {
    @Override
    public Dataset dataset() {
        return Dataset.SPELLS_CSV;
    }

    @Override
    public List<String> requiredColumns() {
        return List.of(
                "PSEUDO_HESID",
                "PROCODE3",
                "ADMIDATE",
                "DISDATE",
                "ADMIMETH",
                "CLASSPAT",
                "DISMETH",
                "STARTAGE",
                "SEX",
                "MAINSPEF",
                "DIAG_4_01",
                "OPERTN_4_01");
    }

    @Override
    public Kind kind() {
        return Kind.PATIENT_LEVEL;
    }

    @Override
    public Loaded<Void> load(RawCsv csv, SourceContext ctx) {
        return Loaded.bronzeOnly(csv, ", patient-level: loaded by the spells path");
    }
}
