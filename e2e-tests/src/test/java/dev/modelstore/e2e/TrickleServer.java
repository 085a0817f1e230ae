package dev.modelstore.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A hostile HTTP source on loopback, on raw sockets: {@code /trickle/…} promises a megabyte and sends
 * one byte a second; {@code /evil.tar} is a tar whose first entry is {@code ../evil.txt}, followed by
 * 100 MB. For each path it records how many bytes went out and when the client closed the connection.
 */
final class TrickleServer implements AutoCloseable {

    /** What one path saw. */
    static final class Seen {
        final AtomicLong sent = new AtomicLong();
        volatile long closedAtNanos;
    }

    private final ServerSocket server;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    TrickleServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "trickle-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    Seen seen(String path) {
        return seen.computeIfAbsent(path, p -> new Seen());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> handle(client), "trickle-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        String path = "?";
        try (client) {
            path = requestPath(client.getInputStream());
            Seen record = seen(path);
            OutputStream out = client.getOutputStream();
            try {
                if (path.startsWith("/trickle/")) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\nContent-Type: application/octet-stream\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 1_000_000; i++) {
                        out.write('x');
                        out.flush();
                        record.sent.incrementAndGet();
                        Thread.sleep(1000);
                    }
                } else if (path.equals("/evil.tar")) {
                    long size = 100_000_000L;
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + (512 + size) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(tarHeader("../evil.txt", size));
                    byte[] zeros = new byte[64 * 1024];
                    for (long left = size; left > 0; left -= zeros.length) {
                        out.write(zeros, 0, (int) Math.min(zeros.length, left));
                        record.sent.addAndGet(Math.min(zeros.length, left));
                    }
                } else {
                    out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException e) {
                record.closedAtNanos = System.nanoTime();
            }
        } catch (IOException | InterruptedException e) {
            seen(path).closedAtNanos = System.nanoTime();
        }
    }

    private static byte[] tarHeader(String name, long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        tar.flush();
        byte[] all = bytes.toByteArray();
        return java.util.Arrays.copyOf(all, 512);
    }

    private static String requestPath(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        String[] line = head.toString().split(" ", 3);
        return line.length > 1 ? line[1] : "?";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
