package uk.lhs.common.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import uk.lhs.common.config.LhsConfig;

/**
 * Where the {@link RowHash} key comes from: {@code lhs.quarantine.hash-key} (environment {@code LHS_HASH_KEY}) when
 * set, else a random 256-bit key generated once and kept in {@code <lakehouse>/_lhs/row-hash.key}, readable by its
 * owner only, so every later run of the lakehouse hashes the same row to the same value. The key never appears in a
 * table, a log or {@code lhs config}; whoever holds it (and bronze) can tell which bronze row a quarantine row is.
 */
public final class RowHashKey {
    /** The configuration key of an explicit key. */
    public static final String CONFIG_KEY = "lhs.quarantine.hash-key";
    /** The key file under the lakehouse root. */
    public static final String KEY_FILE = "_lhs/row-hash.key";

    private static final int KEY_BYTES = 32;
    private static final int READ_ATTEMPTS = 20;
    private static final long READ_PAUSE_MILLIS = 100;

    private RowHashKey() {}

    /** The configured key, else the lakehouse's key file (created when absent). */
    public static RowHash resolve(LhsConfig config, String lakehouseRoot, Configuration hadoop) {
        if (config.raw().hasPath(CONFIG_KEY)) {
            String configured = config.raw().getString(CONFIG_KEY);
            if (configured.length() < RowHash.MIN_KEY_CHARS) {
                throw new LhsConfig.ConfigError(CONFIG_KEY + " (LHS_HASH_KEY) must have at least "
                        + RowHash.MIN_KEY_CHARS + " characters; leave it unset to have a random key generated in "
                        + lakehouseRoot + "/" + KEY_FILE);
            }
            return new RowHash(configured);
        }
        return new RowHash(fromFile(lakehouseRoot, hadoop));
    }

    /** The key text of the lakehouse's key file, generated (64 hex digits) when the file does not exist. */
    static String fromFile(String lakehouseRoot, Configuration hadoop) {
        URI uri = URI.create(lakehouseRoot.replace(" ", "%20"));
        boolean local = uri.getScheme() == null || uri.getScheme().length() <= 1 || "file".equals(uri.getScheme());
        String key;
        try {
            key = local
                    ? local("file".equals(uri.getScheme()) ? Path.of(uri) : Path.of(lakehouseRoot))
                    : hadoop(new org.apache.hadoop.fs.Path(lakehouseRoot, KEY_FILE), hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not read or create the row-hash key " + lakehouseRoot + "/" + KEY_FILE + " ("
                            + e.getMessage() + "); set " + CONFIG_KEY + " (LHS_HASH_KEY) instead",
                    e);
        }
        if (key.length() < RowHash.MIN_KEY_CHARS) {
            throw new IllegalStateException("the row-hash key file " + lakehouseRoot + "/" + KEY_FILE
                    + " is empty or damaged; restore it from a backup (the row hashes already in silver.quarantine"
                    + " were made with it), or delete it to have a new key generated");
        }
        return key;
    }

    private static String local(Path root) throws IOException {
        Path file = root.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(root);
                try {
                    Files.createDirectory(
                            dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException e) {
                    // made by a concurrent run
                }
            }
            try (OutputStream out = Files.newOutputStream(
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                    StandardOpenOption.WRITE)) {
                out.write(newKey().getBytes(StandardCharsets.US_ASCII));
            } catch (FileAlreadyExistsException e) {
                // another run created it first: read theirs
            }
        }
        for (int attempt = 1; ; attempt++) {
            String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (key.length() >= RowHash.MIN_KEY_CHARS || attempt == READ_ATTEMPTS) {
                return key;
            }
            pause(); // being written by a concurrent run
        }
    }

    private static String hadoop(org.apache.hadoop.fs.Path file, Configuration conf) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        if (!fs.exists(file)) {
            fs.mkdirs(file.getParent(), new FsPermission((short) 0700));
            try (OutputStream out = fs.create(
                    file,
                    new FsPermission((short) 0600),
                    false,
                    conf.getInt("io.file.buffer.size", 4096),
                    fs.getDefaultReplication(file),
                    fs.getDefaultBlockSize(file),
                    null)) {
                out.write(newKey().getBytes(StandardCharsets.US_ASCII));
            } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
                // another run created it first: read theirs
            }
        }
        for (int attempt = 1; ; attempt++) {
            String key;
            try (InputStream in = fs.open(file)) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                key = buf.toString(StandardCharsets.US_ASCII).trim();
            }
            if (key.length() >= RowHash.MIN_KEY_CHARS || attempt == READ_ATTEMPTS) {
                return key;
            }
            pause();
        }
    }

    private static String newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void pause() {
        try {
            Thread.sleep(READ_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the row-hash key", e);
        }
    }
}
