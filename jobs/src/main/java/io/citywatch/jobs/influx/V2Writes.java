package io.citywatch.jobs.influx;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import okhttp3.OkHttpClient;

import java.util.Arrays;
import java.util.List;

/** {@code /api/v2/write} through the client's {@link WriteApiBlocking}. */
final class V2Writes implements InfluxWrites {
    private final InfluxDBClient client;
    private final WriteApiBlocking writes;
    private final String org;
    private final String bucket;

    V2Writes(InfluxConnection connection, char[] token) {
        OkHttpClient.Builder http =
                new OkHttpClient.Builder()
                        .connectTimeout(connection.requestTimeout)
                        .readTimeout(connection.requestTimeout)
                        .writeTimeout(connection.requestTimeout)
                        // the writer retries with back-off; a hidden retry would hide outages
                        .retryOnConnectionFailure(false);
        InfluxDBClientOptions options =
                InfluxDBClientOptions.builder()
                        .url(connection.url)
                        .authenticateToken(token)
                        .org(connection.org)
                        .bucket(connection.bucket)
                        .okHttpClient(http)
                        .build();
        Arrays.fill(token, ' ');
        this.client = InfluxDBClientFactory.create(options);
        if (connection.gzip) {
            client.enableGzip();
        }
        this.writes = client.getWriteApiBlocking();
        this.org = connection.org;
        this.bucket = connection.bucket;
    }

    @Override
    public void write(List<String> lines) throws InfluxException {
        writes.writeRecords(bucket, org, WritePrecision.MS, lines);
    }

    @Override
    public void close() {
        client.close();
    }
}
