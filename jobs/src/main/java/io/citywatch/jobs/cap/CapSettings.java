package io.citywatch.jobs.cap;

import io.citywatch.common.model.Scenario;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * How alerts are written as CAP 1.2 messages (docs/contract.md §3.1b), immutable; built and
 * validated by {@code config.Settings} from the {@code cap-*} options.
 */
public final class CapSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Every scenario but {@code device}: device faults are maintenance work, not warnings. */
    public static final Set<Scenario> DEFAULT_SCENARIOS =
            EnumSet.complementOf(EnumSet.of(Scenario.device));

    public final String sender;
    public final CapStatus status;
    public final CapScope scope;

    /** Who may receive a {@code Restricted} message; null for other scopes. */
    public final String restriction;

    /** The receivers of a {@code Private} message; null for other scopes. */
    public final String addresses;

    private final EnumSet<Scenario> scenarios;

    /** The language of {@code info}: the job's {@code locale}. */
    public final Locale locale;

    /** The radius of the circle around a risk point, in kilometres. */
    public final double radiusKm;

    public CapSettings(
            String sender,
            CapStatus status,
            CapScope scope,
            String restriction,
            String addresses,
            Set<Scenario> scenarios,
            Locale locale,
            double radiusKm) {
        this.sender = sender;
        this.status = status;
        this.scope = scope;
        this.restriction = scope == CapScope.RESTRICTED ? restriction : null;
        this.addresses = scope == CapScope.PRIVATE ? addresses : null;
        this.scenarios =
                scenarios.isEmpty() ? EnumSet.noneOf(Scenario.class) : EnumSet.copyOf(scenarios);
        this.locale = locale;
        this.radiusKm = radiusKm;
    }

    /** Whether alerts of {@code scenario} go to the feed. */
    public boolean includes(Scenario scenario) {
        return scenarios.contains(scenario);
    }

    /** Whether there is a feed at all: {@code cap-scenarios=none} switches it off. */
    public boolean enabled() {
        return !scenarios.isEmpty();
    }

    public Set<Scenario> scenarios() {
        return EnumSet.copyOf(scenarios);
    }

    boolean chinese() {
        return "zh".equals(locale.getLanguage());
    }
}
