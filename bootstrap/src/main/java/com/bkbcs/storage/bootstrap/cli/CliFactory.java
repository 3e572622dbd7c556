package com.bkbcs.storage.bootstrap.cli;

import picocli.CommandLine;

import java.lang.reflect.Constructor;

/** Builds the client commands with the {@link Terminal}; everything else as picocli would. */
public final class CliFactory implements CommandLine.IFactory {
    private final Terminal terminal;

    public CliFactory(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 1 && parameters[0] == Terminal.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(terminal));
            }
        }
        return CommandLine.defaultFactory().create(type);
    }
}
