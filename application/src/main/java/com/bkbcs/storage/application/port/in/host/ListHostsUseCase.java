package com.bkbcs.storage.application.port.in.host;

import com.bkbcs.storage.domain.host.HostQuery;

import java.util.Map;
import java.util.stream.Stream;

/** Lists the hosts one cluster owns. */
public interface ListHostsUseCase {

    /** Projected documents ordered by ip; the caller closes the stream. */
    Stream<Map<String, Object>> list(HostQuery query);
}
