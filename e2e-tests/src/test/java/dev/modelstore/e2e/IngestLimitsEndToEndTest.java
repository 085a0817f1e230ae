package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ingests end, and stopping them stops the transfer: sources that trickle fail on the stall rule
 * (the e2e stack asks for 4 KiB every 5 s) without keeping another project's model waiting, a
 * deleted download's connection is closed at once instead of being read to its end, and an archive
 * whose first entry leaves the model fails before the rest of it is read.
 */
class IngestLimitsEndToEndTest extends EndToEndTest {

    @Test
    void tricklingSourcesFailOnTheStallRuleAndNeverStarveAnotherProject() throws Exception {
        try (TrickleServer trickle = new TrickleServer()) {
            List<String> slow = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                slow.add(api.createWebModel("trickle " + i, trickle.url("/trickle/" + i + ".bin")));
            }
            ModelApiClient.sleep(500);
            ModelApiClient.Reply created = createProject(Map.of("name", "not starved"));
            ModelApiClient other = api.as(created.body().get("token").get("token").asText());
            String quick = other.createWebModel("quick one", files.serve("/limits/quick.tar.gz",
                    Archives.tarGz(Archives.nestedFiles(2))));
            assertEquals("ready", other.awaitStatus(quick, FINAL, WAIT).get("status").asText());
            long stillRunning = slow.stream().filter(id -> !FINAL.contains(api.get("/model/" + id).body()
                    .get("status").asText())).count();
            assertTrue(stillRunning > 0, "the other project's model was ready while the trickling ones still ran");
            for (String id : slow) {
                JsonNode failed = api.awaitStatus(id, FINAL, WAIT);
                assertEquals("failed", failed.get("status").asText(), failed.toString());
                assertTrue(failed.get("failure_reason").asText().contains("min-throughput-bytes"), failed.toString());
            }
        }
    }

    @Test
    void aFloodOfOneProjectsRequestsNeverHoldsUpAnotherProjectsModel() throws Exception {
        // More requests than the fetcher ever had threads for (64): they wait in the queue, not on threads.
        try (TrickleServer trickle = new TrickleServer()) {
            List<String> flood = new ArrayList<>();
            for (int i = 0; i < 70; i++) {
                flood.add(api.createWebModel("flood " + i, trickle.url("/trickle/flood-" + i + ".bin")));
            }
            ModelApiClient.sleep(1000);
            ModelApiClient.Reply created = createProject(Map.of("name", "behind the flood"));
            ModelApiClient other = api.as(created.body().get("token").get("token").asText());
            long asked = System.nanoTime();
            String quick = other.createWebModel("after the flood", files.serve("/limits/after-flood.tar.gz",
                    Archives.tarGz(Archives.nestedFiles(3))));
            assertEquals("ready", other.awaitStatus(quick, FINAL, WAIT).get("status").asText());
            long took = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - asked);
            assertTrue(took < 15, "another project's model waited " + took + " s behind the flood");
            for (String id : flood) {
                api.delete("/model/" + id + "?force=true");
            }
        }
    }

    @Test
    void deletingADownloadClosesItsConnectionAtOnce() throws Exception {
        try (TrickleServer trickle = new TrickleServer()) {
            String id = api.createWebModel("to delete", trickle.url("/trickle/deleted.bin"));
            awaitTrue(() -> trickle.seen("/trickle/deleted.bin").sent.get() > 0, "the download started");
            long deleted = System.nanoTime();
            assertEquals(200, api.delete("/model/" + id + "?force=true").status());
            awaitTrue(() -> trickle.seen("/trickle/deleted.bin").closedAtNanos != 0, "the connection is closed");
            long took = TimeUnit.NANOSECONDS.toMillis(trickle.seen("/trickle/deleted.bin").closedAtNanos - deleted);
            assertTrue(took < 4_000, "closed " + took + " ms after the deletion");
        }
    }

    @Test
    void anArchiveEntryThatLeavesTheModelFailsItBeforeTheRestIsRead() throws Exception {
        try (TrickleServer evil = new TrickleServer()) {
            String id = api.createWebModel("evil tar", evil.url("/evil.tar"));
            JsonNode failed = api.awaitStatus(id, FINAL, WAIT);
            assertEquals("failed", failed.get("status").asText(), failed.toString());
            assertTrue(failed.get("failure_reason").asText().contains("evil.txt"), failed.toString());
            awaitTrue(() -> evil.seen("/evil.tar").closedAtNanos != 0, "the connection is closed");
            long sent = evil.seen("/evil.tar").sent.get();
            assertTrue(sent < 50_000_000, "the server sent " + sent + " of 100,000,000 bytes");
        }
    }
}
