package io.citywatch.bench;

import io.citywatch.influxd.LocalInfluxd;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One run of every figure, in order, on one data set; each figure's time is its own. */
final class BenchRun {
    private static final Duration QUICK_IDLENESS = Duration.ofSeconds(10);

    /** A city of 21 million devices reporting once a minute. */
    static final double CITY_EVENTS_PER_SECOND = 350_000;

    private final BenchCommand.Sizes sizes;
    private final boolean quick;
    private final PrintStream out;
    private final Report report = new Report();
    private final Map<String, Object> timings = new LinkedHashMap<>();
    private String lastStep;

    BenchRun(BenchCommand.Sizes sizes, boolean quick, PrintStream out) {
        this.sizes = sizes;
        this.quick = quick;
        this.out = out;
    }

    Report run() throws Exception {
        long started = System.nanoTime();
        report.json.put("mode", quick ? "quick" : "full");
        report.json.put("machine", BenchCommand.machine());
        report.json.put("records", sizes.records());
        report.json.put("checkpoint_interval_ms", sizes.checkpointInterval().toMillis());
        progress(
                "generating %,d readings of a %d-risk-point city",
                sizes.records(), sizes.riskPoints());
        BenchData data = BenchData.generate(7, sizes.riskPoints(), sizes.records());
        report.json.put("devices", data.deviceCount());
        report.json.put("event_time_span_ms", data.lastTs - data.firstTs);
        LocalInfluxd influxd = null;
        if (!LocalInfluxd.installed()) {
            report.note(
                    "influxd is not installed: the full pipeline discards its InfluxDB points"
                            + " and figure 7 is skipped (apt-get install influxdb)");
        } else {
            influxd = LocalInfluxd.start(Files.createTempDirectory("citywatch-bench-influxd"));
            influxd.execute("CREATE DATABASE citywatch");
            LocalInfluxd running = influxd;
            // an interrupted bench (Ctrl-C) must not leave influxd running
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        try {
                                            running.stop();
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                        }
                                    },
                                    "influxd-stop"));
        }
        String influxUrl = influxd == null ? null : influxd.url();
        try (BenchKafka kafka = BenchKafka.start()) {
            BenchKafka.Topics topics = kafka.createTopics("bench");
            progress("loading the broker");
            kafka.load(topics, data);

            progress("1 ingest ceiling");
            Rate ingest = IngestCeiling.run(kafka.bootstrapServers(), topics.readings, data.size());
            report.figures.put("ingest_ceiling", ingest.json());
            report.row(
                    "1 ingest ceiling: KafkaConsumer + ReadingCodec, 1 thread",
                    Report.perSecond(ingest.perSecond()),
                    "1.00");

            progress("2 framework tax");
            Rate framework =
                    FrameworkTax.run(
                            kafka.bootstrapServers(),
                            topics,
                            data.size(),
                            sizes.checkpointInterval());
            Map<String, Object> frameworkJson = framework.json();
            frameworkJson.put("ratio_to_ingest", ratio(framework, ingest));
            report.figures.put("framework_tax", frameworkJson);
            report.row(
                    "2 framework: KafkaSource → decode → discard, p1",
                    Report.perSecond(framework.perSecond()),
                    Report.ratio(framework.perSecond() / ingest.perSecond()) + " of (1)");

            Map<String, Object> full = new LinkedHashMap<>();
            Rate[] pipeline = new Rate[3];
            for (int p = 1; p <= 2; p++) {
                progress("3 full pipeline, parallelism %d", p);
                pipeline[p] =
                        FullPipeline.run(
                                kafka.bootstrapServers(),
                                topics,
                                data,
                                p,
                                influxUrl,
                                sizes.checkpointInterval());
                Map<String, Object> json = pipeline[p].json();
                json.put("ratio_to_ingest", ratio(pipeline[p], ingest));
                json.put("ratio_to_framework", ratio(pipeline[p], framework));
                full.put("p" + p, json);
                report.row(
                        "3 full pipeline p" + p + (influxUrl == null ? " (no influxd)" : ""),
                        Report.perSecond(pipeline[p].perSecond()),
                        Report.ratio(pipeline[p].perSecond() / ingest.perSecond())
                                + " of (1), "
                                + Report.ratio(pipeline[p].perSecond() / framework.perSecond())
                                + " of (2)");
            }
            double scaling = pipeline[2].perSecond() / pipeline[1].perSecond();
            full.put("scaling_1_to_2", Report.round(scaling, 2));
            full.put("influxdb", influxUrl != null);
            report.figures.put("full_pipeline", full);
            report.row("3 scaling p1 → p2", String.format(Locale.ROOT, "%.2f×", scaling), "");

            progress("4 rule tax");
            RuleTax.Result rules = RuleTax.run(data, sizes.checkpointInterval());
            Map<String, Object> rulesJson = new LinkedHashMap<>();
            rulesJson.put("rules", rules.rules().json());
            rulesJson.put("keyed_passthrough", rules.passthrough().json());
            rulesJson.put("ratio", Report.round(rules.ratio(), 3));
            report.figures.put("rule_tax", rulesJson);
            report.row(
                    "4 rules alone vs keyed passthrough",
                    Report.perSecond(rules.rules().perSecond())
                            + " vs "
                            + Report.perSecond(rules.passthrough().perSecond()),
                    Report.ratio(rules.ratio()));

            double loadRate =
                    sizes.latencyRate() == null ? pipeline[1].perSecond() / 2 : sizes.latencyRate();
            Map<String, Object> latency = new LinkedHashMap<>();
            for (String delivery : List.of("at-least-once", "exactly-once")) {
                progress("5 latency, %s, at %,.0f readings/s", delivery, loadRate);
                Latency.Result result =
                        Latency.run(
                                kafka,
                                data,
                                delivery,
                                loadRate,
                                sizes.latencyLength(),
                                sizes.checkpointInterval(),
                                influxUrl);
                latency.put(delivery.replace('-', '_'), result.json());
                report.row(
                        String.format(
                                Locale.ROOT,
                                "5 event→alert %s at %,.0f/s (%d/%d probes)",
                                delivery,
                                result.sentRate(),
                                result.answered(),
                                result.probes()),
                        String.format(
                                Locale.ROOT,
                                "p50 %d ms, p99 %d ms, max %d ms",
                                result.p50(),
                                result.p99(),
                                result.max()),
                        "");
            }
            report.figures.put("latency", latency);

            List<Map<String, Object>> scale = new ArrayList<>();
            for (int devices : sizes.scaleDevices()) {
                progress("6 state with RocksDB at %,d devices", devices);
                try {
                    StateScale.Result result =
                            StateScale.run(
                                    kafka,
                                    devices,
                                    quick ? Duration.ofMinutes(2) : Duration.ofMinutes(10),
                                    // a smoke test need not wait the production minute for
                                    // the quiet sources before its settled checkpoint
                                    quick ? QUICK_IDLENESS : null);
                    scale.add(result.json());
                    report.row(
                            String.format(Locale.ROOT, "6 state at %,d devices", result.devices()),
                            String.format(
                                    Locale.ROOT,
                                    "%.0f B/device (settled %s), checkpoint %d ms, heap %d MiB",
                                    (double) result.stateBytes() / result.devices(),
                                    result.settledStateBytes() < 0
                                            ? "not in time"
                                            : String.format(
                                                    Locale.ROOT,
                                                    "%.0f",
                                                    (double) result.settledStateBytes()
                                                            / result.devices()),
                                    result.checkpointMillis(),
                                    result.heapBytes() >> 20),
                            "");
                } catch (Exception | OutOfMemoryError e) {
                    Map<String, Object> failed = new LinkedHashMap<>();
                    failed.put("devices", devices);
                    failed.put("error", String.valueOf(e));
                    scale.add(failed);
                    report.note("state at " + devices + " devices did not fit: " + e);
                    report.row(
                            String.format(Locale.ROOT, "6 state at %,d devices", devices),
                            "did not fit (see notes)",
                            "");
                }
            }
            report.figures.put("state_scale", scale);

            Map<String, Object> sink = new LinkedHashMap<>();
            if (influxd == null) {
                sink.put("skipped", "influxd is not installed");
                report.row("7 InfluxDB sink vs client loop", "skipped: no influxd", "");
            } else {
                progress("7 InfluxDB sink, %,d points", sizes.sinkPoints());
                SinkThroughput.Result result = SinkThroughput.run(influxd, sizes.sinkPoints());
                sink.put("sink", result.sink().json());
                sink.put("client_loop", result.client().json());
                sink.put("ratio", Report.round(result.ratio(), 3));
                report.row(
                        "7 InfluxDB sink vs client loop (points)",
                        Report.perSecond(result.sink().perSecond())
                                + " vs "
                                + Report.perSecond(result.client().perSecond()),
                        Report.ratio(result.ratio()));
            }
            report.figures.put("sink", sink);

            targets(ingest, pipeline[1], rules, latency, scale);
        } finally {
            if (influxd != null) {
                influxd.close();
            }
        }
        progress("done");
        report.json.put("seconds_per_step", timings);
        report.json.put("seconds", Report.round((System.nanoTime() - started) / 1e9, 1));
        out.println();
        report.print(out);
        return report;
    }

    private void targets(
            Rate ingest,
            Rate pipelineP1,
            RuleTax.Result rules,
            Map<String, Object> latency,
            List<Map<String, Object>> scale) {
        Map<String, Object> targets = new LinkedHashMap<>();
        double endToEnd = pipelineP1.perSecond() / ingest.perSecond();
        targets.put("end_to_end_ratio", Report.round(endToEnd, 3));
        targets.put("end_to_end_met", endToEnd >= 0.60);
        targets.put("rules_ratio", Report.round(rules.ratio(), 3));
        targets.put("rules_met", rules.ratio() >= 0.50);
        @SuppressWarnings("unchecked")
        Map<String, Object> alo = (Map<String, Object>) latency.get("at_least_once");
        long p99 = (Long) alo.get("p99_ms");
        targets.put("p99_ms", p99);
        targets.put("p99_met", p99 >= 0 && p99 <= 250);
        Map<String, Object> largest = null;
        for (Map<String, Object> run : scale) {
            if (run.containsKey("bytes_per_device")) {
                largest = run;
            }
        }
        if (largest != null) {
            targets.put("state_devices", largest.get("devices"));
            targets.put("state_bytes_per_device", largest.get("bytes_per_device"));
            // for reading: the target counts readings in flight too (state_met uses the above)
            targets.put("settled_state_bytes_per_device", largest.get("settled_bytes_per_device"));
            targets.put(
                    "state_met",
                    ((Number) largest.get("bytes_per_device")).doubleValue() <= 150
                            && ((Number) largest.get("devices")).intValue() >= 1_000_000);
        }
        // one core of the full pipeline, scaled linearly (the 1 → 2 factor says how far that holds)
        targets.put(
                "cores_for_350k_per_second",
                (int) Math.ceil(CITY_EVENTS_PER_SECOND / pipelineP1.perSecond()));
        report.json.put("targets", targets);
    }

    private static double ratio(Rate a, Rate b) {
        return Report.round(a.perSecond() / b.perSecond(), 3);
    }

    private long figureStarted = System.nanoTime();

    private void progress(String format, Object... args) {
        long now = System.nanoTime();
        if (lastStep != null) {
            timings.put(lastStep, Report.round((now - figureStarted) / 1e9, 1));
        }
        lastStep = String.format(Locale.ROOT, format, args);
        figureStarted = now;
        System.err.println("citywatch bench: " + String.format(Locale.ROOT, format, args));
    }
}
