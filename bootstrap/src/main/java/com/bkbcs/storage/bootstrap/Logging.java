package com.bkbcs.storage.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;

/**
 * {@code --log-level} and {@code --log-format}: the root level of the log, and its lines as text
 * (the pattern of {@code logback.xml}) or as one JSON object per line (Logback's JSON encoder),
 * both on standard output. Loggers that {@code logback.xml} quiets keep their own levels.
 */
final class Logging {
    static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    private static final String JSON_APPENDER = "JSON";
    private static final String TEXT_APPENDER = "STDOUT";

    /** How lines are written. */
    enum Format {
        TEXT, JSON
    }

    private Logging() {
    }

    /** The level named {@code name} (any case); anything else is a mistake in {@code --log-level}. */
    static Level level(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new IllegalArgumentException("--log-level must be one of trace, debug, info, warn, error, off: " + name);
        }
        return Level.toLevel(upper);
    }

    static void configure(Level level, Format format) {
        configure(level, format, new ConsoleAppender<>());
    }

    /** Sets the root level and, for JSON, replaces the text lines with JSON lines written by {@code target}. */
    static void configure(Level level, Format format, OutputStreamAppender<ILoggingEvent> target) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        if (format == Format.JSON && root.getAppender(JSON_APPENDER) == null) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            // the message as read, not the template and its arguments; no context or sequence noise
            encoder.setWithFormattedMessage(true);
            encoder.setWithMessage(false);
            encoder.setWithArguments(false);
            encoder.setWithContext(false);
            encoder.setWithSequenceNumber(false);
            encoder.setWithNanoseconds(false);
            encoder.start();
            target.setName(JSON_APPENDER);
            target.setContext(context);
            target.setEncoder(encoder);
            target.start();
            root.addAppender(target);
            root.detachAppender(TEXT_APPENDER);
        }
    }
}
