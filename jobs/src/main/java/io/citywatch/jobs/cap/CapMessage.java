package io.citywatch.jobs.cap;

/** One CAP 1.2 message: one version of one alert, as XML (docs/contract.md §3.1b). */
public class CapMessage {
    public String alertId;
    public int version;

    /** A whole XML document on one line. */
    public String xml;

    public CapMessage() {}

    public static CapMessage of(String alertId, int version, String xml) {
        CapMessage message = new CapMessage();
        message.alertId = alertId;
        message.version = version;
        message.xml = xml;
        return message;
    }

    @Override
    public String toString() {
        return "CapMessage{" + alertId + "-v" + version + "}";
    }
}
