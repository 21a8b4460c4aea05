package io.citywatch.jobs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the job depend on one another in one direction only. A package counts with its
 * sub-packages ({@code rules.fire} is part of {@code rules}, as ArchUnit's slices {@code
 * io.citywatch.jobs.(*)..} count them); the classes directly in {@code io.citywatch.jobs} are a
 * package of their own. References are read from the sources: imports and qualified names.
 */
class PackageCyclesTest {
    private static final String ROOT = "io.citywatch.jobs";
    private static final Pattern REFERENCE =
            Pattern.compile("\\bio\\.citywatch\\.jobs((?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");

    @Test
    void theJobsPackagesHaveNoCycle() throws IOException {
        Map<String, Map<String, Set<String>>> graph = graph(Path.of("src/main/java"));
        assertThat(graph).containsKeys(ROOT, "config", "io", "influx", "rules", "cli");
        assertThat(cycles(graph)).as(describe(graph)).isEmpty();
    }

    @Test
    void aCycleIsFound() {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        edge(graph, "config", "io", "Settings.java");
        edge(graph, "io", "influx", "KafkaTopics.java");
        edge(graph, "influx", "config", "InfluxSinkConfig.java");
        edge(graph, "cli", "config", "RunCommand.java");
        assertThat(cycles(graph)).containsExactly(List.of("config", "influx", "io"));
    }

    /** slice → slice it refers to → the files that refer. */
    static Map<String, Map<String, Set<String>>> graph(Path sources) throws IOException {
        Path base = sources.resolve(ROOT.replace('.', '/'));
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = slice(base.relativize(file.getParent()).toString().replace('/', '.'));
                graph.computeIfAbsent(from, k -> new TreeMap<>());
                Matcher reference = REFERENCE.matcher(read(file));
                while (reference.find()) {
                    String to =
                            slice(
                                    reference.group(1).isEmpty()
                                            ? ""
                                            : reference.group(1).substring(1));
                    if (!to.equals(from)) {
                        edge(graph, from, to, base.relativize(file).toString());
                    }
                }
            }
        }
        return graph;
    }

    private static String slice(String relativePackage) {
        return relativePackage.isEmpty() ? ROOT : relativePackage.split("\\.")[0];
    }

    private static void edge(
            Map<String, Map<String, Set<String>>> graph, String from, String to, String file) {
        graph.computeIfAbsent(to, k -> new TreeMap<>());
        graph.computeIfAbsent(from, k -> new TreeMap<>())
                .computeIfAbsent(to, k -> new TreeSet<>())
                .add(file);
    }

    /** The strongly connected groups of more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Map<String, Set<String>>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<List<String>> cycles = new ArrayList<>();
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, cycles);
            }
        }
        return cycles;
    }

    private static void connect(
            String node,
            Map<String, Map<String, Set<String>>> graph,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            List<List<String>> cycles) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        for (String next : graph.get(node).keySet()) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, cycles);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> group = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                group.add(member);
            } while (!member.equals(node));
            if (group.size() > 1) {
                group.sort(null);
                cycles.add(group);
            }
        }
    }

    private static String describe(Map<String, Map<String, Set<String>>> graph) {
        StringBuilder out = new StringBuilder("package references:\n");
        graph.forEach(
                (from, targets) ->
                        targets.forEach(
                                (to, files) ->
                                        out.append("  ")
                                                .append(from)
                                                .append(" -> ")
                                                .append(to)
                                                .append(" in ")
                                                .append(files)
                                                .append('\n')));
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
