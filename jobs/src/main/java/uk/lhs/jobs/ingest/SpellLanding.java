package uk.lhs.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import uk.lhs.common.sources.RawCsv;
import uk.lhs.common.sources.SourceFileException;
import uk.lhs.common.text.Hashing;

/**
 * The {@code spells/} folder of the landing area: spell-level Parquet parts and spell or episode CSV files, each
 * identified by the sha256 of its bytes (streamed, so parts of any size hash in constant memory). Only a CSV file's
 * header line is read here; Spark reads the rows.
 */
final class SpellLanding {
    /** A spell input file. */
    record SpellFile(String path, String name, long size, long modified, boolean parquet, String sha256) {}

    private final Path dir;
    private final FileSystem fs;

    SpellLanding(String landing, Configuration hadoop) {
        this.dir = new Path(landing, "spells");
        try {
            this.fs = dir.getFileSystem(hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + dir, e);
        }
    }

    /**
     * The Parquet and CSV files directly in {@code spells/} (symbolic links skipped), in path order; none when the
     * folder is absent.
     */
    List<SpellFile> files() {
        List<SpellFile> out = new ArrayList<>();
        try {
            if (!fs.exists(dir)) {
                return out;
            }
            for (FileStatus st : fs.listStatus(dir)) {
                String name = st.getPath().getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (!st.isFile() || name.startsWith(".") || name.startsWith("_") || link(st)) {
                    continue;
                }
                boolean parquet = lower.endsWith(".parquet");
                if (!parquet && !lower.endsWith(".csv")) {
                    continue;
                }
                out.add(new SpellFile(
                        st.getPath().toString(),
                        name,
                        st.getLen(),
                        st.getModificationTime(),
                        parquet,
                        sha256(fs, st.getPath())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(Comparator.comparing(SpellFile::path)); // never by modification time, which a copy changes
        return out;
    }

    /** A symbolic link (Hadoop's local file system follows links and does not say so; ask java.nio there). */
    private boolean link(FileStatus st) {
        return st.isSymlink()
                || fs instanceof org.apache.hadoop.fs.LocalFileSystem
                        && java.nio.file.Files.isSymbolicLink(
                                java.nio.file.Path.of(st.getPath().toUri()));
    }

    /** Longest header line read (a header longer than this is not a spell file's). */
    static final int MAX_HEADER_BYTES = 1 << 20;

    /**
     * The header of a CSV file: its first line only, read on the driver and checked like any landed CSV (empty,
     * binary, not UTF-8); the rows are Spark's to read.
     *
     * @throws SourceFileException the file has no readable header line
     */
    String[] header(SpellFile f) {
        try (InputStream in = fs.open(new Path(f.path()))) {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n' && line.size() < MAX_HEADER_BYTES; b = in.read()) {
                line.write(b);
            }
            return RawCsv.parse(f.name(), line.toByteArray()).header();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f.path(), e);
        }
    }

    private static String sha256(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return Hashing.sha256(in);
        }
    }
}
