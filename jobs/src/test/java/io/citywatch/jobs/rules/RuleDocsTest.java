package io.citywatch.jobs.rules;

import io.citywatch.common.contract.Repository;
import io.citywatch.common.model.RiskPointKind;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/rules.md shows each rule's parameters as its definitions ({@link RuleParams}) declare them:
 * key, default, unit, range. The tables are generated between markers; a definition changed without
 * the doc (or the doc edited by hand) fails here. Rewrite them with
 *
 * <pre>
 * mvn -pl jobs -am test -Dtest=RuleDocsTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dcitywatch.rules-doc.write=true
 * </pre>
 */
class RuleDocsTest {
    static final String DOC = "docs/rules.md";
    static final String WRITE = "citywatch.rules-doc.write";
    private static final String HOW_TO_FIX =
            "rewrite the tables from the definitions with `mvn -pl jobs -am test"
                    + " -Dtest=RuleDocsTest -Dsurefire.failIfNoSpecifiedTests=false -D"
                    + WRITE
                    + "=true` (from the repository root) and review the diff";

    private static final Pattern BLOCK =
            Pattern.compile(
                    "(<!-- parameters of ([a-z_.]+): generated from the definitions, RuleDocsTest"
                            + " checks it -->\n)(.*?)(<!-- end of parameters -->)",
                    Pattern.DOTALL);

    /** A key as the doc names one in backticks: `geo.rain24h.red`, `fire.smokeAlarm`. */
    private static final Pattern NAMED_KEY =
            Pattern.compile(
                    "`((?:fire|flood|geo|gas|bridge|device|coverage|incident)\\.[A-Za-z0-9.]+)`");

    /** The block that lists, per risk-point kind, the rules whose parameters it accepts. */
    static final String KINDS = "kinds";

    static String kindsTable() {
        StringBuilder table = new StringBuilder();
        table.append("| risk-point kind | its `thresholds` may set the parameters of |\n");
        table.append("|---|---|\n");
        for (RiskPointKind kind : RiskPointKind.values()) {
            List<String> rules = new ArrayList<>();
            for (RuleParams.RuleUse use : RuleParams.uses()) {
                if (use.kinds().contains(kind) && !use.params().isEmpty()) {
                    rules.add(use.ruleId());
                }
            }
            table.append("| ")
                    .append(kind.name())
                    .append(" | ")
                    .append(String.join(", ", rules))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** The table of one rule, as the doc shows it. */
    static String table(List<RuleParam> params) {
        StringBuilder table = new StringBuilder();
        table.append("| key | default | unit | allowed | what it sets |\n");
        table.append("|---|---|---|---|---|\n");
        for (RuleParam param : params) {
            table.append("| `")
                    .append(param.key())
                    .append("` | ")
                    .append(
                            param.defaultValue() == null
                                    ? "none"
                                    : RuleParam.number(param.defaultValue()))
                    .append(" | ")
                    .append(param.unit())
                    .append(" | ")
                    .append(param.range())
                    .append(" | ")
                    .append(param.description())
                    .append(" |\n");
        }
        return table.toString();
    }

    @Test
    void everyRuleShowsItsParametersAsDefined() throws IOException {
        Path doc = Repository.file(DOC);
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        Matcher block = BLOCK.matcher(text);
        StringBuilder rewritten = new StringBuilder();
        while (block.find()) {
            String ruleId = block.group(2);
            documented.add(ruleId);
            List<RuleParam> params = RuleParams.of(ruleId);
            String expected = ruleId.equals(KINDS) ? kindsTable() : table(params);
            if (ruleId.equals(KINDS)) {
                if (!block.group(3).equals(expected)) {
                    problems.add("the table of the rules each kind's parameters come from differs");
                }
            } else if (params.isEmpty()) {
                problems.add(ruleId + " has a parameter table but no parameters are defined");
            } else if (!block.group(3).equals(expected)) {
                problems.add(ruleId + "'s table differs from its definitions");
            }
            block.appendReplacement(
                    rewritten,
                    Matcher.quoteReplacement(block.group(1) + expected + block.group(4)));
        }
        block.appendTail(rewritten);
        if (!documented.contains(KINDS)) {
            problems.add(
                    "the table of kinds is missing: its marker is `parameters of " + KINDS + "`");
        }
        for (RuleParams.RuleUse use : RuleParams.uses()) {
            if (!use.params().isEmpty() && !documented.contains(use.ruleId())) {
                problems.add(
                        use.ruleId()
                                + " has no parameter table: put the two markers of the other rules"
                                + " in its section");
            }
        }
        if (!problems.isEmpty() && Boolean.getBoolean(WRITE)) {
            Files.writeString(doc, rewritten.toString(), StandardCharsets.UTF_8);
        }
        assertThat(problems).as("%s is out of date; %s", DOC, HOW_TO_FIX).isEmpty();
    }

    /** Prose names keys too: each one must be a parameter (or a rule id) of the catalogue. */
    @Test
    void everyKeyTheDocNamesIsDefined() throws IOException {
        String text = Files.readString(Repository.file(DOC), StandardCharsets.UTF_8);
        Set<String> known = new TreeSet<>(RuleParams.all().keySet());
        RuleParams.uses().forEach(use -> known.add(use.ruleId()));
        Set<String> unknown = new TreeSet<>();
        Matcher named = NAMED_KEY.matcher(text);
        while (named.find()) {
            if (!known.contains(named.group(1))) {
                unknown.add(named.group(1));
            }
        }
        assertThat(unknown)
                .as(
                        "keys %s names that no rule defines: correct the doc, or declare the"
                                + " parameter in its family's *Params class and RuleParams",
                        DOC)
                .isEmpty();
    }
}
