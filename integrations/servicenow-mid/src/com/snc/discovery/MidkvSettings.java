package com.snc.discovery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The agent address and the time-out, each taken from the first layer that sets it.
 *
 * <p>Layers, first found wins: the {@code ext.cred.*} parameters handed to
 * {@link CredentialResolver#config}, Java system properties (the MID's
 * {@code wrapper-override.conf}), environment variables, the parameters in {@code config.xml} of
 * the working directory, then the defaults. An empty value counts as unset; a value that is set but
 * invalid is an error, never skipped.
 *
 * @param address where the agent listens
 * @param timeout the deadline for one whole exchange with the agent
 * @param timeoutSource which layer supplied the time-out, used in messages
 */
record MidkvSettings(MidkvAgentAddress address, Duration timeout, String timeoutSource) {
    static final String DEFAULT_SOCKET = "/run/midkv/agent.sock";
    static final long DEFAULT_TIMEOUT_SECONDS = 75;
    static final long MAX_TIMEOUT_SECONDS = 600;

    /**
     * Resolves both settings.
     *
     * @param parameters what the MID passed to {@code config()}; empty on MIDs that never call it
     * @param properties looks up a system property, {@code null} when unset
     * @param environment looks up an environment variable, {@code null} when unset
     * @param workingDirectory where the MID keeps {@code config.xml}
     */
    static MidkvSettings resolve(
        Map<String, String> parameters,
        UnaryOperator<String> properties,
        UnaryOperator<String> environment,
        Path workingDirectory
    ) {
        Layers layers = new Layers(parameters, properties, environment, workingDirectory.resolve("config.xml"));
        Found socket = layers.find(
            CredentialResolver.PARAM_SOCKET, CredentialResolver.PROPERTY_SOCKET, CredentialResolver.ENV_SOCKET);
        Found timeout = layers.find(
            CredentialResolver.PARAM_TIMEOUT, CredentialResolver.PROPERTY_TIMEOUT, CredentialResolver.ENV_TIMEOUT);

        MidkvAgentAddress address = socket == null
            ? MidkvAgentAddress.parse(DEFAULT_SOCKET, "default")
            : MidkvAgentAddress.parse(socket.value(), socket.source());
        return timeout == null
            ? new MidkvSettings(address, Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), "default")
            : new MidkvSettings(address, parseTimeout(timeout), timeout.source());
    }

    private static Duration parseTimeout(Found found) {
        String text = found.value().trim();
        if (text.matches("[0-9]{1,4}")) {
            long seconds = Long.parseLong(text);
            if (seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        }
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        throw new MidkvResolverException(
            "config.invalid-value",
            "The agent time-out \"" + shown + "\" (" + found.source() + ") is not a whole number of seconds"
                + " from 1 to " + MAX_TIMEOUT_SECONDS + ".",
            "Set it to a whole number of seconds below 90, the MID Server's Test Credential limit, or remove"
                + " it to use " + DEFAULT_TIMEOUT_SECONDS + ".",
            null);
    }

    private record Found(String value, String source) {}

    /** The lookup order, with config.xml read at most once and only when needed. */
    private static final class Layers {
        private final Map<String, String> parameters;
        private final UnaryOperator<String> properties;
        private final UnaryOperator<String> environment;
        private final Path configFile;
        private Map<String, String> configValues;

        Layers(
            Map<String, String> parameters,
            UnaryOperator<String> properties,
            UnaryOperator<String> environment,
            Path configFile
        ) {
            this.parameters = parameters;
            this.properties = properties;
            this.environment = environment;
            this.configFile = configFile;
        }

        Found find(String parameter, String property, String variable) {
            List<Supplier<Found>> layers = List.of(
                () -> first(parameters.get(parameter), "config() parameter " + parameter),
                () -> first(properties.apply(property), "system property " + property),
                () -> first(environment.apply(variable), "environment variable " + variable),
                () -> first(configValues().get(parameter), "parameter " + parameter + " in " + configFile));

            for (Supplier<Found> layer : layers) {
                Found found = layer.get();
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        private static Found first(String value, String source) {
            return value == null || value.isBlank() ? null : new Found(value.trim(), source);
        }

        private Map<String, String> configValues() {
            if (configValues == null) {
                configValues = MidkvConfigXml.readParameters(configFile);
            }
            return configValues;
        }
    }
}
