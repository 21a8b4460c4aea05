package io.citywatch.launcher;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LiveCityTest {
    @Test
    void aFastCitysEventTimeOptionsAreSecondsOfWallClock() {
        assertThat(LiveCity.eventTimeOptions(60, Duration.ofSeconds(3)))
                .isEqualTo(
                        Map.of(
                                "idleness", "3000ms",
                                // two seconds of wall clock
                                "max-out-of-orderness", "120000ms",
                                // a partition is paused no longer than another takes to go idle
                                "max-watermark-drift", "360000ms"));
    }

    @Test
    void theBoundStaysWithinTheDefaultAndTheSimulatorsLateRecords() {
        // at 1x two seconds would be tighter than the job's own defaults
        assertThat(LiveCity.eventTimeOptions(1, Duration.ofSeconds(2)))
                .containsEntry("max-out-of-orderness", "30000ms")
                .containsEntry("max-watermark-drift", "60000ms");
        // the simulator's late records are 7 minutes behind: they must stay late
        assertThat(LiveCity.eventTimeOptions(300, Duration.ofSeconds(2)))
                .containsEntry("max-out-of-orderness", "300000ms");
    }
}
