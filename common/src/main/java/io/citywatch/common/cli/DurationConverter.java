package io.citywatch.common.cli;

import org.apache.flink.util.TimeUtils;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A positive duration written as Flink writes them ({@code 90m}, {@code 2h}, {@code 30 s}) or in
 * ISO-8601 ({@code PT2H}, as help shows a default).
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
        try {
            Duration duration =
                    text.startsWith("P") ? Duration.parse(text) : TimeUtils.parseDuration(text);
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // said below
        }
        throw new TypeConversionException("must be a duration such as 90m or 2h, got " + text);
    }
}
