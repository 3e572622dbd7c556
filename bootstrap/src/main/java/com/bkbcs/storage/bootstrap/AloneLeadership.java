package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.application.port.out.Leadership;

import java.util.Objects;

/** The leadership of a process that holds no election (the memory stores): it always leads. */
record AloneLeadership(String self) implements Leadership {
    AloneLeadership {
        Objects.requireNonNull(self, "self");
    }

    @Override
    public boolean leads() {
        return true;
    }

    @Override
    public String leader() {
        return "this instance (" + self + ", alone)";
    }
}
