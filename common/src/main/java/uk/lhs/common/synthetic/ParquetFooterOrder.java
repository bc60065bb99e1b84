package uk.lhs.common.synthetic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Puts the encodings list of every column chunk in a Parquet footer into a fixed order, in place.
 *
 * <p>parquet-mr 1.13 gathers a column chunk's encodings in a {@code HashSet} of enum constants and writes them in that
 * set's iteration order, which follows identity hash codes and so changes from one JVM to the next: the same spells
 * written twice differed in 8 footer bytes ({@code [BIT_PACKED, PLAIN]} against {@code [PLAIN, BIT_PACKED]}). The
 * Parquet format gives the list no meaning beyond membership, so sorting it by the format's encoding number changes
 * nothing a reader sees. The footer is re-serialised with parquet-format's own Thrift code; sorting a list of small
 * enum values keeps its length, and anything else (a footer that would change size) is refused, never written.
 */
final class ParquetFooterOrder {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private ParquetFooterOrder() {}

    /** Sorts the encodings lists in {@code file}'s footer; returns whether any byte changed. */
    static boolean sortEncodings(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, tail, size - 8);
            int footerLength = tail.getInt(0);
            byte[] magic = new byte[4];
            tail.position(4);
            tail.get(magic);
            long footerStart = size - 8 - footerLength;
            if (!java.util.Arrays.equals(magic, MAGIC) || footerLength <= 0 || footerStart < MAGIC.length) {
                throw new IOException(file + " is not a plain Parquet file (no footer at its end)");
            }
            ByteBuffer footer = ByteBuffer.allocate(footerLength);
            readFully(ch, footer, footerStart);
            byte[] before = footer.array();
            FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(before));
            for (RowGroup group : meta.getRow_groups()) {
                for (ColumnChunk chunk : group.getColumns()) {
                    if (chunk.isSetMeta_data()) {
                        List<Encoding> encodings = chunk.getMeta_data().getEncodings();
                        encodings.sort(Comparator.comparingInt(Encoding::getValue));
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(footerLength);
            Util.writeFileMetaData(meta, out);
            byte[] after = out.toByteArray();
            if (after.length != footerLength) {
                throw new IOException(file + ": re-serialised footer is " + after.length + " bytes, not " + footerLength
                        + "; left as written");
            }
            if (java.util.Arrays.equals(before, after)) {
                return false;
            }
            ByteBuffer write = ByteBuffer.wrap(after);
            long at = footerStart;
            while (write.hasRemaining()) {
                at += ch.write(write, at);
            }
            ch.force(true);
            return true;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new java.io.EOFException("unexpected end of file at " + at);
            }
            at += n;
        }
        buf.flip();
    }
}
