package dev.modelstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DirectLinksTest {

    private final List<List<String>> asked = Collections.synchronizedList(new ArrayList<>());
    private Instant now = Instant.parse("2026-12-02T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private Optional<JsonNode> answer(List<String> paths) {
        asked.add(paths);
        ObjectNode body = FakeModelstore.JSON.createObjectNode().put("expires_at", now.plus(Duration.ofMinutes(5)).toString());
        paths.forEach(path -> body.withArray("links").addObject().put("path", path).put("url", "http://store/" + path));
        return Optional.of(body);
    }

    private static List<String> paths(int count) {
        return IntStream.range(0, count).mapToObj(i -> "f" + i).toList();
    }

    @Test
    void asksInBatchesOfAThousandAndTheNextBatchAhead() throws Exception {
        DirectLinks links = new DirectLinks(paths(2500), this::answer, clock);
        assertEquals(Optional.of(URI.create("http://store/f0")), links.link("f0"));
        assertEquals(Optional.of(URI.create("http://store/f999")), links.link("f999"));
        assertEquals(Optional.of(URI.create("http://store/f2499")), links.link("f2499"));
        links.close();
        assertEquals(3, asked.size(), "each batch is asked once");
        assertEquals(List.of(1000, 1000, 500), asked.stream().map(List::size).sorted(java.util.Comparator.reverseOrder()).toList());
        assertEquals(Optional.empty(), links.link("not-in-the-download"));
    }

    @Test
    void linksAboutToExpireAreAskedAgain() throws Exception {
        DirectLinks links = new DirectLinks(paths(3), this::answer, clock);
        links.link("f0");
        now = now.plus(Duration.ofMinutes(4)).plusSeconds(40);
        assertEquals(Optional.of(URI.create("http://store/f1")), links.link("f1"));
        assertEquals(2, asked.size());
        links.close();
    }

    @Test
    void linksThatLiveShorterThanTheMarginAreNotUsedNorAskedForAgain() throws Exception {
        DirectLinks links = new DirectLinks(paths(3), paths -> {
            asked.add(paths);
            ObjectNode body = FakeModelstore.JSON.createObjectNode().put("expires_at", now.plusSeconds(10).toString());
            paths.forEach(path -> body.withArray("links").addObject().put("path", path).put("url", "http://store/" + path));
            return Optional.of(body);
        }, clock);
        assertFalse(links.link("f0").isPresent());
        assertFalse(links.link("f1").isPresent());
        assertEquals(1, asked.size());
        links.close();
    }

    @Test
    void noOfferOrAFailedLinkMeansThroughTheApi() throws Exception {
        DirectLinks none = new DirectLinks(paths(2), paths -> {
            asked.add(paths);
            return Optional.empty();
        }, clock);
        assertFalse(none.link("f0").isPresent());
        assertFalse(none.link("f1").isPresent());
        assertEquals(1, asked.size(), "an API without links is asked once");
        none.close();

        DirectLinks failing = new DirectLinks(paths(2), paths -> {
            throw new IOException("the API answered 500");
        }, clock);
        assertFalse(failing.link("f0").isPresent(), "a failed ask sends the file through the API");
        failing.close();

        DirectLinks links = new DirectLinks(paths(2), this::answer, clock);
        assertTrue(links.link("f0").isPresent());
        links.failed("f0");
        assertFalse(links.link("f0").isPresent());
        assertTrue(links.link("f1").isPresent());
        links.close();
    }
}
