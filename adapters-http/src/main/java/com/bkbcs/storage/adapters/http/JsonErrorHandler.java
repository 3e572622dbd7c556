package com.bkbcs.storage.adapters.http;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Jetty's error page, for requests Jetty itself refuses before any route sees them (a URI with
 * {@code %00} or bad UTF-8, oversized headers...): the usual envelope instead of HTML, with the
 * code picked by HTTP method (see {@link Operation#forMethod}).
 */
final class JsonErrorHandler extends ErrorHandler {
    private final JsonCodec json;

    JsonErrorHandler(JsonCodec json) {
        this.json = json;
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = envelope(Operation.forMethod(request.getMethod()), code, reason(code, message, cause));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonCodec.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JsonCodec.CONTENT_TYPE);
        return ByteBuffer.wrap(envelope(Operation.forMethod(null), status, reason(status, reason, null)));
    }

    private byte[] envelope(Operation operation, int status, String reason) {
        String detail = status < 500 ? "the HTTP server rejected the request: " + reason : "HTTP server error: " + reason;
        return json.write(EnvelopeJson.failure(operation, detail));
    }

    private static String reason(int status, String message, Throwable cause) {
        if (cause instanceof HttpException http && http.getReason() != null) {
            Throwable why = cause.getCause();
            return why != null && why.getMessage() != null
                    ? http.getReason() + " (" + why.getMessage() + ")"
                    : http.getReason();
        }
        if (message == null || message.isBlank() || message.contains("Exception")) {
            return HttpStatus.getMessage(status);
        }
        return message;
    }
}
