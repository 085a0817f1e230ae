package dev.modelstore.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileSelectionTest {

    @Test
    void noGlobSelectsEverything() {
        FileSelection all = FileSelection.of(List.of(), null);
        assertTrue(all.selects("config.json"));
        assertTrue(all.selects("weights/part-1.bin"));
        assertFalse(all.filters());
    }

    @Test
    void includesFollowPathMatcherGlobs() {
        FileSelection json = FileSelection.of(List.of("*.json"), List.of());
        assertTrue(json.selects("config.json"));
        assertFalse(json.selects("sub/config.json"), "* stays within a folder");
        assertFalse(json.selects("model.bin"));

        FileSelection deep = FileSelection.of(List.of("**.json", "tokenizer/*"), List.of());
        assertTrue(deep.selects("sub/deeper/config.json"));
        assertTrue(deep.selects("config.json"));
        assertTrue(deep.selects("tokenizer/vocab.txt"));
        assertFalse(deep.selects("tokenizer/nested/vocab.txt"));
    }

    @Test
    void excludeWinsOverInclude() {
        FileSelection selection = FileSelection.of(List.of("weights/**"), List.of("**.safetensors", "weights/tmp/**"));
        assertTrue(selection.selects("weights/a.bin"));
        assertFalse(selection.selects("weights/a.safetensors"));
        assertFalse(selection.selects("weights/tmp/x.bin"));
        assertFalse(selection.selects("README.md"), "not included");

        FileSelection excludeOnly = FileSelection.of(List.of(), List.of("*.bin"));
        assertTrue(excludeOnly.selects("README.md"));
        assertFalse(excludeOnly.selects("model.bin"));
        assertTrue(excludeOnly.selects("sub/model.bin"), "*.bin names top-level files only");
    }

    @Test
    void aBrokenGlobIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FileSelection.of(List.of("weights/[a"), List.of()));
        assertTrue(e.getMessage().contains("weights/[a"), e.getMessage());
    }
}
