package com.bkbcs.storage.adapters.memory;

import com.bkbcs.storage.application.port.out.Journal;
import com.bkbcs.storage.domain.StoredFields;
import com.bkbcs.storage.domain.journal.JournalEntry;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.JournalPage;
import com.bkbcs.storage.domain.journal.JournalQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An event or alarm journal in memory: documents in a list, filtered, ordered and projected with the domain's
 * reference semantics; ids count up, so later appends sort after earlier ones. Not durable (see {@link InMemoryResourceStore}).
 */
public final class InMemoryJournal implements Journal {
    private final JournalKind kind;
    private final List<Map<String, Object>> documents = new ArrayList<>();
    private long lastId;

    public InMemoryJournal(JournalKind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    @Override
    public JournalKind kind() {
        return kind;
    }

    @Override
    public synchronized String append(JournalEntry entry, Instant storedAt) {
        if (entry.journal() != kind) {
            throw new IllegalArgumentException("a " + entry.journal() + " entry in the " + kind + " journal");
        }
        String id = String.format("%024x", ++lastId);
        documents.add(entry.toDocument(id, storedAt));
        return id;
    }

    @Override
    public synchronized JournalPage list(JournalQuery query) {
        List<Map<String, Object>> matching = documents.stream()
                .filter(document -> query.clusterIds().isEmpty() || query.clusterIds().contains(cluster(document)))
                .filter(query.filter()::matches)
                .sorted(newestFirst())
                .toList();
        Stream<Map<String, Object>> page = matching.stream().skip(query.page().offset());
        if (query.page().limit().isPresent()) {
            page = page.limit(query.page().limit().getAsInt());
        }
        return new JournalPage(matching.size(), page.map(query.projection()::apply));
    }

    @Override
    public synchronized long removeStoredBefore(Instant cutoff) {
        int before = documents.size();
        documents.removeIf(document -> storedAt(document).isBefore(cutoff));
        return before - documents.size();
    }

    @Override
    public synchronized long trimClusters(int keep) {
        Map<String, List<Map<String, Object>>> byCluster = new HashMap<>();
        for (Map<String, Object> document : documents) {
            byCluster.computeIfAbsent(cluster(document), c -> new ArrayList<>()).add(document);
        }
        long removed = 0;
        for (List<Map<String, Object>> cluster : byCluster.values()) {
            cluster.sort(Comparator.comparing(InMemoryJournal::storedAt).thenComparing(InMemoryJournal::id).reversed());
            for (Map<String, Object> document : cluster.subList(Math.min(keep, cluster.size()), cluster.size())) {
                documents.remove(document);
                removed++;
            }
        }
        return removed;
    }

    /** How many entries are stored, whatever their cluster. */
    /** Forgets every entry. */
    public synchronized void clear() {
        documents.clear();
    }

    public synchronized int size() {
        return documents.size();
    }

    private Comparator<Map<String, Object>> newestFirst() {
        return Comparator.comparing((Map<String, Object> document) -> (Instant) document.get(kind.timeField()))
                .thenComparing(InMemoryJournal::id)
                .reversed();
    }

    private static String cluster(Map<String, Object> document) {
        return (String) document.get(StoredFields.CLUSTER_ID);
    }

    private static String id(Map<String, Object> document) {
        return (String) document.get(StoredFields.ID);
    }

    private static Instant storedAt(Map<String, Object> document) {
        return (Instant) document.get(JournalKind.STORED_AT);
    }
}
