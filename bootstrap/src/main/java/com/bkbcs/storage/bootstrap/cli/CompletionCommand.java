package com.bkbcs.storage.bootstrap.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code completion bash|zsh}: picocli's bash completion script; for zsh the same script after
 * {@code bashcompinit}, which lets zsh run bash completions.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script.",
                "bash: source <(bcs-storage completion bash)   zsh: source <(bcs-storage completion zsh)"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "bash|zsh", completionCandidates = Shells.class, description = "The shell.")
    String shell;

    /** Completion candidates of the shell. */
    static final class Shells extends java.util.ArrayList<String> {
        Shells() {
            super(java.util.List.of("bash", "zsh"));
        }
    }

    @Override
    public Integer call() {
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        switch (shell) {
            case "bash" -> spec.commandLine().getOut().print(script);
            case "zsh" -> spec.commandLine().getOut().print("autoload -U +X compinit && compinit\n"
                    + "autoload -U +X bashcompinit && bashcompinit\n" + script);
            default -> throw new IllegalArgumentException("completion is for bash or zsh, not '" + shell + "'");
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
