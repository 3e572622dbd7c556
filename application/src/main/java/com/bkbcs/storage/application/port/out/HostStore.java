package com.bkbcs.storage.application.port.out;

import com.bkbcs.storage.domain.host.Host;
import com.bkbcs.storage.domain.host.HostQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where hosts live, one per ip, each owned by at most one cluster. Failures surface as
 * {@code StorageException}s.
 */
public interface HostStore {

    /**
     * Creates the host or replaces its cluster and data; {@code createTime} is the {@code now} of the
     * write that created it and is kept, {@code updateTime} the latest {@code now} of any write (never
     * before {@code createTime}, never going back; {@link #assign} stamps the same way).
     */
    void upsert(String ip, String clusterId, Object data, Instant now);

    Optional<Host> find(String ip);

    /** Removes the host; returns whether there was one. */
    boolean delete(String ip);

    /** The projected documents ({@link Host#toDocument()} form) of the cluster's matching hosts, by ip, paged. */
    Stream<Map<String, Object>> list(HostQuery query);

    /**
     * Gives each of {@code ips} to the cluster ({@code updateTime} = {@code now}); an ip not stored yet
     * is created with {@code data: null}. With {@code exclusively}, the cluster's other hosts are
     * released first ({@link Host#NO_CLUSTER}, {@code updateTime} = {@code now}), so the cluster ends
     * owning exactly {@code ips}. Not atomic: a failure part way leaves part of it done, and repeating
     * the call completes it.
     */
    void assign(String clusterId, List<String> ips, boolean exclusively, Instant now);
}
