package com.bkbcs.storage.application.port.in.host;

import com.bkbcs.storage.domain.host.Host;
import com.bkbcs.storage.domain.query.Projection;

import java.util.Map;
import java.util.Objects;

/** Reads one host back, as its (projected) document. */
public interface GetHostUseCase {

    /** @throws com.bkbcs.storage.domain.StorageException NOT_FOUND when the host is not stored */
    Map<String, Object> get(GetHostQuery query);

    record GetHostQuery(String ip, Projection projection) {
        public GetHostQuery {
            Host.requireIp(ip);
            Objects.requireNonNull(projection, "projection");
        }
    }
}
