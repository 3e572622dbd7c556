package com.bkbcs.storage.application.service;

import com.bkbcs.storage.application.port.in.retention.EnforceRetentionUseCase;
import com.bkbcs.storage.application.port.out.ChangeFeed;
import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.RetentionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies each journal's {@link RetentionPolicy}: first removes what was stored more than the maximum
 * age ago (by the injected clock), then cuts each cluster back to its cap; and forgets the changes
 * of dynamic data older than the change history kept for watches. Something else (the
 * composition root) calls {@link #enforce()} periodically; a run is idempotent, so a run that fails
 * part way is completed by the next.
 */
public final class RetentionService implements EnforceRetentionUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);

    private final Map<Journal, RetentionPolicy> policies;
    private final Clock clock;
    private final Optional<ChangeFeed> changes;
    private final Duration changeHistory;

    public RetentionService(Map<Journal, RetentionPolicy> policies, Clock clock) {
        this(policies, Optional.empty(), Duration.ofDays(36500), clock);
    }

    /** Also forgets the changes of dynamic data recorded more than {@code changeHistory} ago. */
    public RetentionService(Map<Journal, RetentionPolicy> policies, Optional<ChangeFeed> changes, Duration changeHistory,
                            Clock clock) {
        this.policies = new LinkedHashMap<>(policies);
        this.changes = Objects.requireNonNull(changes, "changes");
        this.changeHistory = Objects.requireNonNull(changeHistory, "changeHistory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RetentionReport enforce() {
        Map<JournalKind, Long> byAge = new EnumMap<>(JournalKind.class);
        Map<JournalKind, Long> byCap = new EnumMap<>(JournalKind.class);
        Instant now = clock.instant();
        policies.forEach((journal, policy) -> {
            policy.maxAge().ifPresent(age -> byAge.put(journal.kind(), journal.removeStoredBefore(now.minus(age))));
            policy.perClusterLimit().ifPresent(cap -> byCap.put(journal.kind(), journal.trimClusters(cap)));
        });
        changes.ifPresent(feed -> {
            long forgotten = feed.trim(now.minus(changeHistory));
            if (forgotten > 0) {
                LOG.info("retention forgot {} changes of dynamic data recorded before the last {} s", forgotten,
                        changeHistory.toSeconds());
            }
        });
        RetentionReport report = new RetentionReport(byAge, byCap);
        for (JournalKind kind : JournalKind.values()) {
            if (report.removed(kind) > 0) {
                LOG.info("retention removed {} {} ({} by age, {} by the per-cluster cap)", report.removed(kind),
                        kind.name().toLowerCase(java.util.Locale.ROOT), byAge.getOrDefault(kind, 0L),
                        byCap.getOrDefault(kind, 0L));
            }
        }
        return report;
    }
}
