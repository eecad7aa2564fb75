package io.etwcorr.cli.report;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Serves the report page of a live run on localhost only, rendered afresh on each request. */
public final class ReportServer implements AutoCloseable {
    private final HttpServer server;

    private ReportServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving {@code run} at {@code http://localhost:port/} (0: any free port). */
    public static ReportServer start(int port, RunModel run, String source) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!"/".equals(exchange.getRequestURI().getPath())) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] page = ReportPage.render(run, source).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Refresh", "10");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(page);
                }
            }
        });
        server.start();
        return new ReportServer(server);
    }

    /** The address actually bound. */
    public String address() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
