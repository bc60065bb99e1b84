package uk.lhs.common.synthetic;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SyntheticGenerator#generate} wrote.
 *
 * @param outDir the output folder
 * @param files every file written (also listed in {@code MANIFEST.csv}, which is not itself in this list), in path
 *     order
 * @param spells spells written to Parquet
 * @param patients patients those spells belong to
 * @param episodeRows rows of {@code spells/episodes-sample.csv}
 */
public record GeneratorSummary(Path outDir, List<WrittenFile> files, long spells, long patients, long episodeRows) {

    /**
     * One written file.
     *
     * @param path path relative to the output folder, with {@code /} separators
     * @param rows data rows (CSV: excluding header and TOTAL rows; Parquet: records; -1 when not tabular)
     * @param bytes file size
     * @param sha256 lower-case hex SHA-256 of the content
     */
    public record WrittenFile(String path, long rows, long bytes, String sha256) {}

    public GeneratorSummary {
        files = List.copyOf(files);
    }

    /** Total data rows of the files whose path starts with {@code prefix} (e.g. {@code "ae/"}). */
    public long rows(String prefix) {
        return files.stream()
                .filter(f -> f.path().startsWith(prefix) && f.rows() > 0)
                .mapToLong(WrittenFile::rows)
                .sum();
    }
}
