package io.citywatch.common.geo;

/** Standard base-32 geohash encoding, used to group incidents that match no risk point. */
public final class Geohash {
    private static final char[] BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz".toCharArray();

    private Geohash() {}

    public static String encode(double lat, double lon, int precision) {
        if (precision < 1 || precision > 12) {
            throw new IllegalArgumentException("geohash precision must be 1-12, got " + precision);
        }
        double latMin = -90, latMax = 90, lonMin = -180, lonMax = 180;
        StringBuilder hash = new StringBuilder(precision);
        boolean lonBit = true;
        int bits = 0;
        int ch = 0;
        while (hash.length() < precision) {
            if (lonBit) {
                double mid = (lonMin + lonMax) / 2;
                if (lon >= mid) {
                    ch = (ch << 1) | 1;
                    lonMin = mid;
                } else {
                    ch <<= 1;
                    lonMax = mid;
                }
            } else {
                double mid = (latMin + latMax) / 2;
                if (lat >= mid) {
                    ch = (ch << 1) | 1;
                    latMin = mid;
                } else {
                    ch <<= 1;
                    latMax = mid;
                }
            }
            lonBit = !lonBit;
            if (++bits == 5) {
                hash.append(BASE32[ch]);
                bits = 0;
                ch = 0;
            }
        }
        return hash.toString();
    }

    /** The centre of a geohash cell as {latitude, longitude}. */
    public static double[] centre(String hash) {
        double latMin = -90, latMax = 90, lonMin = -180, lonMax = 180;
        boolean lonBit = true;
        for (char c : hash.toCharArray()) {
            int value = new String(BASE32).indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not a geohash: " + hash);
            }
            for (int bit = 4; bit >= 0; bit--) {
                boolean set = ((value >> bit) & 1) == 1;
                if (lonBit) {
                    double mid = (lonMin + lonMax) / 2;
                    if (set) {
                        lonMin = mid;
                    } else {
                        lonMax = mid;
                    }
                } else {
                    double mid = (latMin + latMax) / 2;
                    if (set) {
                        latMin = mid;
                    } else {
                        latMax = mid;
                    }
                }
                lonBit = !lonBit;
            }
        }
        return new double[] {(latMin + latMax) / 2, (lonMin + lonMax) / 2};
    }
}
