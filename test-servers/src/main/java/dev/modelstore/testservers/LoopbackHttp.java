package dev.modelstore.testservers;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;

/** The JDK HTTP server the test servers run on: loopback, any free port, over https when given a TLS context. */
final class LoopbackHttp {

    private LoopbackHttp() {
    }

    static HttpServer create(SSLContext tls) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        if (tls == null) {
            return HttpServer.create(loopback, 0);
        }
        HttpsServer https = HttpsServer.create(loopback, 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        return https;
    }
}
