package io.citywatch.jobs.rules.incident;

import io.citywatch.common.model.IncidentCategory;
import io.citywatch.jobs.events.Site;

/** How an alert text names where incidents are: the risk point, or the grid cell. */
final class Places {
    private Places() {}

    static String name(Site site, String locationKey) {
        return site != null ? site.name : locationKey;
    }

    static String chinese(IncidentCategory category) {
        return switch (category) {
            case fire -> "火灾";
            case smoke -> "冒烟";
            case flood -> "洪水";
            case waterlogging -> "内涝";
            case landslide -> "滑坡";
            case rockfall -> "崩塌落石";
            case gas_leak -> "燃气泄漏";
            case structural -> "结构险情";
            case other -> "其他";
        };
    }
}
