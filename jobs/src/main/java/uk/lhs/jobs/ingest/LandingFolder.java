package uk.lhs.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The landing folder analysts drop files into, on any Hadoop file system. Lists the candidate input files in the
 * order they landed (modification time, then path), so a revised re-publication is applied after the original.
 */
final class LandingFolder {
    /** A file in the landing folder. */
    record Entry(String path, String name, long size, long modified) {}

    private final Path root;
    private final FileSystem fs;

    LandingFolder(String location, Configuration hadoop) {
        this.root = new Path(location);
        try {
            this.fs = root.getFileSystem(hadoop);
            if (!fs.exists(root)) {
                throw new IllegalArgumentException("landing folder " + location + " does not exist; create it and drop"
                        + " the NHS England files there, or run 'lhs generate --out " + location + "' for sample data,"
                        + " or point lhs.landing at the right folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open landing folder " + location, e);
        }
    }

    /** CSV inputs (publications, reference files), excluding the generator's ground truth and manifests. */
    List<Entry> csvFiles() {
        List<Entry> out = new ArrayList<>();
        try {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                LocatedFileStatus st = it.next();
                String rel = st.getPath()
                        .toUri()
                        .getPath()
                        .substring(root.toUri().getPath().length());
                String name = st.getPath().getName();
                if (ignored(rel, name) || !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    continue;
                }
                out.add(new Entry(st.getPath().toString(), name, st.getLen(), st.getModificationTime()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list landing folder " + root, e);
        }
        out.sort(Comparator.comparingLong(Entry::modified).thenComparing(Entry::path));
        return out;
    }

    /** Ground truth of the synthetic generator, manifests and hidden files are never inputs. */
    static boolean ignored(String relativePath, String name) {
        String rel = relativePath.replace('\\', '/');
        return name.startsWith(".")
                || name.startsWith("_")
                || rel.contains("/truth/")
                || rel.startsWith("truth/")
                || name.equals("MANIFEST.csv")
                || rel.contains("/spells/")
                || rel.startsWith("spells/");
    }

    byte[] read(Entry e) {
        try (InputStream in = fs.open(new Path(e.path()))) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + e.path(), ex);
        }
    }
}
