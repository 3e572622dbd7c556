package com.bkbcs.storage.domain.query;

import com.bkbcs.storage.domain.StorageException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Parses a time parameter: unix seconds (the documented form), {@code yyyy-MM-dd HH:mm:ss} taken
 * as UTC, or RFC 3339 ({@code 2017-10-16T07:34:52Z}, {@code 2017-10-09T15:37:44+08:00}).
 */
public final class TimeBound {
    private static final Pattern UNIX_SECONDS = Pattern.compile("-?\\d{1,12}");
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TimeBound() {
    }

    public static Instant parse(String name, String text) {
        String value = text.trim();
        if (UNIX_SECONDS.matcher(value).matches()) {
            return Instant.ofEpochSecond(Long.parseLong(value));
        }
        try {
            if (value.length() == 19 && value.charAt(10) == ' ') {
                return LocalDateTime.parse(value, SPACED).toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw StorageException.badInput(name + " is not a time (unix seconds, 'yyyy-MM-dd HH:mm:ss' or RFC 3339): "
                    + text);
        }
    }
}
