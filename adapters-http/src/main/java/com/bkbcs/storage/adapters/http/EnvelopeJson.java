package com.bkbcs.storage.adapters.http;

/**
 * Every response body: {@code {"result", "code", "message", "data"}}. Success is code 0 with
 * message "success"; a failure carries its operation's code and a message that starts with the
 * operation's failure text and then says what went wrong.
 */
record EnvelopeJson(boolean result, int code, String message, Object data) {
    static final String SUCCESS = "success";

    static EnvelopeJson success(Object data) {
        return new EnvelopeJson(true, 0, SUCCESS, data);
    }

    static EnvelopeJson failure(Operation operation, String detail) {
        return new EnvelopeJson(false, operation.code(), operation.failure() + ": " + detail,
                operation.listsData() ? java.util.List.of() : null);
    }
}
