package io.citywatch.jobs.cap;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.Scenario;

/**
 * The words of a CAP message for people, in the job's locale: English, or Chinese as China's
 * warning releases write them (colour, then level in Roman numerals).
 */
final class CapTexts {
    private final boolean chinese;

    CapTexts(boolean chinese) {
        this.chinese = chinese;
    }

    /** {@code info/event}: the scenario as a warning system names the hazard. */
    String event(Scenario scenario) {
        return switch (scenario) {
            case fire -> chinese ? "火灾" : "Fire";
            case geohazard -> chinese ? "地质灾害" : "Geological hazard";
            case flood -> chinese ? "洪涝" : "Flood";
            case gas -> chinese ? "燃气泄漏" : "Gas leak";
            case bridge -> chinese ? "桥梁结构隐患" : "Bridge structural hazard";
            case device -> chinese ? "监测设备故障" : "Monitoring device fault";
            case incident -> chinese ? "突发事件" : "Reported incident";
        };
    }

    /** The hazard within an English sentence ("flooding at …"); Chinese uses the event. */
    private String hazard(Scenario scenario) {
        if (chinese) {
            return event(scenario);
        }
        return switch (scenario) {
            case flood -> "flooding";
            default -> event(scenario).toLowerCase(java.util.Locale.ROOT);
        };
    }

    String colour(AlertLevel level) {
        return switch (level) {
            case red -> chinese ? "红色" : "Red";
            case orange -> chinese ? "橙色" : "Orange";
            case yellow -> chinese ? "黄色" : "Yellow";
            case blue -> chinese ? "蓝色" : "Blue";
        };
    }

    /**
     * {@code info/headline}: colour and level first, as China's warning signals are named, e.g.
     * {@code Orange warning (II): flooding at Cuntan station, Jiangbei}.
     */
    String headline(Scenario scenario, AlertLevel level, boolean ended, String place) {
        String numeral = CapMessages.levelNumeral(level);
        if (chinese) {
            return colour(level)
                    + "预警（"
                    + numeral
                    + "级）"
                    + (ended ? "解除" : "")
                    + "："
                    + place
                    + hazard(scenario);
        }
        return colour(level)
                + " warning ("
                + numeral
                + ")"
                + (ended ? " ended" : "")
                + ": "
                + hazard(scenario)
                + " at "
                + place;
    }

    /** {@code area/areaDesc} and the place in the headline: the risk point and its district. */
    String place(String name, String district) {
        if (district == null || district.isBlank()) {
            return name;
        }
        return chinese ? name + "（" + district + "）" : name + ", " + district;
    }

    /** The place of an incident outside every risk point: its geohash-6 cell. */
    String cell(String geohash) {
        return chinese ? "网格 " + geohash : "geohash cell " + geohash;
    }

    /** {@code alert/note} of a Cancel: why the alert ended. */
    String ended(AlertStatus status) {
        return switch (status) {
            case resolved -> chinese ? "已结束：值班人员已处置完毕。" : "Ended: resolved by an operator.";
            case false_alarm ->
                    chinese ? "已结束：经值班人员核实为误报。" : "Ended: a false alarm, as an operator found.";
            case cleared ->
                    chinese
                            ? "已结束：预警条件已解除。"
                            : "Ended: cleared, the condition that raised the alert is over.";
            default -> throw new IllegalArgumentException(status + " does not end an alert");
        };
    }
}
