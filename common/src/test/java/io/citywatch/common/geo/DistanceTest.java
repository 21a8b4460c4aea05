package io.citywatch.common.geo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DistanceTest {
    /** π·R/180 with the mean radius R = 6 371 008.8 m. */
    private static final double ONE_DEGREE_M = 111_195.080_233_5;

    @Test
    void samePointIsZero() {
        assertThat(Distance.meters(29.5576, 106.5772, 29.5576, 106.5772)).isZero();
    }

    @Test
    void oneDegreeAlongAMeridianAndTheEquator() {
        assertThat(Distance.meters(0, 0, 1, 0)).isCloseTo(ONE_DEGREE_M, within(0.01));
        assertThat(Distance.meters(0, 0, 0, 1)).isCloseTo(ONE_DEGREE_M, within(0.01));
        assertThat(Distance.meters(29, 106, 30, 106)).isCloseTo(ONE_DEGREE_M, within(0.01));
    }

    @Test
    void oneDegreeOfLongitudeAt60NorthIsAboutHalf() {
        // great circle, spherical law of cosines in Python: 55 597.0109 m
        assertThat(Distance.meters(60, 0, 60, 1)).isCloseTo(55_597.0109, within(0.01));
    }

    @Test
    void isSymmetric() {
        double ab = Distance.meters(29.5576, 106.5772, 29.7192, 106.6417);
        double ba = Distance.meters(29.7192, 106.6417, 29.5576, 106.5772);

        assertThat(ab).isCloseTo(ba, within(1e-6));
    }

    @Test
    void knownCityDistances() {
        // references from the spherical law of cosines, same radius, computed in Python
        assertThat(Distance.meters(29.5576, 106.5772, 29.7192, 106.6417))
                .isCloseTo(19_019.689, within(0.05));
        assertThat(Distance.meters(51.5007, -0.1246, 40.6892, -74.0445))
                .isCloseTo(5_574_848.157, within(1.0));
    }

    @Test
    void antipodesAreHalfTheCircumference() {
        assertThat(Distance.meters(0, 0, 0, 180)).isCloseTo(20_015_114.442, within(0.01));
        assertThat(Distance.meters(90, 0, -90, 0)).isCloseTo(20_015_114.442, within(0.01));
        assertThat(Distance.meters(29.5576, 106.5772, -29.5576, -73.4228))
                .isCloseTo(20_015_114.442, within(0.01));
    }

    @Test
    void crossesTheAntimeridianTheShortWay() {
        assertThat(Distance.meters(0, 179.5, 0, -179.5)).isCloseTo(ONE_DEGREE_M, within(0.01));
    }

    @Test
    void isPreciseAtTheIncidentMatchRadius() {
        double dLat300 = 300 / ONE_DEGREE_M;
        double dLat1 = 1 / ONE_DEGREE_M;

        assertThat(Distance.meters(29.5576, 106.5772, 29.5576 + dLat300, 106.5772))
                .isCloseTo(300.0, within(0.001));
        assertThat(Distance.meters(29.5576, 106.5772, 29.5576 - dLat1, 106.5772))
                .isCloseTo(1.0, within(0.0001));
    }
}
