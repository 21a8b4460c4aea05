package io.citywatch.launcher;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LiveCityTest {
    @Test
    void theOutOfOrdernessBoundIsTwoWallSecondsOfTheCityWithinTheDefaultAndTheLateRecords() {
        assertThat(LiveCity.outOfOrderness(60)).isEqualTo(Duration.ofMinutes(2));
        // at 1x two seconds would be tighter than the job's own default
        assertThat(LiveCity.outOfOrderness(1)).isEqualTo(Duration.ofSeconds(30));
        // the simulator's late records are 7 minutes behind: they must stay late
        assertThat(LiveCity.outOfOrderness(300)).isEqualTo(Duration.ofMinutes(5));
        assertThat(LiveCity.outOfOrdernessOption(60)).isEqualTo("120000ms");
    }
}
