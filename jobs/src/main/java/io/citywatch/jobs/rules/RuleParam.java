package io.citywatch.jobs.rules;

import io.citywatch.jobs.events.Site;

import java.io.Serializable;
import java.util.Locale;

/**
 * One rule parameter: its registry key ({@code <family>.<param>}), its default (or none, e.g. a
 * river's flood stages), its unit and the range a risk point may set it to. Each rule family
 * declares its parameters once, next to the rules that read them; {@link RuleParams} lists them all
 * and the registry is checked against that list where it enters the job.
 *
 * @param key the registry {@code thresholds} key
 * @param defaultValue the value when a risk point sets none; null when there is none
 * @param unit what the value is measured in
 * @param min the smallest value a risk point may set (inclusive)
 * @param max the largest value a risk point may set (inclusive)
 * @param description one line: what the parameter decides
 */
public record RuleParam(
        String key, Double defaultValue, String unit, double min, double max, String description)
        implements Serializable {

    public RuleParam {
        if (!key.matches("[a-z]+\\.[A-Za-z0-9.]+")) {
            throw new IllegalArgumentException("a parameter key is <family>.<param>: " + key);
        }
        if (!(min <= max)) {
            throw new IllegalArgumentException(key + ": empty range " + min + " … " + max);
        }
        if (defaultValue != null && !(defaultValue >= min && defaultValue <= max)) {
            throw new IllegalArgumentException(key + ": default outside its own range");
        }
    }

    public static RuleParam of(
            String key, double defaultValue, String unit, double min, double max, String text) {
        return new RuleParam(key, defaultValue, unit, min, max, text);
    }

    /** A parameter with no default: the rule does nothing for a risk point that sets none. */
    public static RuleParam withoutDefault(
            String key, String unit, double min, double max, String text) {
        return new RuleParam(key, null, unit, min, max, text);
    }

    /** The family, the part of the key before the first dot: {@code fire}, {@code flood}, … */
    public String family() {
        return key.substring(0, key.indexOf('.'));
    }

    /**
     * The risk point's value, else the default; the default too without a site (an incident in a
     * grid cell).
     */
    public double of(Site site) {
        if (defaultValue == null) {
            throw new IllegalStateException(key + " has no default: read it with orNull");
        }
        Double value = orNull(site);
        return value == null ? defaultValue : value;
    }

    /** The risk point's value; null when it sets none (the default is not applied). */
    public Double orNull(Site site) {
        return site == null || site.thresholds == null ? null : site.thresholds.get(key);
    }

    public boolean allows(double value) {
        return value >= min && value <= max;
    }

    /** The range as the docs and the dead letters show it, e.g. {@code 0.1 … 100}. */
    public String range() {
        return number(min) + " … " + number(max);
    }

    /** A number without a needless fraction: 60, 0.1, 1.5E-4 stays readable as 0.00015. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
