package io.citywatch.jobs.config;

import org.apache.flink.connector.base.DeliveryGuarantee;

import java.util.Locale;

/** The values of {@code alerts-delivery}: how the alerts topic is written. */
public enum AlertsDelivery {
    AT_LEAST_ONCE(DeliveryGuarantee.AT_LEAST_ONCE),
    /** Kafka transactions committed at each checkpoint. */
    EXACTLY_ONCE(DeliveryGuarantee.EXACTLY_ONCE);

    private final DeliveryGuarantee guarantee;

    AlertsDelivery(DeliveryGuarantee guarantee) {
        this.guarantee = guarantee;
    }

    public DeliveryGuarantee guarantee() {
        return guarantee;
    }

    /** As the option writes it: {@code at-least-once}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
