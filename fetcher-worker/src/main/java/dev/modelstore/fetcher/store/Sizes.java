package dev.modelstore.fetcher.store;

import java.util.Locale;

/** Byte counts for people: {@code 50 GB}, {@code 1.5 MB}. Decimal units, as storage is billed. */
public final class Sizes {

    private static final String[] UNITS = {"bytes", "KB", "MB", "GB", "TB"};

    private Sizes() {
    }

    /** The size with one decimal where it helps. */
    public static String human(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value)) + " " + UNITS[unit];
    }
}
