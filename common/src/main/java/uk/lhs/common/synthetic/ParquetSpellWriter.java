package uk.lhs.common.synthetic;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Streams spells into {@code spells-part-NNNNN.parquet} files of at most {@code rowsPerPart} rows with parquet-avro.
 * Output is deterministic: a plain local file (no Hadoop checksum side files), a fixed row-group size, a fixed
 * codec, parquet-avro's footer carries only the schema and writer version (no timestamps or ids), and each column
 * chunk's encodings are listed in a fixed order ({@link ParquetFooterOrder}).
 */
final class ParquetSpellWriter implements AutoCloseable {
    /** Fixed row-group size (bytes), so layout never depends on the environment. */
    static final long ROW_GROUP_BYTES = 64L * 1024 * 1024;
    /** Fixed page size (bytes). */
    static final int PAGE_BYTES = 1024 * 1024;

    private final Path dir;
    private final Schema schema;
    private final long rowsPerPart;
    private ParquetWriter<GenericRecord> writer;
    private int part;
    private long rowsInPart;
    private long rows;

    ParquetSpellWriter(Path dir, Schema schema, long rowsPerPart) {
        this.dir = dir;
        this.schema = schema;
        this.rowsPerPart = rowsPerPart;
    }

    /** File name of part {@code n}. */
    static String partName(int n) {
        return String.format(java.util.Locale.ROOT, "spells-part-%05d.parquet", n);
    }

    void write(GenericRecord spell) {
        try {
            if (writer == null || rowsInPart >= rowsPerPart) {
                roll();
            }
            writer.write(spell);
            rowsInPart++;
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write spells to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Rows written so far. */
    long rows() {
        return rows;
    }

    /** Number of part files started. */
    int parts() {
        return part;
    }

    private void roll() throws IOException {
        finishPart();
        Files.createDirectories(dir);
        Path file = dir.resolve(partName(part++));
        writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withConf(new Configuration(false))
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withPageSize(PAGE_BYTES)
                .withDictionaryEncoding(true)
                .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE)
                .build();
        rowsInPart = 0;
    }

    @Override
    public void close() {
        try {
            finishPart();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close spell file in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Closes the open part and fixes its footer's order (see {@link ParquetFooterOrder}). */
    private void finishPart() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
            ParquetFooterOrder.sortEncodings(dir.resolve(partName(part - 1)));
        }
    }

    /** A Parquet output file on the local disk written through java.nio (parquet-mr 1.13 has no such class). */
    private static final class LocalOutputFile implements OutputFile {
        private final Path path;

        LocalOutputFile(Path path) {
            this.path = path;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return open(StandardOpenOption.CREATE_NEW);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return open(StandardOpenOption.CREATE);
        }

        private PositionOutputStream open(StandardOpenOption mode) throws IOException {
            OutputStream out = new java.io.BufferedOutputStream(
                    Files.newOutputStream(path, mode, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                    1 << 16);
            return new PositionOutputStream() {
                private long pos;

                @Override
                public long getPos() {
                    return pos;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    pos++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    pos += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
