package dev.modelstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sending side of a local upload fails at once, and says why, when the folder cannot be read. */
class LocalUploadTest {

    @TempDir
    Path temp;

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private HttpServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /** A receiver that answers ping and acknowledges every chunk. */
    private String receiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                long received = exchange.getRequestBody().readAllBytes().length;
                String range = exchange.getRequestHeaders().getFirst("Content-Range");
                long end = range == null ? 0 : Long.parseLong(range.replaceAll("bytes \\d+-(\\d+)/.*", "$1")) + 1;
                byte[] body = ("{\"expected_offset\":" + (range == null ? received : end) + "}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @Test
    void aMissingFolderIsRefusedBeforeAnyModelIsCreated() {
        StringWriter err = new StringWriter();
        int exit = ModelstoreCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "--api-url",
                "http://127.0.0.1:9", "--token", "t", "model", "create", "--source", "local", temp.resolve("nowhere").toString());
        assertEquals(1, exit, err.toString());
        assertTrue(err.toString().contains("no model was created"), err.toString());
    }

    @Test
    void aMissingFolderFailsTheUploadAtOnce() throws Exception {
        LocalUploader uploader = new LocalUploader(receiver(), "token", new PrintStream(new ByteArrayOutputStream()), n -> { });
        LocalUploader.UploadRefused refused = assertThrows(LocalUploader.UploadRefused.class,
                () -> uploader.upload(temp.resolve("nowhere")));
        assertTrue(refused.getMessage().contains("cannot read"), refused.getMessage());
        assertTrue(requests.isEmpty(), "nothing was sent: " + requests);
    }

    @Test
    void aFileThatCannotBeReadEndsTheTarWithAnErrorNotAShorterTar() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("model"));
        Files.write(folder.resolve("a.bin"), new byte[1000]);
        Path hidden = folder.resolve("b.bin");
        Files.write(hidden, new byte[1000]);
        try (InputStream tar = TarStream.of(folder)) {
            Files.delete(hidden); // gone between the folder's listing and its read
            IOException failure = assertThrows(IOException.class, () -> tar.readAllBytes());
            assertTrue(failure instanceof TarStream.Unreadable, failure.toString());
        }
        LocalUploader uploader = new LocalUploader(receiver(), "token", new PrintStream(new ByteArrayOutputStream()), n -> { });
        Files.write(hidden, new byte[1000]);
        assertEquals(0, requests.stream().filter(r -> r.endsWith("/finalize")).count());
        assertTrue(uploader.upload(folder) > 2000, "a readable folder uploads");
        assertEquals(1, requests.stream().filter(r -> r.endsWith("/finalize")).count());
    }
}
