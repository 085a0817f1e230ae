package dev.modelstore.fetcher.source.web;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.source.RemoteObject;
import dev.modelstore.fetcher.source.RemoteObjects;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;

/** One FTP server session. A file's version is its size and modification time; folders are listed recursively. */
final class FtpObjects implements RemoteObjects {

    private final FTPClient ftp;
    private final String display;

    private volatile boolean aborted;

    FtpObjects(FTPClient ftp, String display) {
        this.ftp = ftp;
        this.display = display;
    }

    @Override
    public Iterable<RemoteObject> list(String prefix) throws IOException {
        List<RemoteObject> objects = new ArrayList<>();
        String folder = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        walk(folder, objects, 0);
        return objects;
    }

    private void walk(String folder, List<RemoteObject> out, int depth) throws IOException {
        if (depth > 64) {
            throw new IngestFailure("the FTP folder " + display + " nests deeper than 64 levels");
        }
        FTPFile[] entries = ftp.mlistDir("/" + folder);
        if (entries == null) {
            return;
        }
        for (FTPFile entry : entries) {
            if (entry == null || entry.getName().equals(".") || entry.getName().equals("..")) {
                continue;
            }
            String key = folder.isEmpty() ? entry.getName() : folder + "/" + entry.getName();
            if (entry.isDirectory()) {
                walk(key, out, depth + 1);
            } else if (entry.isFile()) {
                out.add(describe(key, entry));
            }
        }
    }

    @Override
    public Optional<RemoteObject> stat(String key) throws IOException {
        FTPFile file = ftp.mlistFile("/" + key);
        return file != null && file.isFile() ? Optional.of(describe(key, file)) : Optional.empty();
    }

    @Override
    public InputStream open(RemoteObject object) throws IOException {
        Optional<RemoteObject> now = stat(object.key());
        if (now.isEmpty() || !now.get().version().equals(object.version())) {
            throw new ObjectChangedException(object.key());
        }
        InputStream in = ftp.retrieveFileStream("/" + object.key());
        if (in == null) {
            throw new IngestFailure("the FTP server refused to send " + object.key() + " (" + ftp.getReplyString().trim() + ")");
        }
        return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                if (aborted) {
                    return;
                }
                super.close();
                if (!ftp.completePendingCommand()) {
                    throw new IOException("the FTP transfer of " + object.key() + " did not complete: "
                            + ftp.getReplyString().trim());
                }
            }
        };
    }

    @Override
    public void abort(InputStream opened) {
        aborted = true;
        // Closing the sockets ends a blocked read now; no transfer is completed after an abort.
        try {
            ftp.disconnect();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        disconnectQuietly(ftp);
    }

    static void disconnectQuietly(FTPClient ftp) {
        try {
            if (ftp.isConnected()) {
                ftp.logout();
                ftp.disconnect();
            }
        } catch (IOException ignored) {
            // the session is over either way
        }
    }

    private static RemoteObject describe(String key, FTPFile file) {
        long modified = file.getTimestamp() == null ? 0 : file.getTimestamp().getTimeInMillis();
        return new RemoteObject(key, file.getSize(), file.getSize() + "@" + modified);
    }
}
