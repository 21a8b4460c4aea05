package io.citywatch.common.codec;

/** The outcome of decoding one record: a value, or the reason it was rejected. */
public final class Parsed<T> {
    private final T value;
    private final RejectReason reason;
    private final String detail;

    private Parsed(T value, RejectReason reason, String detail) {
        this.value = value;
        this.reason = reason;
        this.detail = detail;
    }

    public static <T> Parsed<T> ok(T value) {
        return new Parsed<>(value, null, null);
    }

    public static <T> Parsed<T> rejected(RejectReason reason, String detail) {
        return new Parsed<>(null, reason, detail);
    }

    static <T> Parsed<T> rejected(InvalidRecordException e) {
        return rejected(e.reason(), e.getMessage());
    }

    public boolean isOk() {
        return reason == null;
    }

    public T value() {
        if (reason != null) {
            throw new IllegalStateException("rejected record has no value: " + reason);
        }
        return value;
    }

    public RejectReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
