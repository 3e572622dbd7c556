package com.bkbcs.storage.domain.query;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a time stored inside reported data as an instant: RFC 3339 strings with {@code Z} or an
 * offset ({@code 2017-10-09T15:37:44+08:00}), {@code yyyy-MM-dd HH:mm:ss} strings (UTC), numbers of
 * unix seconds, and instants the service stamped itself. Anything else is not a time.
 */
public final class TimeValues {
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TimeValues() {
    }

    public static Optional<Instant> instantOf(Object value) {
        if (value instanceof Instant instant) {
            return Optional.of(instant);
        }
        if (value instanceof Number number) {
            double seconds = number.doubleValue();
            if (Double.isFinite(seconds) && Math.abs(seconds) < 1.0e14) {
                long whole = (long) Math.floor(seconds);
                return Optional.of(Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000_000L)));
            }
            return Optional.empty();
        }
        if (value instanceof String text) {
            try {
                if (text.length() == 19 && text.charAt(10) == ' ') {
                    return Optional.of(LocalDateTime.parse(text, SPACED).toInstant(ZoneOffset.UTC));
                }
                return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
