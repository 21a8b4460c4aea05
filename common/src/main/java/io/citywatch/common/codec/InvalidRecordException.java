package io.citywatch.common.codec;

/** Thrown inside the codecs only, to unwind to the one place that turns it into a rejection. */
final class InvalidRecordException extends Exception {
    private final RejectReason reason;

    InvalidRecordException(RejectReason reason, String detail) {
        // no stack trace: bad input is expected traffic, not a bug
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }
}
