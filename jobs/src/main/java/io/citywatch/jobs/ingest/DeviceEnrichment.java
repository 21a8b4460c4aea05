package io.citywatch.jobs.ingest;

import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.model.DeviceSpec;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.registry.Registry;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.DeviceEventKind;
import io.citywatch.jobs.events.Site;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.util.Collector;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Places each reading at its device's risk point, and turns registry changes into per-device
 * REGISTERED / UNREGISTERED events so that rules keyed by device (device.offline) also know the
 * devices that never report.
 */
public class DeviceEnrichment extends RegistryJoin<DeviceEvent, DeviceEvent> {
    private final String topic;

    public DeviceEnrichment(String topic, RegistryAtStart registryAtStart, long holdMillis) {
        super(registryAtStart, holdMillis, TypeInformation.of(DeviceEvent.class));
        this.topic = topic;
    }

    @Override
    protected DeviceEvent enrich(DeviceEvent event, Registry registry) {
        RiskPoint point = registry.riskPointOfDevice(event.deviceId);
        if (point == null) {
            return null;
        }
        DeviceSpec device = registry.device(event.deviceId);
        event.site = site(point);
        event.zone = device.zone;
        return event;
    }

    @Override
    protected DeadLetter unknown(DeviceEvent event) {
        return DeadLetter.of(
                topic,
                RejectReason.unknown_device,
                "device " + event.deviceId + " is not in the registry",
                event.raw,
                event.ts,
                event.position);
    }

    @Override
    protected void onStart(Registry registry, Collector<DeviceEvent> out) {
        // Announced before this subtask emits any reading, so that the watermark that starts the
        // never-reported countdown always comes after the announcement: replays are deterministic.
        for (RiskPoint point : registry.riskPoints()) {
            announce(point, DeviceEventKind.REGISTERED, point.devices, out);
        }
    }

    @Override
    protected void onRegistryChange(RiskPoint before, RiskPoint after, Collector<DeviceEvent> out) {
        Set<String> kept = new HashSet<>();
        if (after != null) {
            announce(after, DeviceEventKind.REGISTERED, after.devices, out);
            for (DeviceSpec device : after.devices) {
                kept.add(device.deviceId);
            }
        }
        if (before != null) {
            List<DeviceSpec> dropped =
                    before.devices.stream().filter(d -> !kept.contains(d.deviceId)).toList();
            announce(before, DeviceEventKind.UNREGISTERED, dropped, out);
        }
    }

    /** Every subtask sees every registry record; each announces only the devices it owns. */
    private void announce(
            RiskPoint point,
            DeviceEventKind kind,
            List<DeviceSpec> devices,
            Collector<DeviceEvent> out) {
        int maxParallelism = getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        Site site = kind == DeviceEventKind.REGISTERED ? site(point) : null;
        for (DeviceSpec device : devices) {
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            device.deviceId, maxParallelism, parallelism)
                    != subtask) {
                continue;
            }
            DeviceEvent event = new DeviceEvent();
            event.kind = kind;
            event.deviceId = device.deviceId;
            event.type = device.type;
            event.zone = device.zone;
            event.site = site;
            out.collect(event);
        }
    }
}
