package io.citywatch.jobs.testing;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** A keyed process function under an opened test harness, keyed by a string as in the job. */
public final class KeyedHarness {
    private KeyedHarness() {}

    public static <IN, OUT> KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> open(
            KeyedProcessFunction<String, IN, OUT> function, KeySelector<IN, String> key)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(function), key, Types.STRING);
        harness.open();
        return harness;
    }
}
