package com.bkbcs.storage.application.port.in.host;

import com.bkbcs.storage.domain.host.Host;

/** Removes one host; removing an absent one succeeds. */
public interface DeleteHostUseCase {

    void delete(DeleteHostCommand command);

    record DeleteHostCommand(String ip) {
        public DeleteHostCommand {
            Host.requireIp(ip);
        }
    }
}
