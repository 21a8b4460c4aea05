package io.citywatch.bench;

import io.citywatch.common.time.EventTimes;
import io.citywatch.jobs.config.CityWatchOptions;
import io.citywatch.jobs.config.Settings;

import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Figure 5: event→alert latency at a steady load. The whole job runs against live topics while the
 * data set's readings are sent at {@code rate} records/s; now and then a smoke detector of a
 * high-rise is sent in alarm, and the time from that record's Kafka timestamp to the moment its
 * {@code fire.detector_alarm} alert can be read from the alerts topic (read_committed) is its
 * latency.
 */
final class Latency {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Latency() {}

    record Result(
            String delivery,
            double targetRate,
            double sentRate,
            int probes,
            int answered,
            long p50,
            long p99,
            long max,
            List<Long> inSendOrder) {
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("delivery", delivery);
            json.put("target_rate_per_second", Report.round(targetRate, 0));
            json.put("sent_rate_per_second", Report.round(sentRate, 0));
            json.put("probes", probes);
            json.put("answered", answered);
            json.put("p50_ms", p50);
            json.put("p99_ms", p99);
            json.put("max_ms", max);
            // a p99 of one probe in fifty is one number: the whole series shows whether it is a
            // spike or a job falling behind
            json.put("latencies_ms_in_send_order", inSendOrder);
            return json;
        }
    }

    static Result run(
            BenchKafka kafka,
            BenchData data,
            String delivery,
            double rate,
            Duration length,
            Duration checkpointInterval,
            String influxUrl)
            throws Exception {
        String prefix = "lat-" + delivery;
        BenchKafka.Topics topics = kafka.createTopics(prefix);
        List<String> detectors = new ArrayList<>(data.probeDetectors());
        // the simulator's fire scenarios take the first high-rises: probe from the other end
        Collections.reverse(detectors);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> latencies = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader =
                new Thread(
                        () -> readAlerts(kafka, topics.alerts, sentAt, latencies, stop),
                        "bench-alert-reader");
        reader.setDaemon(true);
        int probes = 0;
        long sent = 0;
        double sentSeconds;
        try (BenchCluster cluster = BenchCluster.start(1, checkpointInterval, false)) {
            StreamExecutionEnvironment env = cluster.env(1);
            Settings settings =
                    JobRuns.settings(kafka.bootstrapServers(), topics, prefix, delivery);
            JobRuns.job(
                            settings,
                            data.registry,
                            new BenchSources(kafka.bootstrapServers(), topics, prefix, false),
                            influxUrl,
                            Long.MAX_VALUE)
                    .build(env);
            Meter source = Meter.reset(BenchSources.READINGS_METER);
            JobID job = cluster.submit(env, "bench: latency " + delivery);
            reader.start();
            long warmUpNanos = length.toNanos() / 4;
            long probeEveryNanos =
                    Math.max(
                            (length.toNanos() - warmUpNanos) / Math.max(1, detectors.size()),
                            100_000_000L);
            try (KafkaProducer<String, String> producer = kafka.producer(5)) {
                // the clock starts when the job reads: on a loaded machine its start alone can take
                // longer than a quick run, whose probes would then be answered after it ended
                awaitReading(producer, topics.readings, data, source);
                long start = System.nanoTime();
                long nextProbe = start + warmUpNanos;
                long lastTs = data.firstTs;
                long now = start;
                while (now - start < length.toNanos() && sent < data.size()) {
                    long due = (long) ((now - start) / 1e9 * rate);
                    while (sent < due && sent < data.size()) {
                        int i = (int) sent++;
                        lastTs = Math.max(lastTs, data.readingTs[i]);
                        producer.send(
                                new ProducerRecord<>(
                                        topics.readings,
                                        null,
                                        System.currentTimeMillis(),
                                        data.readingKeys[i],
                                        data.readingValues[i]));
                    }
                    if (now >= nextProbe && probes < detectors.size()) {
                        String device = detectors.get(probes++);
                        long ms = System.currentTimeMillis();
                        sentAt.put(device, ms);
                        producer.send(
                                new ProducerRecord<>(
                                        topics.readings,
                                        null,
                                        ms,
                                        device,
                                        "{\"deviceId\":\""
                                                + device
                                                + "\",\"type\":\"smoke\",\"value\":5.0,\"ts\":\""
                                                + EventTimes.format(lastTs)
                                                + "\"}"));
                        nextProbe += probeEveryNanos;
                    }
                    Thread.sleep(1);
                    now = System.nanoTime();
                }
                sentSeconds = (System.nanoTime() - start) / 1e9;
            }
            // the last probes' alerts (a job that fell behind still answers them late, and that
            // shows in p99); exactly-once ones wait for their checkpoint, and every one may wait
            // for a reading of an unknown device held up to unknown-hold, which holds the clock
            long deadline =
                    System.nanoTime()
                            + length.dividedBy(2)
                                    .plus(checkpointInterval.multipliedBy(2))
                                    .plus(settings.get(CityWatchOptions.UNKNOWN_HOLD))
                                    .toNanos();
            while (latencies.size() < probes && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            stop.set(true);
            cluster.cancel(job);
        }
        reader.join(5_000);
        List<Long> sorted = new ArrayList<>(latencies.values());
        Collections.sort(sorted);
        List<Long> inSendOrder = new ArrayList<>();
        sentAt.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(probe -> inSendOrder.add(latencies.getOrDefault(probe.getKey(), -1L)));
        return new Result(
                delivery,
                rate,
                sent / sentSeconds,
                probes,
                sorted.size(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1),
                inSendOrder);
    }

    /**
     * Sends the data's first reading and waits, at most two minutes, until the job has read one.
     */
    private static void awaitReading(
            KafkaProducer<String, String> producer, String topic, BenchData data, Meter source)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        producer.send(
                new ProducerRecord<>(
                        topic,
                        null,
                        System.currentTimeMillis(),
                        data.readingKeys[0],
                        data.readingValues[0]));
        producer.flush();
        while (source.count() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("latency: the job read nothing within 2 minutes");
            }
            Thread.sleep(50);
        }
    }

    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void readAlerts(
            BenchKafka kafka,
            String topic,
            Map<String, Long> sentAt,
            Map<String, Long> latencies,
            AtomicBoolean stop) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            // every partition: the alerts topic has the production layout, keyed by alertId
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(info -> new TopicPartition(topic, info.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                    long received = System.currentTimeMillis();
                    JsonNode alert = JSON.readTree(record.value());
                    if (!"fire.detector_alarm".equals(alert.path("ruleId").asText())
                            || alert.path("version").asInt() != 1) {
                        continue;
                    }
                    String device = alert.path("deviceIds").path(0).asText();
                    Long sent = sentAt.get(device);
                    if (sent != null) {
                        latencies.putIfAbsent(device, received - sent);
                    }
                }
            }
        } catch (Exception e) {
            if (!stop.get()) {
                System.err.println("citywatch bench: alert reader failed: " + e);
            }
        }
    }
}
