package dev.modelstore.api.download;

import java.util.Optional;

/**
 * One byte range of a {@code Range: bytes=…} header, resolved against the file's length: {@code a-b},
 * {@code a-} (to the end) or {@code -n} (the last n bytes). A header with several ranges, or one this
 * does not read, is ignored (the whole file is sent, as RFC 9110 allows); a range that starts past
 * the end is unsatisfiable (416).
 *
 * @param first the first byte sent
 * @param last the last byte sent (inclusive)
 */
public record ByteRange(long first, long last) {

    /** The number of bytes in the range. */
    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} header of a 206 answer. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** Thrown for a range that no byte of the file satisfies. */
    public static final class Unsatisfiable extends RuntimeException {
        public Unsatisfiable(String header) {
            super("the range '" + header + "' starts beyond the end of the file");
        }
    }

    /**
     * The range the header asks for, or empty to send the whole file.
     *
     * @throws Unsatisfiable when the range starts at or past {@code size}
     */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6) || value.indexOf(',') >= 0 || value.length() > 64) {
            return Optional.empty();
        }
        String spec = value.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String start = spec.substring(0, dash).trim();
        String end = spec.substring(dash + 1).trim();
        try {
            if (start.isEmpty()) {
                if (end.isEmpty()) {
                    return Optional.empty();
                }
                long suffix = Long.parseLong(end);
                if (suffix <= 0) {
                    throw new Unsatisfiable(header);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(start);
            long last = end.isEmpty() ? size - 1 : Math.min(Long.parseLong(end), size - 1);
            if (first < 0 || (!end.isEmpty() && Long.parseLong(end) < first)) {
                return Optional.empty();
            }
            if (first >= size) {
                throw new Unsatisfiable(header);
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
