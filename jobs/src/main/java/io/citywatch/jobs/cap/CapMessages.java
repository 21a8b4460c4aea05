package io.citywatch.jobs.cap;

import io.citywatch.common.geo.Distance;
import io.citywatch.common.geo.Geohash;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.IncidentCategory;
import io.citywatch.common.model.Scenario;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One version of an alert as an OASIS CAP 1.2 message (docs/contract.md §3.1b), written with the
 * JDK's StAX: no maintained CAP library is published. Elements come in the order of the OASIS
 * schema (docs/schemas/cap12.xsd), which the tests validate every message against. The message is a
 * function of the alert and the references to its earlier versions only, so a replay writes the
 * same bytes.
 */
public final class CapMessages {
    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

    /** The city's time (China Standard Time): CAP forbids "Z", and receivers show local time. */
    static final ZoneOffset CITY_TIME = ZoneOffset.ofHours(8);

    /** CAP's date-time: seconds, no fraction, a numeric offset. */
    private static final DateTimeFormatter CAP_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT)
                    .withZone(CITY_TIME);

    /** The JDK's own writer, whatever StAX implementation the classpath brings. */
    private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

    /** The prefix of a risk point id that names a geohash cell (docs/contract.md §2.2). */
    private static final String CELL_PREFIX = "geo:";

    private CapMessages() {}

    /** {@code identifier}: unique per alert version, the same on every replay. */
    public static String identifier(Alert alert) {
        return alert.alertId + "-v" + alert.version;
    }

    /** A time as CAP writes it: {@code 2026-07-14T08:12:00+08:00}, seconds cut. */
    public static String time(long epochMillis) {
        return CAP_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** How a later message names this one in {@code references}: sender,identifier,sent. */
    public static String reference(CapSettings settings, Alert alert) {
        return settings.sender + "," + identifier(alert) + "," + time(alert.changeTs);
    }

    /** Whether this version ends the alert: its message cancels the earlier ones. */
    public static boolean ends(Alert alert) {
        return alert.status == AlertStatus.resolved
                || alert.status == AlertStatus.cleared
                || alert.status == AlertStatus.false_alarm;
    }

    /** {@code msgType}: Alert when opened, Cancel when ended, Update for every change between. */
    public static String msgType(Alert alert) {
        if (ends(alert)) {
            return "Cancel";
        }
        return alert.version == 1 ? "Alert" : "Update";
    }

    /** China's warning levels: red I (most severe) … blue IV. */
    public static String levelNumeral(AlertLevel level) {
        return switch (level) {
            case red -> "I";
            case orange -> "II";
            case yellow -> "III";
            case blue -> "IV";
        };
    }

    static String urgency(Alert alert) {
        if (ends(alert)) {
            return "Past";
        }
        return alert.level == AlertLevel.red || alert.level == AlertLevel.orange
                ? "Immediate"
                : "Expected";
    }

    static String severity(AlertLevel level) {
        return switch (level) {
            case red -> "Extreme";
            case orange -> "Severe";
            case yellow -> "Moderate";
            case blue -> "Minor";
        };
    }

    /** Observed when two devices or a person (an incident report) confirm; one device: Likely. */
    static String certainty(Alert alert) {
        return alert.deviceIds.size() >= 2 || !alert.incidentIds.isEmpty() ? "Observed" : "Likely";
    }

    /** What people at the place should do; AllClear once it is over, None after a false alarm. */
    static String responseType(Alert alert) {
        if (alert.status == AlertStatus.false_alarm) {
            return "None";
        }
        if (ends(alert)) {
            return "AllClear";
        }
        return switch (alert.scenario) {
            case fire, geohazard, gas -> "Evacuate";
            case flood, bridge -> "Avoid";
            case device -> "Assess";
            case incident -> "Monitor";
        };
    }

    /** {@code category}: per scenario; an incident alert by the categories of its reports. */
    static List<String> categories(Alert alert) {
        Scenario scenario = alert.scenario;
        if (scenario != Scenario.incident) {
            return List.of(
                    switch (scenario) {
                        case fire -> "Fire";
                        case geohazard -> "Geo";
                        case flood -> "Met";
                        case gas -> "Safety";
                        case bridge, device -> "Infra";
                        case incident -> throw new AssertionError();
                    });
        }
        Set<String> categories = new LinkedHashSet<>();
        for (Evidence evidence : alert.evidence) {
            if (evidence.incidentId != null) {
                categories.add(category(evidence.type));
            }
        }
        return categories.isEmpty() ? List.of("Other") : new ArrayList<>(categories);
    }

    private static String category(String incidentCategory) {
        IncidentCategory category;
        try {
            category = IncidentCategory.valueOf(incidentCategory);
        } catch (IllegalArgumentException | NullPointerException e) {
            return "Other";
        }
        return switch (category) {
            case fire, smoke -> "Fire";
            case flood, waterlogging -> "Met";
            case landslide, rockfall -> "Geo";
            case gas_leak -> "Safety";
            case structural -> "Infra";
            case other -> "Other";
        };
    }

    /**
     * The message of one alert version. {@code references} are the earlier versions' {@link
     * #reference}s, oldest first.
     */
    public static String write(Alert alert, List<String> references, CapSettings settings) {
        CapTexts texts = new CapTexts(settings.chinese());
        StringWriter out = new StringWriter(2048);
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("alert");
            xml.writeDefaultNamespace(NAMESPACE);
            element(xml, "identifier", identifier(alert));
            element(xml, "sender", settings.sender);
            element(xml, "sent", time(alert.changeTs));
            element(xml, "status", settings.status.toString());
            element(xml, "msgType", msgType(alert));
            element(xml, "scope", settings.scope.toString());
            if (settings.restriction != null) {
                element(xml, "restriction", settings.restriction);
            }
            if (settings.addresses != null) {
                element(xml, "addresses", settings.addresses);
            }
            if (ends(alert)) {
                element(xml, "note", texts.ended(alert.status));
            }
            if (!references.isEmpty()) {
                element(xml, "references", String.join(" ", references));
            }
            element(xml, "incidents", alert.alertId);
            info(xml, alert, settings, texts);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the CAP message of " + alert, e);
        }
        return out.toString();
    }

    private static void info(XMLStreamWriter xml, Alert alert, CapSettings settings, CapTexts texts)
            throws XMLStreamException {
        String place = place(alert, texts);
        xml.writeStartElement("info");
        element(xml, "language", settings.locale.toLanguageTag());
        for (String category : categories(alert)) {
            element(xml, "category", category);
        }
        element(xml, "event", texts.event(alert.scenario));
        element(xml, "responseType", responseType(alert));
        element(xml, "urgency", urgency(alert));
        element(xml, "severity", severity(alert.level));
        element(xml, "certainty", certainty(alert));
        pair(xml, "eventCode", "scenario", alert.scenario.name());
        pair(xml, "eventCode", "ruleId", alert.ruleId);
        element(xml, "effective", time(alert.detectTs));
        element(xml, "onset", time(alert.startTs));
        element(xml, "headline", texts.headline(alert.scenario, alert.level, ends(alert), place));
        element(xml, "description", alert.message);
        pair(xml, "parameter", "colour", alert.level.name());
        pair(xml, "parameter", "level", levelNumeral(alert.level));
        pair(xml, "parameter", "ruleId", alert.ruleId);
        pair(xml, "parameter", "riskPointId", alert.riskPointId);
        if (!alert.deviceIds.isEmpty()) {
            pair(xml, "parameter", "deviceIds", String.join(" ", alert.deviceIds));
        }
        pair(xml, "parameter", "status", alert.status.name());
        pair(xml, "parameter", "version", String.valueOf(alert.version));
        xml.writeStartElement("area");
        element(xml, "areaDesc", place);
        element(xml, "circle", circle(alert, settings));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static String place(Alert alert, CapTexts texts) {
        String id = alert.riskPointId;
        if (id != null && id.startsWith(CELL_PREFIX)) {
            return texts.cell(id.substring(CELL_PREFIX.length()));
        }
        // an alert restored from a savepoint of a version before the name travelled with it
        String name = alert.riskPointName == null ? id : alert.riskPointName;
        return texts.place(name, alert.district);
    }

    /**
     * {@code lat,lon radius}: the risk point with the radius its incidents are matched in, or a
     * geohash cell's centre with the radius that covers the cell.
     */
    static String circle(Alert alert, CapSettings settings) {
        double radiusKm = settings.radiusKm;
        String id = alert.riskPointId;
        if (id != null && id.startsWith(CELL_PREFIX)) {
            radiusKm = cellRadiusKm(id.substring(CELL_PREFIX.length()));
        }
        return decimal(alert.lat, 6) + "," + decimal(alert.lon, 6) + " " + decimal(radiusKm, 3);
    }

    /** From a geohash cell's centre to its corner. */
    private static double cellRadiusKm(String geohash) {
        int bits = 5 * geohash.length();
        double latSpan = 180.0 / Math.pow(2, bits / 2);
        double lonSpan = 360.0 / Math.pow(2, bits - bits / 2);
        double[] centre = Geohash.centre(geohash);
        double metres =
                Distance.meters(
                        centre[0], centre[1], centre[0] + latSpan / 2, centre[1] + lonSpan / 2);
        // the alert's position is the centre; rounded up so the circle still holds the corners
        return Math.ceil(metres) / 1000.0;
    }

    private static String decimal(double value, int scale) {
        BigDecimal rounded =
                BigDecimal.valueOf(value)
                        .setScale(scale, RoundingMode.HALF_UP)
                        .stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    private static void element(XMLStreamWriter xml, String name, String text)
            throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(xmlText(text));
        xml.writeEndElement();
    }

    private static void pair(XMLStreamWriter xml, String name, String valueName, String value)
            throws XMLStreamException {
        xml.writeStartElement(name);
        element(xml, "valueName", valueName);
        element(xml, "value", value);
        xml.writeEndElement();
    }

    /**
     * Text as XML 1.0 can hold it, on one line: a registry name or a message may carry control
     * characters or lone surrogates that no XML document may contain, and a line break would split
     * the one-message-per-line file of a replay.
     */
    static String xmlText(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = null;
            if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (clean != null) {
                    clean.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                replacement = "\uFFFD";
            } else if (c < 0x20) {
                replacement = " ";
            }
            if (replacement != null && clean == null) {
                clean = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (clean != null) {
                clean.append(replacement == null ? String.valueOf(c) : replacement);
            }
        }
        return clean == null ? text : clean.toString();
    }
}
