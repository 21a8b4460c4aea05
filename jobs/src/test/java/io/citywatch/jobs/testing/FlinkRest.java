package io.citywatch.jobs.testing;

import org.apache.flink.api.common.JobID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * The REST API of a Flink cluster (a MiniCluster or a standalone one), read as the web UI reads it:
 * job state, checkpoints, restarts and where a job's tasks run.
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JobManager restoring a job on a loaded 2-core machine answers in tens of seconds. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public FlinkRest(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** The JSON answer to GET {@code path}; an {@link IOException} for any status but 200. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    request.method()
                            + " "
                            + request.uri()
                            + ": HTTP "
                            + response.statusCode()
                            + " "
                            + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /** Whether the REST API answers at all (the JobManager is up). */
    public boolean answers() {
        try {
            get("/overview");
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The resource ids of the TaskManagers registered with the cluster. */
    public Set<String> taskManagers() throws IOException, InterruptedException {
        Set<String> ids = new TreeSet<>();
        get("/taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /** RUNNING, RESTARTING, FAILED, … */
    public String jobState(JobID job) throws IOException, InterruptedException {
        return get("/jobs/" + job).path("state").asText();
    }

    /** Whether the job and every one of its tasks are RUNNING. */
    public boolean fullyRunning(JobID job) throws IOException, InterruptedException {
        JsonNode details = get("/jobs/" + job);
        if (!details.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode vertex : details.path("vertices")) {
            if (!vertex.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return details.path("vertices").size() > 0;
    }

    /**
     * The resource ids of the TaskManagers that run the current attempts of the job's tasks (the
     * REST API's answers are cached for up to {@code web.refresh-interval}).
     */
    public Set<String> taskManagersOf(JobID job) throws IOException, InterruptedException {
        Set<String> ids = new TreeSet<>();
        for (JsonNode vertex : get("/jobs/" + job).path("vertices")) {
            JsonNode placed =
                    get(
                            "/jobs/"
                                    + job
                                    + "/vertices/"
                                    + vertex.path("id").asText()
                                    + "/taskmanagers");
            placed.path("taskmanagers").forEach(tm -> ids.add(tm.path("taskmanager-id").asText()));
        }
        return ids;
    }

    /**
     * The lowest input watermark among the subtasks of the job's vertex whose name contains {@code
     * operatorName} (a chain is named after its operators); {@link Long#MIN_VALUE} while none is
     * reported. The metrics behind it are refreshed every few seconds.
     */
    public long inputWatermark(JobID job, String operatorName)
            throws IOException, InterruptedException {
        for (JsonNode vertex : get("/jobs/" + job).path("vertices")) {
            if (!vertex.path("name").asText().contains(operatorName)) {
                continue;
            }
            String path =
                    "/jobs/" + job + "/vertices/" + vertex.path("id").asText() + "/watermarks";
            long lowest = Long.MAX_VALUE;
            for (JsonNode subtask : get(path)) {
                lowest = Math.min(lowest, subtask.path("value").asLong(Long.MIN_VALUE));
            }
            return lowest == Long.MAX_VALUE ? Long.MIN_VALUE : lowest;
        }
        throw new AssertionError("job " + job + " has no vertex named like " + operatorName);
    }

    /** Checkpoints completed since the job was submitted. */
    public long completedCheckpoints(JobID job) throws IOException, InterruptedException {
        return get("/jobs/" + job + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** The id of the checkpoint the job last restored from, -1 for none. */
    public long restoredCheckpoint(JobID job) throws IOException, InterruptedException {
        JsonNode restored = get("/jobs/" + job + "/checkpoints").path("latest").path("restored");
        return restored.isMissingNode() || restored.isNull() ? -1 : restored.path("id").asLong();
    }

    /**
     * How many failures the job went through (each one a restart, as long as it did not fail for
     * good): the exception history, which the web UI shows under Exceptions.
     */
    public long failures(JobID job) throws IOException, InterruptedException {
        JsonNode body = get("/jobs/" + job + "/exceptions");
        JsonNode history = body.path("exceptionHistory");
        if (!history.has("entries")) {
            throw new AssertionError("no exception history for " + job + ": " + body);
        }
        return history.path("entries").size();
    }

    /** Cancels the job (the web UI's Cancel button); returns at once. */
    public void cancel(JobID job) throws IOException, InterruptedException {
        send(
                HttpRequest.newBuilder(base.resolve("/jobs/" + job + "?mode=cancel"))
                        .timeout(TIMEOUT)
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    /** The ids of the jobs that are not finished, failed or cancelled. */
    public Set<JobID> activeJobs() throws IOException, InterruptedException {
        Set<JobID> jobs = new java.util.LinkedHashSet<>();
        for (JsonNode job : get("/jobs").path("jobs")) {
            String status = job.path("status").asText();
            if (!Set.of("FINISHED", "FAILED", "CANCELED").contains(status)) {
                jobs.add(JobID.fromHexString(job.path("id").asText()));
            }
        }
        return jobs;
    }
}
