package io.citywatch.bench;

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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local {@code influxd} (InfluxDB 1.x as Debian ships it) on free ports with a temporary folder,
 * started the way the tests' {@code InfluxServer} starts it.
 */
public final class Influxd implements AutoCloseable {
    private final Path folder;
    private final int port;
    private final Process process;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Influxd(Path folder, int port, Process process) {
        this.folder = folder;
        this.port = port;
        this.process = process;
    }

    /** The installed binary, or null. */
    public static String binary() {
        for (String candidate : List.of("/usr/bin/influxd", "/usr/local/bin/influxd")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    public static Influxd start() throws Exception {
        String binary = binary();
        if (binary == null) {
            throw new IllegalStateException("influxd is not installed");
        }
        Path folder = Files.createTempDirectory("citywatch-bench-influxd");
        int port = freePort();
        Path config = folder.resolve("influxdb.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "reporting-disabled = true",
                        "bind-address = \"127.0.0.1:" + freePort() + "\"",
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
        Process process =
                new ProcessBuilder(binary, "-config", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(folder.resolve("influxd.log").toFile())
                        .start();
        // a bench stopped with Ctrl-C or SIGTERM must not leave influxd behind
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "influxd-stop"));
        Influxd influxd = new Influxd(folder, port, process);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "influxd exited: " + Files.readString(folder.resolve("influxd.log")));
            }
            if (influxd.ping()) {
                return influxd;
            }
            Thread.sleep(100);
        }
        influxd.close();
        throw new IllegalStateException("influxd did not answer /ping within 60 s");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void createDatabase(String name) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/query"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "q="
                                                        + URLEncoder.encode(
                                                                "CREATE DATABASE " + name,
                                                                StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
            throw new IllegalStateException("CREATE DATABASE " + name + ": " + response.body());
        }
    }

    private boolean ping() {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(url() + "/ping")).build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
