package com.bkbcs.storage.bootstrap;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where an option's value comes from when it is not on the command line, in this order:
 * <ol>
 *   <li>the environment variable named after the option: {@code BCS_STORAGE_} and the option's name
 *       in upper case with {@code _} for {@code -} ({@code --zk-connect} is {@code BCS_STORAGE_ZK_CONNECT});</li>
 *   <li>the configuration file ({@code --config}, or {@code BCS_STORAGE_CONFIG}): a properties file
 *       whose keys are option names without the dashes ({@code zk-connect=host:2181});</li>
 *   <li>the option's own default.</li>
 * </ol>
 * So a flag wins over the environment, the environment over the file, the file over the default.
 * picocli applies defaults after parsing, only to options the command line did not give, so the
 * file named by {@code --config} on the command line is known by then. A key in the file that
 * names no option is an error (a typo must not be silently ignored); an empty value counts as unset.
 */
final class LayeredDefaults implements IDefaultValueProvider {
    static final String ENV_PREFIX = "BCS_STORAGE_";
    static final String CONFIG_OPTION = "--config";

    private final Function<String, String> environment;
    private final Map<String, String> sources = new HashMap<>();
    private Path loadedFrom;
    private Map<String, String> file = Map.of();

    /** Reads the process environment; picocli builds it through this constructor. */
    LayeredDefaults() {
        this(System::getenv);
    }

    LayeredDefaults(Function<String, String> environment) {
        this.environment = environment;
    }

    static String environmentVariable(OptionSpec option) {
        return ENV_PREFIX + option.longestName().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    static String fileKey(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String fromEnvironment = environment.apply(environmentVariable(option));
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            sources.put(option.longestName(), "the environment variable " + environmentVariable(option));
            return fromEnvironment;
        }
        if (option.longestName().equals(CONFIG_OPTION)) {
            return null;
        }
        String fromFile = fileOf(option.command()).get(fileKey(option));
        if (fromFile == null || fromFile.isBlank()) {
            return null;
        }
        sources.put(option.longestName(), "the key '" + fileKey(option) + "' of the configuration file " + loadedFrom);
        return fromFile.strip();
    }

    /**
     * Where the value of {@code option} (its longest name, {@code --port}) came from when this
     * provider supplied it: an environment variable or a key of the configuration file; empty when
     * it came from the command line or is the option's own default.
     */
    Optional<String> sourceOf(String option) {
        return Optional.ofNullable(sources.get(option));
    }

    private Map<String, String> fileOf(CommandSpec command) {
        Optional<Path> path = configPath(command);
        if (path.isEmpty()) {
            return Map.of();
        }
        if (!path.get().equals(loadedFrom)) {
            file = read(command, path.get());
            loadedFrom = path.get();
        }
        return file;
    }

    private Optional<Path> configPath(CommandSpec command) {
        OptionSpec config = command.findOption(CONFIG_OPTION);
        if (config == null) {
            return Optional.empty();
        }
        Object given = config.getValue();
        String value = given != null ? given.toString() : environment.apply(environmentVariable(config));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.strip()));
    }

    private static Map<String, String> read(CommandSpec command, Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ParameterException(command.commandLine(), "cannot read the configuration file " + path + ": " + e);
        }
        Set<String> known = command.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp())
                .map(LayeredDefaults::fileKey).filter(key -> !key.equals(fileKey(command.findOption(CONFIG_OPTION))))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ParameterException(command.commandLine(), "the configuration file " + path + " names unknown options "
                    + unknown + "; known: " + known);
        }
        return properties.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, properties::getProperty));
    }
}
