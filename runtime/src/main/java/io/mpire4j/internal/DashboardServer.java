package io.mpire4j.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mpire4j.spi.PoolEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's HTTP server, behind {@link io.mpire4j.Dashboard}: a JDK {@link HttpServer} that
 * serves the page, the JSON API and the Server-Sent Events stream, fed by a {@link CallBoard}
 * registered as a pool listener. Public only so that {@code io.mpire4j.Dashboard} can reach it;
 * not API.
 *
 * <p>Every request needs the token (query parameter {@code token} or header
 * {@code X-Mpire4j-Token}); without it the answer is 403 with an empty body. Only {@code GET} is
 * served. No CORS header is ever sent.
 *
 * <p>Threads: one dispatcher ({@code mpire4j-dashboard-dispatcher}) and handler threads
 * ({@code mpire4j-dashboard-http-N}), all daemons. Each event stream holds one handler thread
 * (at most {@value #MAX_STREAMS} at once) that wakes every {@value #PUSH_MILLIS} ms and sends the
 * call list only when it changed: a slow client slows only its own thread, and a client that falls
 * behind simply skips states, nothing queues. Pools never wait for the dashboard.
 * Thread-safe; {@link #close()} is idempotent and stops every thread.
 */
public final class DashboardServer implements AutoCloseable {
    /** The longest pause between two events of a stream, and so the most updates per second. */
    static final int PUSH_MILLIS = 250;
    /** Event streams served at once; more get 503. */
    static final int MAX_STREAMS = 8;
    private static final long PING_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final Pattern CALL = Pattern.compile("/api/calls/([0-9]{1,18})");
    private static final String RESOURCES = "/io/mpire4j/internal/dashboard/";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final CallBoard board = new CallBoard();
    private final String token;
    private final byte[] tokenBytes;
    private final URI uri;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final AutoCloseable registration;
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final byte[] page;
    private final byte[] css;
    private final byte[] js;

    private DashboardServer(String host, int port) throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
        page = resource("index.html").replace("{{token}}", token).getBytes(StandardCharsets.UTF_8);
        css = resource("dashboard.css").getBytes(StandardCharsets.UTF_8);
        js = resource("dashboard.js").getBytes(StandardCharsets.UTF_8);
        InetAddress address = InetAddress.getByName(host);
        handlers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new Named("mpire4j-dashboard-http-"));
        server = startServer(new InetSocketAddress(address, port), handlers);
        server.createContext("/", this::handle);
        int bound = server.getAddress().getPort();
        String hostText = address.getHostAddress();
        if (hostText.contains(":")) {
            hostText = "[" + hostText + "]";
        }
        uri = URI.create("http://" + hostText + ":" + bound + "/?token=" + token);
        registration = PoolEvents.register(board);
    }

    /**
     * Starts a dashboard on {@code host:port} ({@code port} 0: a free one). Prints a warning on
     * stderr when {@code host} is not a loopback address.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static DashboardServer start(String host, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        try {
            DashboardServer dashboard = new DashboardServer(host, port);
            InetAddress address = InetAddress.getByName(host);
            if (!address.isLoopbackAddress()) {
                System.err.println("mpire4j: WARNING: the dashboard listens on " + address.getHostAddress() + ":"
                        + dashboard.uri.getPort() + ", reachable from other machines. Anyone who has its URI (with"
                        + " the token) sees task arguments and failures. Use Dashboard.start() for loopback only.");
            }
            return dashboard;
        } catch (IOException e) {
            throw new UncheckedIOException("mpire4j: the dashboard could not listen on " + host + ":" + port, e);
        }
    }

    /** The page's address with the token: {@code http://127.0.0.1:PORT/?token=…}. */
    public URI uri() {
        return uri;
    }

    /** The board, for tests in this package. */
    CallBoard board() {
        return board;
    }

    /** Stops listening, ends every event stream and every thread. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            registration.close();
        } catch (Exception e) {
            // PoolEvents' handle does not throw
        }
        handlers.shutdownNow(); // wakes the streams, which then end
        server.stop(0);
        boolean interrupted = false;
        try {
            if (!handlers.awaitTermination(5, TimeUnit.SECONDS)) {
                System.err.println("mpire4j: a dashboard thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Creates and starts the server on a daemon thread of a group of ours, so that the JDK's
     * dispatcher thread is a daemon too; then names it after us.
     */
    private static HttpServer startServer(InetSocketAddress address, ExecutorService executor) throws IOException {
        ThreadGroup group = new ThreadGroup("mpire4j-dashboard");
        HttpServer[] made = new HttpServer[1];
        IOException[] failed = new IOException[1];
        Thread starter = new Thread(group, () -> {
            try {
                HttpServer s = HttpServer.create(address, 16);
                s.setExecutor(executor);
                s.start();
                made[0] = s;
            } catch (IOException e) {
                failed[0] = e;
            }
        }, "mpire4j-dashboard-start");
        starter.setDaemon(true);
        starter.start();
        boolean interrupted = false;
        while (true) {
            try {
                starter.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n = group.enumerate(threads);
        for (int i = 0; i < n; i++) {
            if (!threads[i].getName().startsWith("mpire4j-")) {
                threads[i].setName("mpire4j-dashboard-" + threads[i].getName().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return made[0];
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void handle(HttpExchange exchange) {
        boolean keepOpen = false;
        try {
            if (!authorized(exchange)) {
                exchange.sendResponseHeaders(403, -1);
                return;
            }
            Headers headers = exchange.getResponseHeaders();
            headers.set("Cache-Control", "no-store");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            if (!"GET".equals(exchange.getRequestMethod())) {
                headers.set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            Matcher call = CALL.matcher(path);
            switch (path) {
                case "/", "/index.html" -> {
                    headers.set("Content-Security-Policy", CSP);
                    headers.set("X-Frame-Options", "DENY");
                    send(exchange, 200, "text/html; charset=utf-8", page);
                }
                case "/dashboard.css" -> send(exchange, 200, "text/css; charset=utf-8", css);
                case "/dashboard.js" -> send(exchange, 200, "text/javascript; charset=utf-8", js);
                case "/api/calls" -> sendJson(exchange, board.callsJson());
                case "/api/events" -> keepOpen = stream(exchange);
                default -> {
                    String detail = call.matches() ? board.callJson(Long.parseLong(call.group(1))) : null;
                    if (detail != null) {
                        sendJson(exchange, detail);
                    } else {
                        send(exchange, 404, "application/json; charset=utf-8",
                                "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or a bug: the exchange is closed below, the server goes on
        } finally {
            if (!keepOpen) {
                exchange.close();
            }
        }
    }

    /** Whether the request carries the token, as query parameter {@code token} or header {@code X-Mpire4j-Token}. */
    private boolean authorized(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst("X-Mpire4j-Token");
        if (given == null) {
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.startsWith("token=")) {
                        given = pair.substring("token=".length());
                        break;
                    }
                }
            }
        }
        return given != null && MessageDigest.isEqual(tokenBytes, given.getBytes(StandardCharsets.US_ASCII));
    }

    private static void sendJson(HttpExchange exchange, String json) throws IOException {
        send(exchange, 200, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Serves {@code /api/events} on this handler thread until the client leaves or the dashboard
     * closes: an {@code event: calls} with the list whenever it changed, at most one per
     * {@value #PUSH_MILLIS} ms, and a comment line now and then so that dead connections are noticed.
     * Returns whether the exchange is still open (never: it is closed here).
     */
    private boolean stream(HttpExchange exchange) throws IOException {
        if (streams.incrementAndGet() > MAX_STREAMS) {
            streams.decrementAndGet();
            send(exchange, 503, "text/plain; charset=utf-8",
                    "too many event streams".getBytes(StandardCharsets.UTF_8));
            return false;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long[] sent = null;
            long lastWrite = System.nanoTime();
            while (!closed.get() && !Thread.currentThread().isInterrupted()) {
                long[] now = board.fingerprint();
                if (!Arrays.equals(now, sent)) {
                    out.write(("event: calls\ndata: " + board.callsJson() + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sent = now;
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite > PING_NANOS) {
                    out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.nanoTime();
                }
                Thread.sleep(PUSH_MILLIS);
            }
        } catch (InterruptedException e) {
            // the dashboard closes
        } finally {
            streams.decrementAndGet();
            exchange.close();
        }
        return false;
    }

    /** Daemon threads named {@code prefix + n}. */
    private static final class Named implements java.util.concurrent.ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger(1);

        Named(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + next.getAndIncrement());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> System.err.println(
                    "mpire4j: dashboard thread " + t.getName() + " failed: " + ErrorReport.throwableText(e)));
            return thread;
        }
    }
}
