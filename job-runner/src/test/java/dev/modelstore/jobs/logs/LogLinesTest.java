package dev.modelstore.jobs.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a worker's raw output becomes live-log lines. */
class LogLinesTest {

    @Test
    void cutsAtNewlinesAndKeepsAnUnfinishedLineForLater() {
        byte[] out = "one\r\ntwo\nthree".getBytes(StandardCharsets.UTF_8);
        LogLines.Cut cut = LogLines.cut(out, out.length, 100, false);
        assertEquals(List.of("one", "two"), cut.lines());
        assertEquals(9, cut.consumed());
        LogLines.Cut last = LogLines.cut(out, out.length, 100, true);
        assertEquals(List.of("one", "two", "three"), last.lines());
        assertEquals(out.length, last.consumed());
    }

    @Test
    void aLineLongerThanTheBoundComesInPiecesAndBadBytesBecomeReplacementCharacters() {
        byte[] out = new byte[LogLines.MAX_LINE_BYTES * 2 + 3];
        java.util.Arrays.fill(out, (byte) 'x');
        out[0] = (byte) 0xff;
        out[out.length - 1] = '\n';
        LogLines.Cut cut = LogLines.cut(out, out.length, 100, false);
        assertEquals(3, cut.lines().size());
        assertEquals('\uFFFD', cut.lines().get(0).charAt(0));
        assertEquals(LogLines.MAX_LINE_BYTES, cut.lines().get(1).length());
        assertEquals(out.length, cut.consumed());
    }

    @Test
    void aLongLineOfMultiByteCharactersIsCutBetweenCharactersNeverInsideOne() {
        byte[] out = ("x" + "\u00e9".repeat(3000) + "\n").getBytes(StandardCharsets.UTF_8);
        LogLines.Cut cut = LogLines.cut(out, out.length, 100, false);
        assertEquals(2, cut.lines().size());
        String joined = String.join("", cut.lines());
        assertEquals("x" + "\u00e9".repeat(3000), joined);
        assertEquals(false, joined.contains("\uFFFD"));
    }

    @Test
    void stopsAtTheLineCountAndSaysHowFarItRead() {
        byte[] out = "a\nb\nc\n".getBytes(StandardCharsets.UTF_8);
        LogLines.Cut cut = LogLines.cut(out, out.length, 2, true);
        assertEquals(List.of("a", "b"), cut.lines());
        assertEquals(4, cut.consumed());
    }
}
