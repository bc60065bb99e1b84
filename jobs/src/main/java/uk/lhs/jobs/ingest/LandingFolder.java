package uk.lhs.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import uk.lhs.common.text.Hashing;

/**
 * The landing folder analysts drop files into, on any Hadoop file system. Lists the candidate input files in path
 * order: never by modification time, which a copy or a re-save changes (which vintage of a month is newer is decided
 * by the order files were first ingested, across runs). Symbolic links are never followed: a link is reported in
 * {@link #symlinks()} and skipped, so a link loop cannot recurse and a link cannot pull in files from elsewhere.
 */
final class LandingFolder {
    /** A file in the landing folder. */
    record Entry(String path, String name, long size, long modified) {}

    private final Path root;
    private final FileSystem fs;
    private final List<String> symlinks = new ArrayList<>();

    LandingFolder(String location, Configuration hadoop) {
        this.root = new Path(location);
        try {
            this.fs = root.getFileSystem(hadoop);
            if (!fs.exists(root)) {
                throw new IllegalArgumentException("landing folder " + location + " does not exist; create it and drop"
                        + " the NHS England files there, or run 'lhs generate --out " + location + "' for sample data,"
                        + " or point lhs.landing (or --landing) at the right folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open landing folder " + location, e);
        }
    }

    /** CSV inputs (publications, reference files), excluding the generator's ground truth and manifests. */
    List<Entry> csvFiles() {
        List<Entry> out = new ArrayList<>();
        symlinks.clear();
        try {
            if (fs instanceof LocalFileSystem) {
                walkLocal(out);
            } else {
                // Object stores have no links; HDFS links are off unless enabled, and are skipped here when on.
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
                while (it.hasNext()) {
                    LocatedFileStatus st = it.next();
                    if (st.isSymlink()) {
                        symlinks.add(st.getPath().toString());
                        continue;
                    }
                    String rootPath = fs.makeQualified(root).toUri().getPath();
                    String rel = st.getPath().toUri().getPath().substring(rootPath.length());
                    add(out, rel, st.getPath().toString(), st.getLen(), st.getModificationTime());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list landing folder " + root, e);
        }
        out.sort(Comparator.comparing(Entry::path));
        return out;
    }

    /** Symbolic links met by the last {@link #csvFiles()} (not followed, not read). */
    List<String> symlinks() {
        return List.copyOf(symlinks);
    }

    /** The local walk: {@link Files#walkFileTree} without FOLLOW_LINKS never enters a linked folder. */
    private void walkLocal(List<Entry> out) throws IOException {
        // The configured folder itself may be a link (the user's explicit choice); nothing below it is followed.
        java.nio.file.Path start = java.nio.file.Path.of(root.toUri().getPath()).toRealPath();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink()) {
                    symlinks.add(file.toString());
                } else if (attrs.isRegularFile()) {
                    add(
                            out,
                            "/" + start.relativize(file).toString().replace('\\', '/'),
                            new Path(file.toUri()).toString(),
                            attrs.size(),
                            attrs.lastModifiedTime().toMillis());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e) throws IOException {
                throw new IOException("cannot read " + file + " in the landing folder: " + e.getMessage(), e);
            }
        });
    }

    private static void add(List<Entry> out, String rel, String path, long size, long modified) {
        String name = new Path(path).getName();
        if (ignored(rel, name) || !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return;
        }
        out.add(new Entry(path, name, size, modified));
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

    /** sha256 of a file's bytes, streamed in blocks: a file of any size hashes in constant memory. */
    String sha256(Entry e) {
        try (InputStream in = fs.open(new Path(e.path()))) {
            return Hashing.sha256(in);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + e.path(), ex);
        }
    }

    byte[] read(Entry e) {
        try (InputStream in = fs.open(new Path(e.path()))) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + e.path(), ex);
        }
    }
}
