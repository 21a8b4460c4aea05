package io.citywatch.jobs.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic alert ids: replaying the same input gives the same ids (docs/contract.md §3.1). */
public final class AlertIds {
    private AlertIds() {}

    public static String of(String ruleId, String riskPointId, String deviceId, long startTs) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
        String identity =
                ruleId
                        + '\u0000'
                        + riskPointId
                        + '\u0000'
                        + (deviceId == null ? "" : deviceId)
                        + '\u0000'
                        + startTs;
        byte[] digest = sha256.digest(identity.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
