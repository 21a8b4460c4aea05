package io.citywatch.jobs.influx;

import com.influxdb.client.internal.GzipInterceptor;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.internal.AbstractRestClient;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.http.Body;
import retrofit2.http.POST;
import retrofit2.http.Query;

import java.util.List;

/**
 * {@code /write?db=&rp=&precision=ms} of InfluxDB 1.x. The client's v1 compatibility ({@code
 * createV1}) posts to {@code /api/v2/write}, which InfluxDB before 1.8 does not have; this is the
 * same client library's HTTP stack (OkHttp, Retrofit, its gzip interceptor and its error mapping to
 * {@link InfluxException}) pointed at the 1.x endpoint, so both APIs fail in the same way.
 */
final class V1Writes extends AbstractRestClient implements InfluxWrites {
    private static final MediaType LINE_PROTOCOL = MediaType.parse("text/plain; charset=utf-8");

    /** The 1.x write endpoint. */
    interface WriteService {
        @POST("write")
        Call<Void> write(
                @Query("db") String db,
                @Query("rp") String rp,
                @Query("precision") String precision,
                @Body RequestBody lines);
    }

    private final OkHttpClient http;
    private final WriteService service;
    private final String database;
    private final String retentionPolicy;

    V1Writes(InfluxConnection connection, String user, String password) {
        GzipInterceptor gzip = new GzipInterceptor();
        if (connection.gzip) {
            gzip.enableGzip();
        }
        OkHttpClient.Builder builder =
                new OkHttpClient.Builder()
                        .connectTimeout(connection.requestTimeout)
                        .readTimeout(connection.requestTimeout)
                        .writeTimeout(connection.requestTimeout)
                        .retryOnConnectionFailure(false)
                        .addInterceptor(gzip);
        if (user != null) {
            String basic = Credentials.basic(user, password == null ? "" : password);
            builder.addInterceptor(
                    chain ->
                            chain.proceed(
                                    chain.request()
                                            .newBuilder()
                                            .header("Authorization", basic)
                                            .build()));
        }
        this.http = builder.build();
        String base = connection.url.endsWith("/") ? connection.url : connection.url + "/";
        this.service =
                new Retrofit.Builder()
                        .baseUrl(base)
                        .client(http)
                        .build()
                        .create(WriteService.class);
        this.database = connection.database;
        this.retentionPolicy = connection.retentionPolicy;
    }

    @Override
    public void write(List<String> lines) throws InfluxException {
        RequestBody body = RequestBody.create(String.join("\n", lines), LINE_PROTOCOL);
        execute(service.write(database, retentionPolicy, "ms", body));
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
