package com.bkbcs.storage.adapters.http.journal;

import com.bkbcs.storage.adapters.http.Accepted;
import com.bkbcs.storage.adapters.http.BodyFields;
import com.bkbcs.storage.adapters.http.Exchange;
import com.bkbcs.storage.adapters.http.Operation;
import com.bkbcs.storage.adapters.http.RouteRegistry;
import com.bkbcs.storage.adapters.http.Routes;
import com.bkbcs.storage.application.port.in.event.ListEventsUseCase;
import com.bkbcs.storage.application.port.in.event.RecordEventUseCase;
import com.bkbcs.storage.application.port.in.event.RecordEventUseCase.RecordEventCommand;
import com.bkbcs.storage.domain.event.Event;
import com.bkbcs.storage.domain.event.ExtraInfo;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.UnixTime;

import java.util.List;
import java.util.Objects;

/**
 * Events: {@code PUT /events} appends one event ({@code BcsStorageEventIf}: texts, {@code eventTime}
 * as int64 unix seconds, {@code extraInfo {name, namespace, kind}}, {@code data} any JSON), and
 * {@code GET /events} lists them newest first with {@code total}, filtered by {@code env},
 * {@code kind}, {@code level}, {@code component}, {@code type}, {@code clusterId},
 * {@code extraInfo.name}, {@code extraInfo.namespace}, {@code extraInfo.kind} and the parameters of
 * {@link JournalRequests}.
 */
public final class EventRoutes implements Routes {
    static final String PATH = "/events";
    static final List<String> FILTERS = List.of("env", "kind", "level", "component", "type", "clusterId",
            "extraInfo.name", "extraInfo.namespace", "extraInfo.kind");

    private static final String EXTRA_INFO = "extraInfo";
    /** {@code BcsStorageEventIf}'s members. */
    static final Accepted BODY = Accepted.of("id", "env", "kind", "level", "component", "type", "describe", "clusterId",
            "eventTime", EXTRA_INFO, "data");
    static final Accepted EXTRA_INFO_MEMBERS = Accepted.of("name", "namespace", "kind");

    private final RecordEventUseCase record;
    private final ListEventsUseCase list;

    public EventRoutes(RecordEventUseCase record, ListEventsUseCase list) {
        this.record = Objects.requireNonNull(record, "record");
        this.list = Objects.requireNonNull(list, "list");
    }

    @Override
    public void addTo(RouteRegistry registry) {
        registry.put(PATH, Operation.PUT_RESOURCE, Accepted.NONE, this::put);
        registry.get(PATH, Operation.LIST_RESOURCES, JournalRequests.accepted(FILTERS), exchange -> JournalRequests.answer(exchange,
                list.list(JournalRequests.query(exchange.query(), JournalKind.EVENTS, FILTERS))));
    }

    private void put(Exchange exchange) {
        BodyFields body = BodyFields.of(exchange.jsonObjectBody(BODY));
        BodyFields extraInfo = body.object(EXTRA_INFO, EXTRA_INFO_MEMBERS);
        Event event = new Event(body.text("id"), body.text("env"), body.text("kind"), body.text("level"),
                body.text("component"), body.text("type"), body.text("describe"), body.text("clusterId"),
                UnixTime.ofSeconds(body.int64("eventTime")),
                new ExtraInfo(extraInfo.text("name"), extraInfo.text("namespace"), extraInfo.text("kind")),
                body.any("data"));
        record.record(new RecordEventCommand(event));
        exchange.ok();
    }
}
