package io.citywatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one run: a table for people, JSON for machines. */
final class Report {
    final Map<String, Object> json = new LinkedHashMap<>();
    final Map<String, Object> figures = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    Report() {
        json.put("figures", figures);
        json.put("notes", notes);
    }

    void row(String figure, String value, String ratio) {
        rows.add(new String[] {figure, value, ratio});
    }

    void note(String note) {
        notes.add(note);
    }

    void print(PrintStream out) {
        int[] widths = {6, 5, 5};
        String[] header = {"figure", "value", "ratio"};
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        String format = "| %-" + widths[0] + "s | %-" + widths[1] + "s | %-" + widths[2] + "s |%n";
        out.printf(format, (Object[]) header);
        out.printf(
                "|%s|%s|%s|%n",
                "-".repeat(widths[0] + 2), "-".repeat(widths[1] + 2), "-".repeat(widths[2] + 2));
        for (String[] row : rows) {
            out.printf(format, (Object[]) row);
        }
        for (String note : notes) {
            out.println("note: " + note);
        }
    }

    void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(
                file,
                new ObjectMapper()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .writeValueAsString(json)
                        + "\n");
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    static String perSecond(double value) {
        return String.format(Locale.ROOT, "%,.0f/s", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
