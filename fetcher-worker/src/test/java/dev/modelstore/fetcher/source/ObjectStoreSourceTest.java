package dev.modelstore.fetcher.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.extract.Unpacker;
import dev.modelstore.fetcher.store.InMemoryObjectSink;
import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import dev.modelstore.support.objectstore.ModelManifest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The consistent-snapshot rule: an object that changed since it was listed is read once more at its new version, then fails. */
class ObjectStoreSourceTest {

    private static final UUID MODEL = UUID.randomUUID();

    /** A store whose object changes version a given number of times before it can be read. */
    private static final class ChangingObjects implements RemoteObjects {
        private int changesLeft;
        private int version = 1;

        ChangingObjects(int changes) {
            this.changesLeft = changes;
        }

        @Override
        public Iterable<RemoteObject> list(String prefix) {
            return List.of(current());
        }

        @Override
        public Optional<RemoteObject> stat(String key) {
            return Optional.of(current());
        }

        @Override
        public InputStream open(RemoteObject object) throws ObjectChangedException {
            if (changesLeft > 0) {
                changesLeft--;
                version++;
                throw new ObjectChangedException(object.key());
            }
            if (!object.version().equals("v" + version)) {
                throw new ObjectChangedException(object.key());
            }
            return new ByteArrayInputStream(("content v" + version).getBytes());
        }

        private RemoteObject current() {
            return new RemoteObject("m/weights.bin", ("content v" + version).length(), "v" + version);
        }
    }

    private static ObjectStoreSource over(RemoteObjects objects) {
        return new ObjectStoreSource() {
            @Override
            public SourceType type() {
                return SourceType.REGIONAL;
            }

            @Override
            protected Location locate(SourceRequest request) {
                return new Location("c", request.uri(), request.uri());
            }

            @Override
            protected RemoteObjects connect(SourceRequest request, Location location) {
                return objects;
            }
        };
    }

    @Test
    void anObjectThatChangedOnceIsReadAtItsNewVersionAndThatVersionIsRecorded() throws Exception {
        InMemoryObjectSink sink = new InMemoryObjectSink();
        ObjectStoreModelWriter writer = new ObjectStoreModelWriter(MODEL, sink, new Unpacker(), 1000, (b, f) -> { }, () -> false);
        over(new ChangingObjects(1)).fetch(new SourceRequest(MODEL, "m/", Map.of()), writer);
        ModelManifest manifest = writer.manifest("test");
        assertEquals("v2", manifest.files().get(0).version());
        assertArrayEquals("content v2".getBytes(), sink.objects().get("models/" + MODEL + "/files/weights.bin"));
    }

    @Test
    void anObjectThatKeepsChangingFailsTheModel() {
        ObjectStoreModelWriter writer = new ObjectStoreModelWriter(MODEL, new InMemoryObjectSink(), new Unpacker(), 1000,
                (b, f) -> { }, () -> false);
        IngestFailure failure = assertThrows(IngestFailure.class,
                () -> over(new ChangingObjects(2)).fetch(new SourceRequest(MODEL, "m/weights.bin", Map.of()), writer));
        assertTrue(failure.reason().contains("changed while it was being copied"), failure.reason());
    }
}
