package io.citywatch.jobs.influx;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the sink writes. Holds no secret: the token (v2) or user/password (v1) are read
 * from the environment or the token file when a writer opens, so they never travel in the job graph
 * or appear in logs and command lines.
 */
public final class InfluxConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String TOKEN_ENV = "INFLUX_TOKEN";
    public static final String USER_ENV = "INFLUX_USER";
    public static final String PASSWORD_ENV = "INFLUX_PASSWORD";

    final InfluxApi api;
    final String url;
    final String org;
    final String bucket;
    final String database;
    final String retentionPolicy;
    final String tokenFile;
    final boolean gzip;
    final Duration requestTimeout;

    private InfluxConnection(
            InfluxApi api,
            String url,
            String org,
            String bucket,
            String database,
            String retentionPolicy,
            String tokenFile,
            boolean gzip,
            Duration requestTimeout) {
        this.api = Objects.requireNonNull(api, "api");
        this.url = Objects.requireNonNull(url, "url");
        this.org = org;
        this.bucket = bucket;
        this.database = database;
        this.retentionPolicy = retentionPolicy;
        this.tokenFile = tokenFile;
        this.gzip = gzip;
        this.requestTimeout = requestTimeout;
    }

    /** InfluxDB 2.x/3.x (or 1.8+): token from {@code tokenFile}, else {@code $INFLUX_TOKEN}. */
    public static InfluxConnection v2(
            String url,
            String org,
            String bucket,
            String tokenFile,
            boolean gzip,
            Duration requestTimeout) {
        return new InfluxConnection(
                InfluxApi.V2, url, org, bucket, null, null, tokenFile, gzip, requestTimeout);
    }

    /** InfluxDB 1.x: {@code $INFLUX_USER}/{@code $INFLUX_PASSWORD} when set. */
    public static InfluxConnection v1(
            String url,
            String database,
            String retentionPolicy,
            boolean gzip,
            Duration requestTimeout) {
        return new InfluxConnection(
                InfluxApi.V1,
                url,
                null,
                null,
                database,
                retentionPolicy,
                null,
                gzip,
                requestTimeout);
    }

    public InfluxApi api() {
        return api;
    }

    public String url() {
        return url;
    }

    public String database() {
        return database;
    }

    public String bucket() {
        return bucket;
    }

    /** Opens the write path; reads the secrets now. */
    public InfluxWrites open() {
        return open(System.getenv());
    }

    InfluxWrites open(Map<String, String> env) {
        return switch (api) {
            case V2 -> new V2Writes(this, token(env));
            case V1 -> new V1Writes(this, env.get(USER_ENV), env.get(PASSWORD_ENV));
        };
    }

    /**
     * Fails with a message saying how to fix it when the secrets are missing; called where the job
     * is configured, so a missing token is a usage error rather than a failing job.
     */
    public void checkSecrets(Map<String, String> env) {
        if (api == InfluxApi.V2) {
            token(env);
        } else if ((env.get(USER_ENV) == null) != (env.get(PASSWORD_ENV) == null)) {
            throw new IllegalArgumentException(
                    "set both " + USER_ENV + " and " + PASSWORD_ENV + ", or neither");
        }
    }

    private char[] token(Map<String, String> env) {
        if (tokenFile != null) {
            try {
                String token = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).trim();
                if (token.isEmpty()) {
                    throw new IllegalArgumentException(
                            "influx-token-file " + tokenFile + " is empty");
                }
                return token.toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot read influx-token-file " + tokenFile + ": " + e.getMessage());
            }
        }
        String token = env.get(TOKEN_ENV);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(
                    "the InfluxDB v2 API needs a token: set "
                            + TOKEN_ENV
                            + " or --influx-token-file FILE (or use --influx-api v1)");
        }
        return token.trim().toCharArray();
    }

    /** Where points go, for messages; never includes a secret. */
    public String describe() {
        return api == InfluxApi.V2
                ? "bucket " + bucket + " of org " + org + " at " + url + " (v2 API)"
                : "database "
                        + database
                        + (retentionPolicy == null ? "" : ", retention policy " + retentionPolicy)
                        + " at "
                        + url
                        + " (v1 API)";
    }

    @Override
    public String toString() {
        return describe();
    }
}
