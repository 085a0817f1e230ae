package dev.modelstore.fetcher.source;

import java.io.IOException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * Reading an HTTP response body without ever draining it: Apache HttpClient's close reads the rest
 * of a body to reuse the connection, so on any failure the request is cancelled (the connection shut)
 * before the response is closed. Used by every source that downloads over Apache HttpClient.
 */
public final class HttpResponses {

    /** What is done with a response. */
    public interface Reading {
        void from(ClassicHttpResponse response) throws IOException;
    }

    private HttpResponses() {
    }

    /** Runs {@code reading} on the response, then closes it; on a failure the request is cancelled first. */
    public static void read(HttpUriRequestBase request, ClassicHttpResponse response, Reading reading) throws IOException {
        try {
            reading.from(response);
        } catch (IOException | RuntimeException | Error e) {
            request.cancel();
            closeQuietly(response);
            throw e;
        }
        response.close();
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            // the request was cancelled: the connection is gone either way
        }
    }
}
