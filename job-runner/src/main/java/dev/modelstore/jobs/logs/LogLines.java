package dev.modelstore.jobs.logs;

import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a worker's raw output into log lines: at newlines, a line longer than {@link #MAX_LINE_BYTES}
 * is cut into pieces of at most that size (at a character boundary), a trailing {@code \r} is dropped, and bytes that are not UTF-8
 * become U+FFFD. Bytes after the last newline are left for later unless the output is complete.
 */
public final class LogLines {

    /** The longest line kept in one piece, in bytes. */
    public static final int MAX_LINE_BYTES = 4096;

    /** What a chunk of output gave: its lines, and how many bytes of it they used. */
    public record Cut(List<String> lines, int consumed) {
    }

    private LogLines() {
    }

    /**
     * The lines of {@code bytes[0, length)}, at most {@code maxLines}.
     *
     * @param complete whether no more output will follow, so a last line without a newline is taken too
     */
    public static Cut cut(byte[] bytes, int length, int maxLines, boolean complete) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < length && lines.size() < maxLines) {
            if (bytes[i] == '\n') {
                lines.add(text(bytes, start, i));
                start = i + 1;
            } else if (i - start + 1 >= MAX_LINE_BYTES) {
                // cut before a UTF-8 continuation byte's character, never inside it
                int end = i + 1;
                while (end > start + 1 && end < length && (bytes[end] & 0xC0) == 0x80) {
                    end--;
                }
                lines.add(text(bytes, start, end));
                start = end;
                i = end - 1;
            }
            i++;
        }
        if (complete && start < length && lines.size() < maxLines) {
            lines.add(text(bytes, start, length));
            start = length;
        }
        return new Cut(lines, start);
    }

    private static String text(byte[] bytes, int from, int to) {
        int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, from, end - from)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e); // cannot happen with REPLACE
        }
    }
}
