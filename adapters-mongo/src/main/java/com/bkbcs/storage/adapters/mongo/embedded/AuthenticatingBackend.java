package com.bkbcs.storage.adapters.mongo.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * mongo-java-server has no authentication; this backend adds the part the embedded store needs.
 * A connection may run nothing but the handshake ({@code isMaster}/{@code hello}, which monitoring
 * connections repeat as heartbeats) until it has authenticated with SASL {@code PLAIN} and the
 * {@link ClientCredentials} of this start; every other command, legacy query or {@code currentOp}
 * fails with MongoDB's {@code Unauthorized} (13), and wrong credentials with
 * {@code AuthenticationFailed} (18). The driver authenticates every connection of its pool before
 * its first command when the connection string carries the credentials.
 *
 * <p>Every request of the wire protocol reaches the backend through one of
 * {@link #handleCommand}, {@link #handleMessage} ({@code OP_MSG}), {@link #handleQuery} and
 * {@link #getCurrentOperations} ({@code OP_QUERY}), each of which carries the connection's channel.
 * The exceptions are {@code ping} over {@code OP_QUERY}, which mongo-java-server answers itself,
 * and {@code serverStatus} over {@code OP_QUERY}, which it answers from {@link #getServerStatus()}
 * without the channel: that one is refused to everyone (over {@code OP_MSG}, as drivers of today
 * send it, it is an ordinary command).
 */
final class AuthenticatingBackend implements MongoBackend {
    private static final AttributeKey<Boolean> AUTHENTICATED =
            AttributeKey.valueOf(AuthenticatingBackend.class, "authenticated");
    /** What a client may send before it authenticates (lower case). */
    private static final Set<String> BEFORE_AUTHENTICATION = Set.of("ismaster", "hello");
    private static final String SASL_START = "saslstart";
    private static final int UNAUTHORIZED = 13;
    private static final int AUTHENTICATION_FAILED = 18;

    private final MongoBackend backend;
    private final ClientCredentials credentials;

    AuthenticatingBackend(MongoBackend backend, ClientCredentials credentials) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals(SASL_START)) {
            return saslStart(channel, query);
        }
        requireAuthenticated(channel, name, command);
        return backend.handleCommand(channel, databaseName, command, query);
    }

    /**
     * Refusals of {@code OP_MSG} (every command of a current driver) are answered as error
     * documents rather than thrown: mongo-java-server logs every exception thrown there as an
     * ERROR with its stack trace, so whoever knocks on the port could flood the log.
     */
    @Override
    public Document handleMessage(MongoMessage message) {
        String command = message.getDocument().isEmpty() ? "" : message.getDocument().keySet().iterator().next();
        String name = command.toLowerCase(Locale.ROOT);
        try {
            if (name.equals(SASL_START)) {
                return saslStart(message.getChannel(), message.getDocument());
            }
            requireAuthenticated(message.getChannel(), name, command);
        } catch (MongoServerError refused) {
            return ErrorReplies.of(refused);
        }
        return backend.handleMessage(message);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        requireAuthenticated(query.getChannel(), "find", "find");
        return backend.handleQuery(query);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        requireAuthenticated(query.getChannel(), "currentop", "currentOp");
        return backend.getCurrentOperations(query);
    }

    private static void requireAuthenticated(Channel channel, String name, String command) {
        if (!BEFORE_AUTHENTICATION.contains(name) && !Boolean.TRUE.equals(channel.attr(AUTHENTICATED).get())) {
            throw new MongoServerError(UNAUTHORIZED, "Unauthorized", "command " + command + " requires authentication");
        }
    }

    /** A one-step PLAIN conversation: the first message carries everything. */
    private Document saslStart(Channel channel, Document command) {
        boolean accepted = "PLAIN".equals(command.get("mechanism"))
                && command.get("payload") instanceof BinData payload
                && credentials.acceptPlain(payload.getData());
        if (!accepted) {
            throw new MongoServerError(AUTHENTICATION_FAILED, "AuthenticationFailed", "Authentication failed.");
        }
        channel.attr(AUTHENTICATED).set(Boolean.TRUE);
        return new Document("conversationId", 1)
                .append("done", true)
                .append("payload", new BinData(new byte[0]))
                .append("ok", 1.0);
    }

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        backend.dropDatabase(database);
    }

    /**
     * Only reached by a legacy {@code OP_QUERY} {@code serverStatus}, which carries no channel to
     * check; it would tell anyone the host name, process id, uptime and connection counts.
     */
    @Override
    public Document getServerStatus() {
        throw new MongoServerError(UNAUTHORIZED, "Unauthorized", "command serverStatus requires authentication");
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }
}
