package io.citywatch.jobs.rules.device;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FlatRunTest {
    private static final double TOLERANCE = 0.01;

    @Test
    void aConstantSensorKeepsOnePointPerExtremeHoweverLongItRuns() {
        FlatRun run = new FlatRun();
        for (int i = 0; i < 10_000; i++) {
            run.add(i * 60_000L, 20.0, TOLERANCE);
        }
        assertThat(run.count()).isEqualTo(10_000);
        assertThat(run.durationMillis()).isEqualTo(9_999 * 60_000L);
        assertThat(run.lows).hasSize(1);
        assertThat(run.highs).hasSize(1);
    }

    @Test
    void aBreakKeepsTheReadingsThatAreStillFlatWithTheNewOne() {
        FlatRun run = new FlatRun();
        run.add(0, 20.000, TOLERANCE);
        for (int minute = 10; minute <= 60; minute += 10) {
            run.add(minute * 60_000L, 20.008, TOLERANCE);
        }
        run.add(70 * 60_000L, 20.012, TOLERANCE);

        assertThat(run.count()).isEqualTo(7);
        assertThat(run.startTs).isEqualTo(10 * 60_000L);
        assertThat(run.min()).isEqualTo(20.008);
        assertThat(run.max()).isEqualTo(20.012);
    }

    @Test
    void exactlyTheToleranceApartIsStillFlat() {
        FlatRun run = new FlatRun();
        run.add(0, 20.00, TOLERANCE);
        run.add(1, 20.01, TOLERANCE);
        assertThat(run.count()).isEqualTo(2);
        run.add(2, 19.9999, TOLERANCE);
        assertThat(run.count()).isEqualTo(1);
    }

    @Test
    void agreesWithABruteForceLongestFlatSuffix() {
        Random random = new Random(42);
        double[] values = new double[3000];
        FlatRun run = new FlatRun();
        for (int i = 0; i < values.length; i++) {
            values[i] = 20 + random.nextInt(4) * 0.004;
            run.add(i * 1000L, values[i], TOLERANCE);

            int start = i;
            double min = values[i];
            double max = values[i];
            while (start > 0) {
                double v = values[start - 1];
                if (Math.max(max, v) - Math.min(min, v) > TOLERANCE + 1e-9) {
                    break;
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
                start--;
            }
            assertThat(run.startIndex).as("run start after reading %d", i).isEqualTo(start);
            assertThat(run.startTs).isEqualTo(start * 1000L);
            assertThat(run.min()).isEqualTo(min);
            assertThat(run.max()).isEqualTo(max);
        }
    }
}
