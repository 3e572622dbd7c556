package com.bkbcs.storage.domain.change;

/**
 * The revisions held: every change with a revision above {@code forgottenThrough} is still
 * recorded (or not yet settled), and {@code latest} is the highest revision any writer has taken.
 * A reader may resume from any revision in {@code [forgottenThrough, latest]}.
 */
public record ChangeHistory(long forgottenThrough, long latest) {
    public ChangeHistory {
        if (forgottenThrough < 0 || latest < forgottenThrough) {
            throw new IllegalArgumentException("history (" + forgottenThrough + ", " + latest + "] is not a range");
        }
    }

    public boolean canResumeFrom(long revision) {
        return revision >= forgottenThrough && revision <= latest;
    }
}
