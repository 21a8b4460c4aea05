package io.citywatch.simulator;

/**
 * One record the simulator sends: to which input, with which Kafka key, its text, its event time
 * and when it is sent (in simulated time; later than the event time for delayed records).
 */
public record SimRecord(Stream stream, String key, String value, long ts, long emitTs) {
    /** The inputs of docs/contract.md §2. */
    public enum Stream {
        REGISTRY,
        READINGS,
        INCIDENTS
    }
}
