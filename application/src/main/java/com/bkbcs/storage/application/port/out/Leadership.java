package com.bkbcs.storage.application.port.out;

/**
 * Which instance of a deployment runs the jobs that must run once per deployment (retention, the
 * trim of the change log): the instances hold an election, and exactly one leads at a time, as far
 * as the election can tell. A leader that loses its connection to the election stops leading at
 * once; another takes over. The jobs are idempotent, so the moment two instances both believe they
 * lead (a leader paused past its session) costs duplicate work, never wrong data.
 */
public interface Leadership {

    /** Whether this instance leads now; answers at once, from what the election last said. */
    boolean leads();

    /** Who leads, in a few words for {@code /readyz} ({@code "this instance (10.0.0.1:8080)"}); never waits. */
    String leader();
}
