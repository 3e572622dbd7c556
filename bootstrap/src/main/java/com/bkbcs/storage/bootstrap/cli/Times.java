package com.bkbcs.storage.bootstrap.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times as options take them ({@code 1h}, {@code 30m}, RFC 3339, unix seconds) and ages as tables show them. */
final class Times {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(d|h|m|s)");
    private static final Pattern WHOLE_DURATION = Pattern.compile("((\\d+)(d|h|m|s))+");

    private Times() {
    }

    /** {@code 1h30m}, {@code 2d}, {@code 45s} as a duration. */
    static Duration duration(String text, String option) {
        if (!WHOLE_DURATION.matcher(text).matches()) {
            throw new IllegalArgumentException(option + " must be a duration like 30s, 5m, 1h30m or 2d, was '" + text + "'");
        }
        Duration total = Duration.ZERO;
        Matcher part = DURATION.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
        }
        return total;
    }

    /** A duration ago ({@code 1h}), an RFC 3339 time or unix seconds, as an instant. */
    static Instant pointInTime(String text, String option, Instant now) {
        if (text.matches("\\d+")) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        if (WHOLE_DURATION.matcher(text).matches()) {
            return now.minus(duration(text, option));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be a duration ago (1h, 30m), an RFC 3339 time or unix seconds, was '"
                    + text + "'", e);
        }
    }

    /** An instant of a document ({@code 2026-11-29T14:02:11.482Z}), or null when it is not one. */
    static Instant parse(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toString()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** kubectl's way: 45s, 12m, 5h, 3d, 2y. */
    static String age(Instant since, Instant now) {
        if (since == null) {
            return Trees.NONE;
        }
        long seconds = Math.max(0, Duration.between(since, now).toSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        return days < 730 ? days + "d" : days / 365 + "y";
    }
}
