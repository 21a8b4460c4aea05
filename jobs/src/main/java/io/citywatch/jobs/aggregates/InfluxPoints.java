package io.citywatch.jobs.aggregates;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertReview;
import io.citywatch.jobs.events.DeviceEvent;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The InfluxDB measurements of docs/contract.md §3.3 as one stream of line-protocol points:
 * event-time tumbling one-minute windows (incremental AggregateFunction plus ProcessWindowFunction)
 * for risk_point_1m, district_1m, pipeline_1m and, opt-in, device_1m; one point per alert change;
 * one alert_lifecycle point per ended alert. Every operator has a fixed uid under {@code influx.}.
 *
 * <p>Readings and pipeline records are combined per subtask and minute before their shuffles
 * ({@link OpenMinutes}, {@link PipelineClock}): a window takes one partial minute per subtask, not
 * every record, and still has them all before it fires.
 */
public final class InfluxPoints {
    static final Duration MINUTE = Duration.ofMinutes(1);

    /** The job's streams the measurements come from. */
    public record Inputs(
            DataStream<DeviceEvent> deviceEvents,
            DataStream<Alert> alerts,
            DataStream<AlertReview> reviews,
            DataStream<PipelineEvent> pipeline) {}

    private InfluxPoints() {}

    public static DataStream<String> build(Inputs given, AggregateSettings settings) {
        Duration lateness = Duration.ofMillis(settings.allowedLatenessMillis);
        List<DataStream<String>> points = new ArrayList<>();
        Inputs inputs =
                new Inputs(
                        given.deviceEvents(),
                        given.alerts()
                                .transform(
                                        "influx: alerts, watermark free at end of input",
                                        given.alerts().getType(),
                                        new EndOfInputWatermark<>())
                                .uid("influx.alerts-end"),
                        given.reviews(),
                        given.pipeline());

        DataStream<ReadingSample> readings =
                inputs.deviceEvents()
                        .filter(event -> event.isReading() && event.site != null)
                        .uid("influx.readings")
                        .name("influx: readings")
                        .map(ReadingSample::of)
                        .returns(TypeInformation.of(ReadingSample.class))
                        .uid("influx.reading-samples")
                        .name("influx: reading samples");

        points.add(
                inputs.alerts()
                        .map(Measurements::alert)
                        .returns(Types.STRING)
                        .uid("influx.alert")
                        .name("influx: alert"));
        points.add(
                inputs.reviews()
                        .map(Measurements::alertLifecycle)
                        .returns(Types.STRING)
                        .uid("influx.alert_lifecycle")
                        .name("influx: alert_lifecycle"));

        DataStream<SiteInput> alertInputs =
                inputs.alerts()
                        .map(alert -> SiteInput.of(AlertChange.of(alert)))
                        .returns(TypeInformation.of(SiteInput.class))
                        .uid("influx.site-alerts")
                        .name("influx: site alerts");
        DataStream<SiteInput> siteInputs =
                readings.transform(
                                "influx: risk point minutes of a subtask",
                                TypeInformation.of(SiteInput.class),
                                new RiskPointMinutes())
                        // replaces the stateless map "influx.site-readings" (no state to lose)
                        .uid("influx.risk-point-minutes")
                        .union(alertInputs);

        SingleOutputStreamOperator<String> riskPointRows =
                siteInputs
                        // incidents in a geohash cell belong to no risk point
                        .filter(input -> !input.riskPointId().startsWith("geo:"))
                        .uid("influx.risk-point-inputs")
                        .name("influx: risk point inputs")
                        .keyBy(SiteInput::riskPointId)
                        .window(TumblingEventTimeWindows.of(MINUTE))
                        .allowedLateness(lateness)
                        .aggregate(new RiskPointWindows.Aggregate(), new RiskPointWindows.Rows())
                        .uid("influx.risk_point_1m")
                        .name("influx: risk_point_1m");
        points.add(riskPointRows);

        DataStream<SiteInput> districtShares =
                riskPointRows
                        .getSideOutput(RiskPointWindows.Rows.DISTRICT_SHARES)
                        .map(SiteInput::of)
                        .returns(TypeInformation.of(SiteInput.class))
                        .uid("influx.district-shares")
                        .name("influx: district shares");
        points.add(
                districtShares
                        .union(alertInputs)
                        .keyBy(SiteInput::district)
                        .window(TumblingEventTimeWindows.of(MINUTE))
                        .allowedLateness(lateness)
                        .aggregate(new DistrictWindows.Aggregate(), new DistrictWindows.Rows())
                        .uid("influx.district_1m")
                        .name("influx: district_1m"));

        Duration pipelineLateness =
                lateness.compareTo(AggregateSettings.PIPELINE_LATENESS) > 0
                        ? lateness
                        : AggregateSettings.PIPELINE_LATENESS;
        points.add(
                inputs.pipeline()
                        .transform(
                                "influx: pipeline event time",
                                TypeInformation.of(PipelineCount.class),
                                new PipelineClock(
                                        settings.maxOutOfOrdernessMillis,
                                        settings.replay,
                                        settings.replay
                                                ? (settings.replayStartTs == Long.MIN_VALUE
                                                        ? 0
                                                        : settings.replayStartTs)
                                                : Long.MIN_VALUE))
                        .uid("influx.pipeline-time")
                        .keyBy(count -> count.stream)
                        .window(TumblingEventTimeWindows.of(MINUTE))
                        .allowedLateness(pipelineLateness)
                        .aggregate(new PipelineWindows.Aggregate(), new PipelineWindows.Rows())
                        .uid("influx.pipeline_1m")
                        .name("influx: pipeline_1m"));

        if (settings.deviceAggregates) {
            points.add(
                    readings.transform(
                                    "influx: device minutes of a subtask",
                                    TypeInformation.of(DeviceMinute.class),
                                    new DeviceMinutes())
                            .uid("influx.device-minutes")
                            .keyBy(partial -> partial.deviceId)
                            .window(TumblingEventTimeWindows.of(MINUTE))
                            .allowedLateness(lateness)
                            .aggregate(new DeviceWindows.Aggregate(), new DeviceWindows.Rows())
                            .uid("influx.device_1m")
                            .name("influx: device_1m"));
        }

        DataStream<String> all = points.get(0);
        for (DataStream<String> more : points.subList(1, points.size())) {
            all = all.union(more);
        }
        return all;
    }
}
