package io.citywatch.common.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeohashTest {
    /**
     * Expected values are the published examples (u4pruydqqvj, ezs42) or were computed with an
     * independent exact-rational quantisation in Python, not with this code.
     */
    @ParameterizedTest(name = "{0},{1} p{2} -> {3}")
    @CsvSource({
        "57.64911, 10.40744, 11, u4pruydqqvj",
        "57.64911, 10.40744, 5, u4pru",
        "42.605, -5.603, 5, ezs42",
        "29.5576, 106.5772, 6, wm7b1h",
        "29.5576, 106.5772, 12, wm7b1hz1kzbp",
        "39.9042, 116.4074, 7, wx4g0bm",
        "-33.8688, 151.2093, 8, r3gx2f77",
        "40.7128, -74.006, 9, dr5regw3p",
        "0, 0, 4, s000",
        "-90, -180, 6, 000000",
        "90, 180, 6, zzzzzz"
    })
    void encodesKnownValues(double lat, double lon, int precision, String expected) {
        assertThat(Geohash.encode(lat, lon, precision)).isEqualTo(expected);
    }

    @Test
    void aShorterHashIsAPrefixOfALongerOne() {
        String full = Geohash.encode(29.5576, 106.5772, 12);
        for (int p = 1; p <= 12; p++) {
            assertThat(Geohash.encode(29.5576, 106.5772, p))
                    .hasSize(p)
                    .isEqualTo(full.substring(0, p));
        }
    }

    @Test
    void nearbyPointsShareACellAndDistantOnesDoNot() {
        // a geohash-6 cell is about 1.2 km x 0.6 km: 20 m apart, inside the cell, same key
        assertThat(Geohash.encode(29.5577, 106.5773, 6)).isEqualTo("wm7b1h");
        assertThat(Geohash.encode(29.60, 106.60, 6)).isNotEqualTo("wm7b1h");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 13})
    void rejectsPrecisionOutside1To12(int precision) {
        assertThatThrownBy(() -> Geohash.encode(29.5576, 106.5772, precision))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void theCentreOfACellEncodesBackToThatCell() {
        String cell = Geohash.encode(29.5576, 106.5772, 6);
        double[] centre = Geohash.centre(cell);
        org.assertj.core.api.Assertions.assertThat(Geohash.encode(centre[0], centre[1], 6))
                .isEqualTo(cell);
        org.assertj.core.api.Assertions.assertThat(centre[0])
                .isCloseTo(29.5576, org.assertj.core.api.Assertions.within(0.01));
        org.assertj.core.api.Assertions.assertThat(centre[1])
                .isCloseTo(106.5772, org.assertj.core.api.Assertions.within(0.01));
    }
}
