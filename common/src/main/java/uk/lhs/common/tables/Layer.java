package uk.lhs.common.tables;

import java.util.Locale;

/** Medallion layers: raw rows as read (bronze), typed and conformed (silver), published results (gold). */
public enum Layer {
    BRONZE,
    SILVER,
    GOLD;

    /** The database / folder name: {@code bronze}, {@code silver} or {@code gold}. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
