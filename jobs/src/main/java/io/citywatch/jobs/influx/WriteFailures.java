package io.citywatch.jobs.influx;

import com.influxdb.exceptions.InfluxException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts a failed write into what the writer does next: retry the batch later (network, 408, 429,
 * 5xx), drop the lines the server named as malformed and write the rest, split the batch to find
 * rejected points the server did not name, or fail the job (a 4xx for the whole batch: bad token,
 * unknown bucket or database).
 */
public final class WriteFailures {
    /** What to do about one failed write. */
    public enum Action {
        RETRY,
        REJECT_LINES,
        SPLIT,
        FAIL
    }

    /** The decision, with the indexes of rejected lines for REJECT_LINES. */
    public record Decision(
            Action action, List<Integer> rejected, String serverMessage, long retryAfterMillis) {}

    private static final Pattern LINE_NUMBER = Pattern.compile("(?i)\\bline (\\d+)\\b");

    private WriteFailures() {}

    public static Decision classify(InfluxException e, List<String> batch) {
        int status = e.status();
        String text = serverMessage(e);
        if (status == 0 || status == 408 || status == 429 || status >= 500) {
            return new Decision(Action.RETRY, List.of(), text, retryAfterMillis(e));
        }
        if (status == 413) {
            return batch.size() > 1
                    ? new Decision(Action.SPLIT, List.of(), text, 0)
                    : new Decision(Action.REJECT_LINES, List.of(0), text, 0);
        }
        if (status == 400 || status == 422) {
            List<Integer> named = namedLines(e, text, batch);
            if (!named.isEmpty()) {
                return new Decision(Action.REJECT_LINES, named, text, 0);
            }
            if (isAboutPoints(text) || status == 422) {
                return batch.size() > 1
                        ? new Decision(Action.SPLIT, List.of(), text, 0)
                        : new Decision(Action.REJECT_LINES, List.of(0), text, 0);
            }
        }
        return new Decision(Action.FAIL, List.of(), text, 0);
    }

    /** Explains a whole-batch refusal and how to fix it. */
    public static String fatalMessage(int status, String serverMessage, InfluxConnection target) {
        String hint =
                switch (status) {
                    case 401 ->
                            target.api() == InfluxApi.V2
                                    ? "the token is missing or wrong: check "
                                            + InfluxConnection.TOKEN_ENV
                                            + " or --influx-token-file"
                                    : "user or password wrong: check "
                                            + InfluxConnection.USER_ENV
                                            + "/"
                                            + InfluxConnection.PASSWORD_ENV;
                    case 403 -> "the credentials may not write there: grant write permission";
                    case 404 ->
                            target.api() == InfluxApi.V2
                                    ? "unknown org or bucket: create bucket "
                                            + target.bucket()
                                            + " or fix --influx-org/--influx-bucket"
                                    : "unknown database or endpoint: CREATE DATABASE "
                                            + target.database()
                                            + " or fix --influx-db/--influx-api";
                    default -> "InfluxDB refused the whole batch";
                };
        return "InfluxDB refused writes to "
                + target.describe()
                + ": HTTP "
                + status
                + " "
                + serverMessage
                + " ("
                + hint
                + ")";
    }

    /** The server's own words: 1.x puts them in {"error":…}, 2.x in {"message":…}. */
    static String serverMessage(InfluxException e) {
        Map<String, Object> body = e.errorBody();
        if (body != null) {
            for (String key : List.of("error", "message")) {
                Object value = body.get(key);
                if (value != null && !value.toString().isBlank()) {
                    return value.toString();
                }
            }
        }
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().toString();
        }
        return message == null ? "no message" : message;
    }

    /**
     * Lines the server names: InfluxDB 1.x quotes each ({@code unable to parse '<line>': …}), 2.x
     * numbers them ({@code line 3: …}), 3.x lists them in {@code data[].line_number}.
     */
    static List<Integer> namedLines(InfluxException e, String text, List<String> batch) {
        TreeSet<Integer> named = new TreeSet<>();
        for (int i = 0; i < batch.size(); i++) {
            if (text.contains("unable to parse '" + batch.get(i) + "'")) {
                named.add(i);
            }
        }
        if (named.isEmpty() && text.toLowerCase(Locale.ROOT).contains("line")) {
            Matcher matcher = LINE_NUMBER.matcher(text);
            while (matcher.find()) {
                addLineNumber(named, matcher.group(1), batch.size());
            }
        }
        if (named.isEmpty() && e.errorBody() != null && e.errorBody().get("data") instanceof List) {
            for (Object item : (List<?>) e.errorBody().get("data")) {
                if (item instanceof Map<?, ?> entry && entry.get("line_number") != null) {
                    addLineNumber(named, entry.get("line_number").toString(), batch.size());
                }
            }
        }
        return new ArrayList<>(named);
    }

    private static void addLineNumber(TreeSet<Integer> named, String number, int size) {
        try {
            int line = (int) Double.parseDouble(number);
            if (line >= 1 && line <= size) {
                named.add(line - 1);
            }
        } catch (NumberFormatException ignored) {
            // not a line number after all
        }
    }

    private static boolean isAboutPoints(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("partial write")
                || lower.contains("unable to parse")
                || lower.contains("conflict")
                || lower.contains("line protocol")
                || lower.contains("max-values-per-tag")
                || lower.contains("points beyond retention");
    }

    private static long retryAfterMillis(InfluxException e) {
        Map<String, String> headers = e.headers();
        if (headers == null) {
            return 0;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("Retry-After")) {
                try {
                    return (long) (Double.parseDouble(header.getValue().trim()) * 1000);
                } catch (NumberFormatException ignored) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
