package io.citywatch.launcher;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Follows output topics from their beginning on a thread of its own, reading committed records only
 * (exactly-once alerts are visible once their checkpoint completes), and hands each record's topic
 * and text (or the whole record, headers included) to a callback.
 */
final class TopicFeed implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    TopicFeed(Properties client, List<String> topics, BiConsumer<String, String> onRecord) {
        this(
                client,
                topics,
                (Consumer<ConsumerRecord<String, String>>)
                        record -> onRecord.accept(record.topic(), record.value()));
    }

    /** A feed that hands over whole records: key, value and headers. */
    static TopicFeed ofRecords(
            Properties client,
            List<String> topics,
            Consumer<ConsumerRecord<String, String>> onRecord) {
        return new TopicFeed(client, topics, onRecord);
    }

    private TopicFeed(
            Properties client,
            List<String> topics,
            Consumer<ConsumerRecord<String, String>> onRecord) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "citywatch-feed-" + System.nanoTime());
        consumer = new KafkaConsumer<>(props);
        consumer.subscribe(topics);
        thread =
                new Thread(
                        () -> {
                            try {
                                while (running) {
                                    for (ConsumerRecord<String, String> record :
                                            consumer.poll(Duration.ofMillis(200))) {
                                        onRecord.accept(record);
                                    }
                                }
                            } catch (WakeupException e) {
                                // closing
                            } finally {
                                consumer.close(Duration.ofSeconds(2));
                            }
                        },
                        "citywatch-topic-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
