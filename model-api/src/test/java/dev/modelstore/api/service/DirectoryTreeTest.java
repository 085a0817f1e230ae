package dev.modelstore.api.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.support.objectstore.ModelManifest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DirectoryTreeTest {

    @Test
    void buildsTrainmlsDetailsTreeWithCountsAndSizesPerFolder() throws Exception {
        ModelManifest manifest = new ModelManifest(UUID.randomUUID(), "web:x", null, Instant.EPOCH, 111, 3, List.of(
                new ModelManifest.File("b.txt", 1, "h1", null),
                new ModelManifest.File("sub/deep/c.bin", 100, "h2", null),
                new ModelManifest.File("sub/a.txt", 10, "h3", null)),
                List.of(new ModelManifest.Link("sub/latest", "deep/c.bin")));

        String json = new ObjectMapper().writeValueAsString(DirectoryTree.of(manifest));

        assertEquals("{\"type\":\"directory\",\"name\":\"/\",\"count\":3,\"size\":111,\"contents\":["
                + "{\"type\":\"directory\",\"name\":\"sub\",\"count\":2,\"size\":110,\"contents\":["
                + "{\"type\":\"directory\",\"name\":\"deep\",\"count\":1,\"size\":100,\"contents\":["
                + "{\"type\":\"file\",\"name\":\"c.bin\",\"size\":100,\"sha256\":\"h2\"}]},"
                + "{\"type\":\"file\",\"name\":\"a.txt\",\"size\":10,\"sha256\":\"h3\"},"
                + "{\"type\":\"link\",\"name\":\"latest\",\"size\":0,\"target\":\"deep/c.bin\"}]},"
                + "{\"type\":\"file\",\"name\":\"b.txt\",\"size\":1,\"sha256\":\"h1\"}]}", json);
    }
}
