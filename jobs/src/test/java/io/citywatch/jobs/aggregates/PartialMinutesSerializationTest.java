package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The partial minutes are operator state and cross the aggregates' shuffles: Flink must serialize
 * them itself, never through Kryo (which would also make their state unreadable after a change).
 */
class PartialMinutesSerializationTest {
    @Test
    void partialMinutesAreSerializedWithoutKryo() {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        for (Class<?> type :
                List.of(
                        SiteInput.class,
                        RiskPointMinute.class,
                        DeviceMinute.class,
                        PipelineCount.class)) {
            assertThatCode(() -> TypeInformation.of(type).createSerializer(noKryo))
                    .as(type.getSimpleName())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void theCheckFindsAKryoType() {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        assertThatCode(() -> TypeInformation.of(Holder.class).createSerializer(noKryo))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /** A field of no particular type has no serializer of Flink's own. */
    public static class Holder {
        public Object anything;

        public Holder() {}
    }
}
