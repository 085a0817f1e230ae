package dev.modelstore.support.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelstore.support.rest.ApiException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamTurnsTest {

    @Test
    void boundsEachKeyAndAllAndGivesTurnsBack() {
        StreamTurns<String> turns = new StreamTurns<>("archives", 3, 2, Duration.ofMinutes(1));
        StreamTurns<String>.Turn a1 = turns.take("a", "project");
        turns.take("a", "project").started();
        assertEquals(429, assertThrows(ApiException.class, () -> turns.take("a", "project")).status());
        turns.take("b", "project");
        assertEquals(503, assertThrows(ApiException.class, () -> turns.take("c", "project")).status());
        a1.close();
        a1.close();
        assertEquals(2, turns.taken());
        turns.take("c", "project");
    }

    @Test
    void aTurnWhoseStreamNeverStartedIsTakenBack() throws Exception {
        StreamTurns<String> turns = new StreamTurns<>("archives", 1, 1, Duration.ofMillis(50));
        turns.take("a", "project");
        Thread.sleep(100);
        StreamTurns<String>.Turn next = turns.take("a", "project");
        next.started();
        Thread.sleep(100);
        assertEquals(429, assertThrows(ApiException.class, () -> turns.take("a", "project")).status(),
                "a started stream keeps its turn");
    }
}
