package uk.lhs.common.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.lhs.common.testing.SharedData;

/**
 * The spell files' footers list each column chunk's encodings in the format's numeric order, whatever order parquet-mr
 * gathered them in (a {@code HashSet} iterated in identity-hash order, which differs between JVMs; issue #18).
 */
class ParquetFooterOrderTest {
    @TempDir
    Path tmp;

    @Test
    void generatedSpellFilesListEncodingsInOrder() throws IOException {
        Path part = spells(tmp.resolve("a"));
        FileMetaData meta = footer(part);
        int multi = 0;
        for (RowGroup g : meta.getRow_groups()) {
            for (ColumnChunk c : g.getColumns()) {
                List<Integer> values = values(c.getMeta_data().getEncodings());
                List<Integer> sorted = new ArrayList<>(values);
                Collections.sort(sorted);
                assertEquals(
                        sorted, values, c.getMeta_data().getPath_in_schema().toString());
                multi += values.size() > 1 ? 1 : 0;
            }
        }
        assertTrue(multi > 0, "some chunk lists more than one encoding, so order matters");
        assertFalse(ParquetFooterOrder.sortEncodings(part), "already in order: nothing rewritten");
    }

    @Test
    void aFooterInAnotherOrderIsRewrittenToTheSameBytes() throws IOException {
        Path part = spells(tmp.resolve("a"));
        byte[] ordered = Files.readAllBytes(part);
        // What another JVM may write: every encodings list reversed (same length, other order).
        Path other = tmp.resolve("other.parquet");
        Files.write(other, withFooter(ordered, reversed(footer(part))));
        assertNotEquals(Arrays.hashCode(ordered), Arrays.hashCode(Files.readAllBytes(other)), "the test changed bytes");

        assertTrue(ParquetFooterOrder.sortEncodings(other));
        assertArrayEquals(ordered, Files.readAllBytes(other));
        // ... and the file still reads: every spell, as before.
        assertEquals(rows(part), rows(other));
    }

    private static Path spells(Path out) throws IOException {
        GeneratorOptions opts = Fixtures.small(1_500)
                .withSpellFiles(15_000, SharedData.repoRoot().resolve("conf/schemas/spell.avsc"));
        SyntheticGenerator.generate(opts, out);
        return out.resolve("spells/" + ParquetSpellWriter.partName(0));
    }

    private static FileMetaData footer(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt();
        return Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - length, length));
    }

    private static FileMetaData reversed(FileMetaData meta) {
        for (RowGroup g : meta.getRow_groups()) {
            for (ColumnChunk c : g.getColumns()) {
                Collections.reverse(c.getMeta_data().getEncodings());
            }
        }
        return meta;
    }

    private static byte[] withFooter(byte[] file, FileMetaData meta) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Util.writeFileMetaData(meta, out);
        byte[] footer = out.toByteArray();
        byte[] copy = file.clone();
        System.arraycopy(footer, 0, copy, copy.length - 8 - footer.length, footer.length);
        return copy;
    }

    private static List<Integer> values(List<Encoding> encodings) {
        return encodings.stream().map(Encoding::getValue).toList();
    }

    private static List<String> rows(Path file) throws IOException {
        List<String> rows = new ArrayList<>();
        Configuration conf = new Configuration(false);
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))
                .withConf(conf)
                .build()) {
            for (GenericRecord g = reader.read(); g != null; g = reader.read()) {
                rows.add(g.toString());
            }
        }
        return rows;
    }
}
