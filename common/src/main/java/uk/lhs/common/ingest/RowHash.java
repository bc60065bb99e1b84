package uk.lhs.common.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The keyed hash of a rejected input row that {@code silver.quarantine.row_hash} holds: HMAC-SHA256 (RFC 2104) of the
 * row's canonical text under the lakehouse's secret key, as 64 lower-case hex digits. With the key, an analyst can
 * find the row in bronze (hash the bronze rows and join); without it the hash says nothing about the row's fields,
 * not even for a guessed patient identifier (an unkeyed hash of a row with few possible values could be reversed by
 * trying them all). The same key and row always give the same hash, so a re-run writes the same quarantine rows.
 *
 * <p>Canonical text: for a CSV row of a publication, the line exactly as it appeared in the file; for a patient-level
 * spell (spell or episode file, Parquet part), the HES fields {@link uk.lhs.common.tables.SpellTables#SPELL_FIELDS}
 * in that order, each trimmed with a blank read as absent, absent as the empty string, joined by U+001F (the ASCII
 * unit separator, which no field holds, so two different rows never join to the same text). The key comes from
 * {@link RowHashKey}.
 */
public final class RowHash {
    /** The JCA name of the MAC. */
    public static final String ALGORITHM = "HmacSHA256";
    /** Shortest key accepted, in characters (the key is the UTF-8 bytes of its text: 32 characters = 256 bits). */
    public static final int MIN_KEY_CHARS = 32;
    /** Joins the fields of a patient row in its canonical text. */
    public static final String FIELD_SEPARATOR = "\u001F";

    private final byte[] key;

    /** @param key the secret, at least {@link #MIN_KEY_CHARS} characters */
    public RowHash(String key) {
        if (key == null || key.length() < MIN_KEY_CHARS) {
            throw new IllegalArgumentException("the row-hash key must have at least " + MIN_KEY_CHARS
                    + " characters (got " + (key == null ? "none" : key.length() + "")
                    + "); leave lhs.quarantine.hash-key unset to have one generated");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** The keyed hash of a row's canonical text (null for null: a finding about a whole file has no row). */
    public String of(String canonicalText) {
        return hmac(key, canonicalText);
    }

    /** The keyed hash of a patient row given its field values in canonical order (null = absent). */
    public String ofFields(List<String> fields) {
        return of(canonical(fields));
    }

    /** The canonical text of a patient row's fields: trimmed, blank and absent as "", joined by U+001F. */
    public static String canonical(List<String> fields) {
        List<String> cells = new ArrayList<>(fields.size());
        for (String f : fields) {
            cells.add(f == null ? "" : f.trim());
        }
        return String.join(FIELD_SEPARATOR, cells);
    }

    /**
     * The keyed hash as a Spark column of string columns already trimmed with blanks as null (as
     * {@code SpellConform.check} leaves them): the same value as {@link #ofFields} of those cells.
     */
    public Column column(List<Column> fields) {
        List<Column> cells = new ArrayList<>(fields.size());
        for (Column c : fields) {
            cells.add(coalesce(c, lit("")));
        }
        return udf().apply(concat_ws(FIELD_SEPARATOR, cells.toArray(new Column[0])));
    }

    private UserDefinedFunction udf() {
        byte[] k = key.clone(); // the lambda captures the bytes, not this object
        UDF1<String, String> f = text -> hmac(k, text);
        return functions.udf(f, DataTypes.StringType).withName("lhs_row_hash");
    }

    private static String hmac(byte[] key, String text) {
        if (text == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java runtime", e);
        }
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "RowHash[" + ALGORITHM + ", key not shown]";
    }
}
