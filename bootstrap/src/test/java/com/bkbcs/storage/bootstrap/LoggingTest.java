package com.bkbcs.storage.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --log-level and --log-format: the root level, and JSON lines instead of text. */
class LoggingTest {

    @Test
    void levelsAreReadInAnyCaseAndAnythingElseNamesTheOption() {
        assertThat(Logging.level("debug")).isEqualTo(Level.DEBUG);
        assertThat(Logging.level(" WARN ")).isEqualTo(Level.WARN);
        assertThatThrownBy(() -> Logging.level("verbose")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--log-level must be one of");
        assertThat(ServeArguments.parse(java.util.Map.of("BCS_STORAGE_LOG_FORMAT", "JSON")).logFormat)
                .isEqualTo(Logging.Format.JSON);
        assertThatThrownBy(() -> ServeArguments.parse(java.util.Map.of(), "--log-format", "xml"))
                .hasMessageContaining("'xml' is not a log format: text or json");
    }

    @Test
    void jsonLinesReplaceTheTextLinesAtTheGivenLevel() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            appenders.add(it.next());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> target = new OutputStreamAppender<>();
        target.setOutputStream(out);
        try {
            Logging.configure(Level.WARN, Logging.Format.JSON, target);
            org.slf4j.Logger log = LoggerFactory.getLogger("bcs.logging.test");
            log.info("not at warn");
            log.warn("store {} is down", "mongodb");
            String lines = out.toString(StandardCharsets.UTF_8);
            assertThat(lines).contains("\"level\":\"WARN\"", "\"loggerName\":\"bcs.logging.test\"",
                            "\"formattedMessage\":\"store mongodb is down\"")
                    .doesNotContain("not at warn");
            assertThat(lines.strip().lines()).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
        } finally {
            root.detachAppender(target);
            target.stop();
            appenders.forEach(appender -> {
                if (root.getAppender(appender.getName()) == null) {
                    root.addAppender(appender);
                }
            });
            root.setLevel(before);
        }
    }
}
