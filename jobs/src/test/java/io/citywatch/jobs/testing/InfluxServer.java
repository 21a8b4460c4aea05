package io.citywatch.jobs.testing;

import io.citywatch.influxd.LocalInfluxd;

import java.io.IOException;
import java.nio.file.Path;

/** The tests' influxd: a {@link LocalInfluxd} in the test's temporary folder. */
public final class InfluxServer extends LocalInfluxd {
    private InfluxServer(Path folder, int port) throws IOException {
        super(folder, port);
    }

    /** Starts influxd and waits for /ping; fails the test when influxd is not installed. */
    public static InfluxServer start(Path folder) throws Exception {
        InfluxServer server = new InfluxServer(folder, freePort());
        server.start();
        return server;
    }
}
