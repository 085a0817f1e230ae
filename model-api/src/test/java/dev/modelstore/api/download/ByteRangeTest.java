package dev.modelstore.api.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void readsTheThreeFormsOfOneRange() {
        assertEquals(Optional.of(new ByteRange(10, 99)), ByteRange.parse("bytes=10-", 100));
        assertEquals(Optional.of(new ByteRange(10, 20)), ByteRange.parse("bytes=10-20", 100));
        assertEquals(Optional.of(new ByteRange(10, 99)), ByteRange.parse("bytes=10-500", 100));
        assertEquals(Optional.of(new ByteRange(95, 99)), ByteRange.parse("bytes=-5", 100));
        assertEquals(Optional.of(new ByteRange(0, 99)), ByteRange.parse("bytes=-500", 100));
        assertEquals("bytes 10-20/100", new ByteRange(10, 20).contentRange(100));
        assertEquals(11, new ByteRange(10, 20).length());
    }

    @Test
    void ignoresWhatItDoesNotReadAndRefusesWhatNoByteSatisfies() {
        assertEquals(Optional.empty(), ByteRange.parse(null, 100));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=0-1,5-6", 100));
        assertEquals(Optional.empty(), ByteRange.parse("items=0-1", 100));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=20-10", 100));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=x-", 100));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=99999999999999999999-", 100));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=100-", 100));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=-0", 100));
    }
}
