package io.citywatch.jobs.ingest;

import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.geo.Geohash;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.registry.Registry;
import io.citywatch.jobs.events.IncidentEvent;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Places an incident at its risk point: the one it names, or the nearest within the match radius of
 * its coordinates, else a geohash-6 cell.
 */
public class IncidentEnrichment extends RegistryJoin<IncidentEvent, IncidentEvent> {
    private static final int GRID_PRECISION = 6;

    private final String topic;
    private final double matchRadiusMeters;

    public IncidentEnrichment(
            String topic,
            RegistryAtStart registryAtStart,
            long holdMillis,
            double matchRadiusMeters) {
        super(registryAtStart, holdMillis, TypeInformation.of(IncidentEvent.class));
        this.topic = topic;
        this.matchRadiusMeters = matchRadiusMeters;
    }

    @Override
    protected IncidentEvent enrich(IncidentEvent event, Registry registry) {
        if (event.incident.riskPointId != null) {
            RiskPoint point = registry.riskPoint(event.incident.riskPointId);
            if (point == null) {
                return null;
            }
            event.site = site(point);
            event.locationKey = point.riskPointId;
            return event;
        }
        RiskPoint nearest =
                registry.nearest(event.incident.lat, event.incident.lon, matchRadiusMeters);
        if (nearest != null) {
            event.site = site(nearest);
            event.locationKey = nearest.riskPointId;
        } else {
            event.locationKey =
                    "geo:" + Geohash.encode(event.incident.lat, event.incident.lon, GRID_PRECISION);
        }
        return event;
    }

    @Override
    protected DeadLetter unknown(IncidentEvent event) {
        return DeadLetter.of(
                topic,
                RejectReason.unknown_risk_point,
                "risk point " + event.incident.riskPointId + " is not in the registry",
                event.raw,
                event.ts,
                event.position);
    }
}
