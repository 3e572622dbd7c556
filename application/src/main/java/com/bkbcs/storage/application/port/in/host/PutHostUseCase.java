package com.bkbcs.storage.application.port.in.host;

import com.bkbcs.storage.domain.JsonTree;
import com.bkbcs.storage.domain.host.Host;

/** Stores what is reported about one host: its cluster and its data (createTime kept). */
public interface PutHostUseCase {

    void put(PutHostCommand command);

    /** {@code clusterId} is {@link Host#NO_CLUSTER} or a valid name; {@code data} any JSON value. */
    record PutHostCommand(String ip, String clusterId, Object data) {
        public PutHostCommand {
            Host.requireIp(ip);
            Host.requireCluster(clusterId);
            data = JsonTree.freeze(data);
        }
    }
}
