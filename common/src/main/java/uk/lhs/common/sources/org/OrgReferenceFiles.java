package uk.lhs.common.sources.org;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import uk.lhs.common.sources.Dataset;
import uk.lhs.common.sources.Loaded;
import uk.lhs.common.sources.OrgReference;
import uk.lhs.common.sources.OrgReferenceParser;
import uk.lhs.common.sources.OrgSuccessor;
import uk.lhs.common.sources.Organisation;
import uk.lhs.common.sources.ParseResult;
import uk.lhs.common.sources.RawCsv;

/** The organisation reference of a run: the shipped files, each superseded by the newest landed file of its kind. */
public final class OrgReferenceFiles {
    private OrgReferenceFiles() {}

    /**
     * A run's reference and the files it was built from.
     *
     * @param reference the reference
     * @param files the file names it was built from, in order
     */
    public record Built(OrgReference reference, java.util.List<String> files) {}

    /**
     * The reference for a run.
     *
     * @param dir the shipped reference folder ({@code conf/reference})
     * @param landed the newest landed file of each reference dataset (others are ignored)
     */
    public static Built build(Path dir, Map<Dataset, RawCsv> landed) {
        RawCsv etrFile = landed.get(Dataset.ORG_ODS_ETR);
        RawCsv mappingFile = landed.get(Dataset.ORG_SYSTEM_MAPPING);
        RawCsv successorsFile = landed.get(Dataset.ORG_SUCCESSORS);
        ParseResult<Organisation> etr = OrgReferenceParser.parseOdsEtr(
                etrFile != null ? etrFile : RawCsv.read(dir.resolve(OrgReference.ODS_ETR_FILE)));
        ParseResult<Organisation> mapping = OrgReferenceParser.parseSystemMapping(
                mappingFile != null ? mappingFile : RawCsv.read(dir.resolve(OrgReference.SYSTEM_MAPPING_FILE)));
        ParseResult<OrgSuccessor> successors = null;
        if (successorsFile != null) {
            successors = OrgReferenceParser.parseSuccessors(successorsFile);
        } else if (Files.exists(dir.resolve(OrgReference.SUCCESSORS_FILE))) {
            successors = OrgReferenceParser.parseSuccessors(RawCsv.read(dir.resolve(OrgReference.SUCCESSORS_FILE)));
        }
        java.util.List<String> files = new java.util.ArrayList<>(java.util.List.of(etr.file(), mapping.file()));
        if (successors != null) {
            files.add(successors.file());
        }
        return new Built(OrgReference.of(etr, mapping, successors), files);
    }

    /** A landed reference file's ingest outcome: bronze only (it is applied through {@link #build}). */
    static <T> Loaded<T> bronze(RawCsv csv, Dataset dataset) {
        return Loaded.bronzeOnly(csv, ", kept in bronze (" + dataset + " is not loaded to silver)");
    }
}
