package dev.modelstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalPathsTest {

    private static final Map<String, String> ENV = Map.of("DATA", "/mnt/data");

    @Test
    void resolvesTheThreeFormsTrainmlAllows() {
        assertEquals(Path.of("/srv/models/bert"), LocalPaths.resolve("/srv/models/bert", ENV, "/home/me"));
        assertEquals(Path.of("/home/me/models"), LocalPaths.resolve("~/models", ENV, "/home/me"));
        assertEquals(Path.of("/mnt/data/bert"), LocalPaths.resolve("$DATA/bert", ENV, "/home/me"));
        assertEquals(Path.of("/mnt/data/bert"), LocalPaths.resolve("${DATA}/bert", ENV, "/home/me"));
    }

    @Test
    void refusesRelativePathsAndUnsetVariables() {
        assertThrows(IllegalArgumentException.class, () -> LocalPaths.resolve("./models", ENV, "/home/me"));
        assertThrows(IllegalArgumentException.class, () -> LocalPaths.resolve("$NOPE/x", ENV, "/home/me"));
    }
}
