package com.bkbcs.storage.adapters.http.journal;

import com.bkbcs.storage.adapters.http.Accepted;
import com.bkbcs.storage.adapters.http.BodyFields;
import com.bkbcs.storage.adapters.http.Exchange;
import com.bkbcs.storage.adapters.http.Operation;
import com.bkbcs.storage.adapters.http.RouteRegistry;
import com.bkbcs.storage.adapters.http.Routes;
import com.bkbcs.storage.application.port.in.alarm.ListAlarmsUseCase;
import com.bkbcs.storage.application.port.in.alarm.RecordAlarmUseCase;
import com.bkbcs.storage.application.port.in.alarm.RecordAlarmUseCase.RecordAlarmCommand;
import com.bkbcs.storage.domain.alarm.Alarm;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.bkbcs.storage.domain.journal.UnixTime;

import java.util.List;
import java.util.Objects;

/**
 * Alarms: {@code POST /alarms} appends one alarm ({@code BcsStorageAlarmIf}: texts,
 * {@code receivedTime} as int64 unix seconds, {@code data} any JSON), and {@code GET /alarms} lists
 * them newest first with {@code total}, filtered by {@code clusterId}, {@code namespace},
 * {@code source}, {@code module}, {@code type} and the parameters of {@link JournalRequests}.
 */
public final class AlarmRoutes implements Routes {
    static final String PATH = "/alarms";
    static final List<String> FILTERS = List.of("clusterId", "namespace", "source", "module", "type");

    /** {@code BcsStorageAlarmIf}'s members. */
    static final Accepted BODY = Accepted.of("clusterId", "namespace", "message", "source", "module", "type",
            "receivedTime", "data");

    private final RecordAlarmUseCase record;
    private final ListAlarmsUseCase list;

    public AlarmRoutes(RecordAlarmUseCase record, ListAlarmsUseCase list) {
        this.record = Objects.requireNonNull(record, "record");
        this.list = Objects.requireNonNull(list, "list");
    }

    @Override
    public void addTo(RouteRegistry registry) {
        registry.post(PATH, Operation.PUT_RESOURCE, Accepted.NONE, this::post);
        registry.get(PATH, Operation.LIST_RESOURCES, JournalRequests.accepted(FILTERS), exchange -> JournalRequests.answer(exchange,
                list.list(JournalRequests.query(exchange.query(), JournalKind.ALARMS, FILTERS))));
    }

    private void post(Exchange exchange) {
        BodyFields body = BodyFields.of(exchange.jsonObjectBody(BODY));
        Alarm alarm = new Alarm(body.text("clusterId"), body.text("namespace"), body.text("message"),
                body.text("source"), body.text("module"), body.text("type"),
                UnixTime.ofSeconds(body.int64("receivedTime")), body.any("data"));
        record.record(new RecordAlarmCommand(alarm));
        exchange.ok();
    }
}
