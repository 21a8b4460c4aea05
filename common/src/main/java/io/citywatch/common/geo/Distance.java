package io.citywatch.common.geo;

/** Great-circle distance on the WGS-84 mean sphere; accurate to well under 1 m at 300 m. */
public final class Distance {
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private Distance() {}

    public static double meters(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                        + Math.cos(phi1)
                                * Math.cos(phi2)
                                * Math.sin(dLambda / 2)
                                * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
