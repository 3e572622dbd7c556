package com.bkbcs.storage.adapters.mongo.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;

/**
 * A failed command answered as a reply, in the form mongo-java-server itself gives one. Errors a
 * client can cause are answered this way rather than thrown: mongo-java-server logs every exception
 * thrown out of a command as an ERROR with its stack trace.
 */
final class ErrorReplies {
    private ErrorReplies() {
    }

    static Document of(MongoServerError error) {
        Document document = new Document("$err", error.getMessageWithoutErrorCode())
                .append("errmsg", error.getMessageWithoutErrorCode())
                .append("code", error.getCode());
        document.putIfNotNull("codeName", error.getCodeName());
        return document.append("ok", 0);
    }
}
