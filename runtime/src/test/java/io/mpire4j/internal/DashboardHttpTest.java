package io.mpire4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpire4j.Dashboard;
import io.mpire4j.PoolOptions;
import io.mpire4j.TaskFailedException;
import io.mpire4j.spi.PoolEvents;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard over HTTP: the JSON API, the token, the methods it answers, the event stream, its threads. */
class DashboardHttpTest {
    private static final String EVIL = "<img src=x onerror=alert(1)>";

    private Dashboard dashboard;
    private HttpClient http;

    @BeforeEach
    void start() {
        dashboard = Dashboard.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        http.close();
        dashboard.close();
        dashboard.close(); // idempotent
        assertEquals(0, PoolEvents.current().length, "the dashboard left its listener registered");
    }

    private static WorkerPool<Void, Void> pool(int workers) {
        return WorkerPool.create(WorkerProgram.<Void, Void>builder("Texts")
                .task("shout", List.of("text"), (Void state, int workerId, String text) -> {
                    if (text.startsWith("<")) {
                        throw new IllegalArgumentException("no markup please: " + text);
                    }
                    if (text.startsWith("sleep")) {
                        Thread.sleep(Long.parseLong(text.substring(5)));
                    }
                    return text.toUpperCase(java.util.Locale.ROOT);
                }, text -> new Object[] {text}, Codecs.STRING, Codecs.STRING)
                .build(), PoolOptions.defaults().workers(workers).enableInsights(true));
    }

    private URI at(String pathAndQuery) {
        URI base = dashboard.uri();
        return URI.create("http://" + base.getRawAuthority() + pathAndQuery);
    }

    private String token() {
        return dashboard.uri().getRawQuery().substring("token=".length());
    }

    private HttpResponse<String> get(String path) throws Exception {
        String sep = path.contains("?") ? "&" : "?";
        return http.send(HttpRequest.newBuilder(at(path + sep + "token=" + token())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<Long> ids(String callsJson) {
        List<Long> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"id\":(\\d+),").matcher(callsJson);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    @Test
    void theUriIsLoopbackWithAToken() {
        URI uri = dashboard.uri();
        assertEquals("http", uri.getScheme());
        assertEquals("127.0.0.1", uri.getHost());
        assertTrue(uri.getPort() > 0);
        assertTrue(uri.getRawQuery().matches("token=[A-Za-z0-9_-]{32}"), uri.toString());
        assertFalse(dashboard.toString().contains(token()), "toString must not leak the token");
    }

    @Test
    void theJsonApiListsCallsAndDetailsAFailureWithItsArguments() throws Exception {
        try (WorkerPool<Void, Void> pool = pool(2)) {
            assertEquals(List.of("A", "B"), pool.<String, String>method(0).map(List.of("a", "b")));
            assertThrows(TaskFailedException.class,
                    () -> pool.<String, String>method(0).chunkSize(1).map(List.of("x", EVIL, "y")));
        }
        HttpResponse<String> calls = get("/api/calls");
        assertEquals(200, calls.statusCode());
        assertEquals("application/json; charset=utf-8", calls.headers().firstValue("Content-Type").orElse(""));
        String json = calls.body();
        List<Long> ids = ids(json);
        assertEquals(2, ids.size(), json);
        assertTrue(ids.get(0) > ids.get(1), "the most recent call comes first: " + json);
        assertTrue(json.contains("\"method\":\"Texts.shout\""), json);
        assertTrue(json.contains("\"state\":\"failed\""), json);
        assertTrue(json.contains("\"state\":\"done\",\"done\":2,\"total\":2"), json);
        assertTrue(json.contains("\"workerKind\":\"threads\",\"workers\":2"), json);

        String failed = get("/api/calls/" + ids.get(0)).body();
        assertTrue(failed.contains("\"type\":\"io.mpire4j.TaskFailedException\""), failed);
        assertTrue(failed.contains("\"arguments\":[{\"name\":\"text\",\"value\":\"\\\"\\u003cimg src=x onerror=alert(1)\\u003e\\\"\"}]"),
                failed);
        assertTrue(failed.contains("java.lang.IllegalArgumentException: no markup please"), failed);
        assertTrue(failed.contains("\\tat "), "the stack trace is there: " + failed);
        assertFalse(failed.contains("<"), "markup characters are escaped: " + failed);
        assertTrue(failed.contains("\"recorded\":true"), failed);

        String done = get("/api/calls/" + ids.get(1)).body();
        assertTrue(done.contains("\"failure\":null"), done);
        assertEquals(404, get("/api/calls/999999999").statusCode());
        assertEquals(404, get("/api/nothing").statusCode());
    }

    @Test
    void withoutTheTokenEveryRequestGets403AndNothingElse() throws Exception {
        for (String path : List.of("/", "/index.html", "/dashboard.js", "/dashboard.css", "/api/calls",
                "/api/calls/1", "/api/events", "/?token=wrong", "/api/calls?token=" + token() + "x")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(at(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), path);
            assertEquals("", r.body(), path);
            assertTrue(r.headers().firstValue("Content-Type").isEmpty(), path);
        }
        HttpResponse<String> header = http.send(HttpRequest.newBuilder(at("/api/calls"))
                .header("X-Mpire4j-Token", token()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, header.statusCode(), "the token may come as a header");
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("dashboard.js?token=" + token()), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
    }

    @Test
    void onlyGetIsServed() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(at("/api/calls?token=" + token()))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, r.statusCode(), method);
            assertEquals("GET", r.headers().firstValue("Allow").orElse(""), method);
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(at("/api/calls"))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, anonymous.statusCode(), method + " without the token");
        }
    }

    @Test
    void noCrossOriginHeaderIsEverSent() throws Exception {
        for (String path : List.of("/", "/api/calls", "/dashboard.js")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(at(path + "?token=" + token()))
                    .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path);
            for (String name : r.headers().map().keySet()) {
                assertFalse(name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"), path + ": " + name);
            }
        }
    }

    @Test
    void theHistoryKeepsTheLast100Calls() throws Exception {
        try (WorkerPool<Void, Void> pool = pool(1)) {
            for (int i = 0; i < CallBoard.HISTORY + 5; i++) {
                pool.<String, String>method(0).map(List.of("t" + i));
            }
        }
        List<Long> ids = ids(get("/api/calls").body());
        assertEquals(CallBoard.HISTORY, ids.size());
        for (int i = 1; i < ids.size(); i++) {
            assertEquals(ids.get(i - 1) - 1, ids.get(i), "the most recent 100, newest first");
        }
    }

    @Test
    void theEventStreamSendsTheListWhenItChangesAtMostFourTimesASecond() throws Exception {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(at("/api/events?token=" + token())).build();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closedByTheTest) {
                // the stream ends when the test closes it
            }
        });
        try {
            assertEquals("retry: 2000", lines.poll(10, TimeUnit.SECONDS));
            assertEquals("", lines.poll(10, TimeUnit.SECONDS));
            assertEquals("event: calls", lines.poll(10, TimeUnit.SECONDS));
            assertEquals("data: {\"calls\":[]}", lines.poll(10, TimeUnit.SECONDS));

            List<String> input = IntStream.range(0, 60).mapToObj(i -> "sleep25").toList();
            long start = System.nanoTime();
            try (WorkerPool<Void, Void> pool = pool(2)) {
                pool.<String, String>method(0).chunkSize(1).map(input); // 60 chunks in about 0.75 s
            }
            List<String> data = new ArrayList<>();
            while (data.isEmpty() || !data.get(data.size() - 1).contains("\"state\":\"done\"")) {
                String line = lines.poll(10, TimeUnit.SECONDS);
                assertNotNull(line, "no final event; got " + data);
                if (line.startsWith("data: ")) {
                    data.add(line);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(data.stream().anyMatch(d -> d.contains("\"state\":\"running\"")), data.toString());
            assertTrue(data.size() <= Math.ceil(seconds * 1000 / DashboardServer.PUSH_MILLIS) + 1,
                    data.size() + " events in " + seconds + " s: " + data);
            assertTrue(data.size() < 60, "progress is coalesced, not one event per chunk");
        } finally {
            response.body().close();
            reader.interrupt();
        }
    }

    @Test
    void closingStopsEveryDashboardThreadAndTheStreams() throws Exception {
        HttpResponse<InputStream> open = http.send(HttpRequest.newBuilder(at("/api/events?token=" + token())).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, open.statusCode());
        assertFalse(dashboardThreads().isEmpty());
        CountDownLatch ended = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (InputStream in = open.body()) {
                while (in.read() >= 0) {
                    // drain until the server ends the stream
                }
            } catch (Exception e) {
                // ended by the server: fine
            }
            ended.countDown();
        });
        dashboard.close();
        assertTrue(ended.await(10, TimeUnit.SECONDS), "the stream did not end");
        reader.join(1000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!dashboardThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), dashboardThreads());
    }

    private static List<String> dashboardThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("mpire4j-dashboard") || n.equals("HTTP-Dispatcher")).sorted().toList();
    }

    @Test
    void dashboardThreadsAreNamedDaemons() {
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("mpire4j-dashboard")).toList();
        assertFalse(threads.isEmpty());
        for (Thread t : threads) {
            assertTrue(t.isDaemon(), t.getName());
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("HTTP-Dispatcher")));
    }

    @Test
    void theSystemPropertyStartsOneDashboardWithTheFirstPool() throws Exception {
        String before = System.getProperty(DashboardProperty.PROPERTY);
        DashboardServer leftOver = DashboardProperty.resetForTests();
        assertNull(leftOver);
        System.setProperty(DashboardProperty.PROPERTY, "0");
        try {
            try (WorkerPool<Void, Void> pool = pool(1)) {
                pool.<String, String>method(0).map(List.of("seen"));
            }
            try (WorkerPool<Void, Void> second = pool(1)) {
                second.<String, String>method(0).map(List.of("also seen"));
            }
        } finally {
            if (before == null) {
                System.clearProperty(DashboardProperty.PROPERTY);
            } else {
                System.setProperty(DashboardProperty.PROPERTY, before);
            }
        }
        DashboardServer started = DashboardProperty.resetForTests();
        assertNotNull(started, "the property started a dashboard");
        try {
            String calls = http.send(HttpRequest.newBuilder(started.uri().resolve("/api/calls?"
                    + started.uri().getRawQuery())).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(2, ids(calls).size(), "one dashboard saw both pools: " + calls);
        } finally {
            started.close();
        }
    }

    @Test
    void badPortsFailAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dashboard.start(70_000));
        assertEquals("port must be in [0, 65535], was 70000", e.getMessage());
        int taken = dashboard.uri().getPort();
        assertThrows(java.io.UncheckedIOException.class, () -> Dashboard.start(taken));
    }
}
