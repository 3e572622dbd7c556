package com.bkbcs.storage.adapters.http.journal;

import com.bkbcs.storage.adapters.http.Accepted;
import com.bkbcs.storage.adapters.http.Exchange;
import com.bkbcs.storage.adapters.http.QueryParameters;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.JournalPage;
import com.bkbcs.storage.domain.journal.JournalQuery;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.ResourceFilter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The list parameters events and alarms share: each documented filter is a comma list ("any of") of
 * exact strings at the field it is named after, {@code clusterId} also picks the clusters read;
 * {@code timeBegin} / {@code timeEnd} bound the kind's time field (inclusive; {@code 0} means no
 * bound); {@code extra}, {@code data.<path>} and {@code field} work as on dynamic lists; {@code offset}
 * and {@code length} page ({@code limit} is read when {@code length} is absent). Any other parameter
 * is bad input. The answer carries {@code total}, the matches before paging.
 */
final class JournalRequests {
    static final String CLUSTER_ID = "clusterId";
    static final String TIME_BEGIN = "timeBegin";
    static final String TIME_END = "timeEnd";
    static final String LENGTH = "length";

    private JournalRequests() {
    }

    /**
     * What an event or alarm list accepts: its text filters, the time bounds, {@code extra},
     * {@code data.<path>}, {@code field} and the page ({@code offset}, {@code length}, {@code limit}).
     */
    static Accepted accepted(List<String> textFilters) {
        return Accepted.of(TIME_BEGIN, TIME_END, LENGTH, QueryParameters.EXTRA, QueryParameters.FIELD,
                QueryParameters.OFFSET, QueryParameters.LIMIT).and(textFilters).withDataPaths();
    }

    static JournalQuery query(QueryParameters parameters, JournalKind kind, List<String> textFilters) {
        List<Condition> conditions = new ArrayList<>();
        for (String name : textFilters) {
            parameters.anyOfText(name).ifPresent(conditions::add);
        }
        Optional<Instant> from = parameters.timeBound(TIME_BEGIN);
        Optional<Instant> to = parameters.timeBound(TIME_END);
        if (from.isPresent() || to.isPresent()) {
            conditions.add(new Condition.Between(FieldPath.of(kind.timeField()), from, to));
        }
        conditions.addAll(parameters.extra());
        conditions.addAll(parameters.dataPaths());
        return new JournalQuery(parameters.items(CLUSTER_ID), new ResourceFilter(conditions), parameters.projection(),
                page(parameters));
    }

    private static Page page(QueryParameters parameters) {
        return parameters.first(LENGTH).isPresent() || parameters.first(QueryParameters.LIMIT).isEmpty()
                ? parameters.page(LENGTH)
                : parameters.page();
    }

    /** Answers with the page's documents and its total; closes the page. */
    static void answer(Exchange exchange, JournalPage page) throws Exception {
        try (page) {
            exchange.okList(page.documents(), page.total());
        }
    }
}
