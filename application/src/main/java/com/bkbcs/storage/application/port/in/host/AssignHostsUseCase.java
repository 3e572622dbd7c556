package com.bkbcs.storage.application.port.in.host;

import com.bkbcs.storage.domain.Names;
import com.bkbcs.storage.domain.host.Host;

import java.util.List;

/**
 * Gives hosts to a cluster. Hosts not stored yet are created (cluster set, {@code data: null}); hosts
 * owned by another cluster move. With {@code exclusively} (PUT) the cluster ends owning exactly
 * {@code ips}: its other hosts are released ({@link Host#NO_CLUSTER}) but kept; without it (POST) they
 * stay.
 */
public interface AssignHostsUseCase {

    void assign(AssignHostsCommand command);

    record AssignHostsCommand(String clusterId, List<String> ips, boolean exclusively) {
        public AssignHostsCommand {
            Names.require("clusterId", clusterId);
            ips = ips.stream().map(Host::requireIp).distinct().toList();
        }
    }
}
