package io.citywatch.influxd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A real {@code influxd} (InfluxDB 1.x, as Debian ships it) on a free port with its own folder and
 * config, for the demo and the tests; {@link #stop()} and {@link #start()} again keep port and
 * data, for outage tests. Queries go through the 1.x {@code /query} endpoint and come back as rows.
 */
public class LocalInfluxd implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Path config;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    protected LocalInfluxd(Path folder, int port) throws IOException {
        this.folder = folder;
        this.port = port;
        this.config = folder.resolve("influxdb.conf");
        Files.createDirectories(folder);
        int rpcPort = freePort();
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "reporting-disabled = true",
                        "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                        "[meta]",
                        "  dir = \"" + folder.resolve("meta") + "\"",
                        "[data]",
                        "  dir = \"" + folder.resolve("data") + "\"",
                        "  wal-dir = \"" + folder.resolve("wal") + "\"",
                        "  query-log-enabled = false",
                        "[http]",
                        "  enabled = true",
                        "  bind-address = \"127.0.0.1:" + port + "\"",
                        "  log-enabled = false",
                        "[monitor]",
                        "  store-enabled = false",
                        "[continuous_queries]",
                        "  enabled = false",
                        "[subscriber]",
                        "  enabled = false",
                        ""));
    }

    /** Starts influxd and waits for /ping; fails when influxd is not installed. */
    public static LocalInfluxd start(Path folder) throws Exception {
        LocalInfluxd server = new LocalInfluxd(folder, freePort());
        server.start();
        return server;
    }

    /** Whether influxd is installed where Debian's package puts it. */
    public static boolean installed() {
        try {
            binary();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The config file, for restarting this influxd by hand on the same data. */
    public Path config() {
        return config;
    }

    public static String binary() {
        for (String candidate : List.of("/usr/bin/influxd", "/usr/local/bin/influxd")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "influxd is not installed: sudo apt-get install -y influxdb (bin/test does it)");
    }

    public synchronized void start() throws Exception {
        if (process != null && process.isAlive()) {
            return;
        }
        process =
                new ProcessBuilder(binary(), "-config", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(folder.resolve("influxd.log").toFile())
                        .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "influxd exited: " + Files.readString(folder.resolve("influxd.log")));
            }
            if (ping()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("influxd did not answer /ping within 60 s");
    }

    /** Stops influxd (SIGTERM, then SIGKILL after 20 s); data stays for the next start. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    @Override
    public void close() throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean ping() {
        try {
            HttpResponse<Void> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(url() + "/ping"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs an InfluxQL statement that changes something (CREATE DATABASE …). */
    public void execute(String statement) throws Exception {
        JsonNode result = post("/query", "q=" + encode(statement));
        String error = result.path("results").path(0).path("error").asText(null);
        if (error != null) {
            throw new IllegalStateException(statement + ": " + error);
        }
    }

    /**
     * The rows of a query in database {@code db}, each a map of column to value (times in epoch ms,
     * tags of GROUP BY included), over all series in order.
     */
    public List<Map<String, Object>> query(String db, String query) throws Exception {
        JsonNode result =
                get("/query?db=" + encode(db) + "&epoch=ms&q=" + encode(query))
                        .path("results")
                        .path(0);
        if (result.has("error")) {
            throw new IllegalStateException(query + ": " + result.get("error").asText());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode series : result.path("series")) {
            List<String> columns = new ArrayList<>();
            series.path("columns").forEach(column -> columns.add(column.asText()));
            for (JsonNode values : series.path("values")) {
                Map<String, Object> row = new TreeMap<>();
                series.path("tags")
                        .fields()
                        .forEachRemaining(tag -> row.put(tag.getKey(), tag.getValue().asText()));
                for (int i = 0; i < columns.size(); i++) {
                    JsonNode value = values.get(i);
                    row.put(
                            columns.get(i),
                            value.isNull()
                                    ? null
                                    : value.isIntegralNumber()
                                            ? (Object) value.asLong()
                                            : value.isNumber()
                                                    ? (Object) value.asDouble()
                                                    : value.isBoolean()
                                                            ? (Object) value.asBoolean()
                                                            : value.asText());
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Writes raw line protocol (ms precision) with the 1.x API, for fixtures. */
    public int writeRaw(String db, String lines) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(url() + "/write?precision=ms&db=" + encode(db)))
                                .POST(HttpRequest.BodyPublishers.ofString(lines))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url() + path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private JsonNode post(String path, String form) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url() + path))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    protected static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
