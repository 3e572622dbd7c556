package com.bkbcs.storage.adapters.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Coalesces concurrent calls into one round trip: a caller that finds no batch in flight sends
 * every item waiting (its own included) as one batch; callers arriving meanwhile wait and go in the
 * next one. Under one writer it costs nothing; under many it turns N round trips into a few.
 */
final class GroupCommit<I, O> {
    private final Function<List<I>, List<O>> batch;
    private final Object lock = new Object();
    private List<Slot<I, O>> waiting = new ArrayList<>();
    private boolean sending;

    /** {@code batch} answers one output per input, in order, or throws for the whole batch. */
    GroupCommit(Function<List<I>, List<O>> batch) {
        this.batch = batch;
    }

    O submit(I item) {
        Slot<I, O> mine = new Slot<>(item);
        List<Slot<I, O>> sent;
        synchronized (lock) {
            waiting.add(mine);
            while (sending && !mine.done) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting to commit", e);
                }
            }
            if (mine.done) {
                return mine.result();
            }
            sending = true;
            sent = waiting;
            waiting = new ArrayList<>();
        }
        List<O> outputs = null;
        RuntimeException failure = null;
        try {
            outputs = batch.apply(sent.stream().map(slot -> slot.item).toList());
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (lock) {
            for (int i = 0; i < sent.size(); i++) {
                Slot<I, O> slot = sent.get(i);
                slot.output = outputs == null ? null : outputs.get(i);
                slot.failure = failure;
                slot.done = true;
            }
            sending = false;
            lock.notifyAll();
        }
        return mine.result();
    }

    private static final class Slot<I, O> {
        final I item;
        O output;
        RuntimeException failure;
        boolean done;

        Slot(I item) {
            this.item = item;
        }

        O result() {
            if (failure != null) {
                throw failure;
            }
            return output;
        }
    }
}
