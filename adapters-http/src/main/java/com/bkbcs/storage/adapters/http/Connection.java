package com.bkbcs.storage.adapters.http;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** The TCP connection under a request. */
final class Connection {

    private Connection() {
    }

    /**
     * Closes the connection under {@code ctx}'s response, whatever it is doing: a response already
     * on its way cannot then end well-formed, and a write blocked on a client that does not read fails.
     */
    static void cut(Context ctx, Throwable cause) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request != null) {
            request.getConnectionMetaData().getConnection().getEndPoint().close(cause);
        }
    }
}
