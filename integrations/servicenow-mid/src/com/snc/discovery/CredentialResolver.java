package com.snc.discovery;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MID Server's external credential resolver for midkv.
 *
 * <p>The MID Server loads this class by name, then calls {@link #resolve} for each credential whose
 * record points at an external store. The class asks the local midkv agent for the credential over
 * a Unix domain socket ({@code POST /v1/resolve}); the agent does authentication, Key Vault calls
 * and caching. Nothing is kept here between calls, and no credential value ever appears in an
 * exception message.
 *
 * <p>Failures are thrown as {@link MidkvResolverException}, whose message starts with
 * {@code midkv [code]} and ends with the fix.
 */
public class CredentialResolver {
    /** Input key: the Credential ID typed on the credential record. */
    public static final String ARG_ID = "id";
    /** Input key: the credential type, such as {@code ssh_private_key}. */
    public static final String ARG_TYPE = "type";
    /** Input key: the target's IP address, possibly empty. */
    public static final String ARG_IP = "ip";
    /** Input key: the name of the MID Server asking. */
    public static final String ARG_MID = "mid";

    /** Output key: user name. */
    public static final String VAL_USER = "user";
    /** Output key: password. */
    public static final String VAL_PSWD = "pswd";
    /** Output key: private key pass phrase. */
    public static final String VAL_PASSPHRASE = "passphrase";
    /** Output key: private key. */
    public static final String VAL_PKEY = "pkey";
    /** Output key: SNMPv3 authentication protocol. */
    public static final String VAL_AUTHPROTO = "authprotocol";
    /** Output key: SNMPv3 authentication key. */
    public static final String VAL_AUTHKEY = "authkey";
    /** Output key: SNMPv3 privacy protocol. */
    public static final String VAL_PRIVPROTO = "privprotocol";
    /** Output key: SNMPv3 privacy key. */
    public static final String VAL_PRIVKEY = "privkey";
    /** Output key: SNMPv3 context name. */
    public static final String VAL_CONTEXT = "contextname";

    /** The resolver API version reported to the MID Server, which accepts up to 1.1. */
    public static final String API_VERSION = "1.0";

    /** The prefix of every {@code config()} and config.xml parameter this resolver reads. */
    public static final String PARAM_PREFIX = "ext.cred.midkv.";
    /** {@code config()} and config.xml parameter naming the agent address. */
    public static final String PARAM_SOCKET = "ext.cred.midkv.socket";
    /** System property naming the agent address, set in the MID's wrapper-override.conf. */
    public static final String PROPERTY_SOCKET = "midkv.socket";
    /** Environment variable naming the agent address. */
    public static final String ENV_SOCKET = "MIDKV_SOCKET";
    /** {@code config()} and config.xml parameter: seconds allowed for one resolve, default 75. */
    public static final String PARAM_TIMEOUT = "ext.cred.midkv.timeout_seconds";
    /** System property: seconds allowed for one resolve. */
    public static final String PROPERTY_TIMEOUT = "midkv.timeout.seconds";
    /** Environment variable: seconds allowed for one resolve. */
    public static final String ENV_TIMEOUT = "MIDKV_TIMEOUT_SECONDS";

    private static final String FIX_ID =
        "Fill in the Credential ID on the credential record (External credential store selected), then"
            + " test the credential again.";
    private static final String FIX_TYPE =
        "Check that the credential record has a type, then test the credential again.";

    private Map<String, String> parameters = Map.of();
    private MidkvSettings settings;

    /** Creates a resolver; the MID Server does this through reflection. */
    public CredentialResolver() {}

    /**
     * Takes the {@code ext.cred.*} parameters that newer MID Servers hand over before resolving.
     *
     * <p>Only the {@code ext.cred.midkv.*} ones are kept; those of other integrations may hold
     * their secrets.
     *
     * @param params parameter values by name; {@code null} clears them
     */
    public synchronized void config(Map<String, String> params) {
        parameters = ownParameters(params);
        settings = null;
    }

    /**
     * Resolves one credential through the midkv agent.
     *
     * @param args the MID's request: {@code id} and {@code type} (required), {@code ip}, {@code mid}
     * @return the fields the agent returned, such as {@code user} and {@code pswd}
     * @throws MidkvResolverException with code {@code resolver.invalid-request}, {@code config.*},
     *     {@code agent.unreachable}, {@code agent.timeout}, {@code agent.protocol}, or the agent's own
     *     code such as {@code vault.secret-not-found}
     */
    public Map<String, String> resolve(Map<String, String> args) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put(ARG_ID, required(args, ARG_ID, "credential id", FIX_ID));
        request.put(ARG_TYPE, required(args, ARG_TYPE, "credential type", FIX_TYPE));
        request.put(ARG_IP, optional(args, ARG_IP));
        request.put(ARG_MID, optional(args, ARG_MID));

        MidkvSettings current = settings();
        MidkvAgentClient client = new MidkvAgentClient(current.address(), current.timeout(), current.timeoutSource());
        MidkvHttpResponse response = client.post("/v1/resolve", MidkvJson.encodeObject(request));
        return MidkvAgentReply.credential(response, client);
    }

    /** Returns the resolver API version, {@value #API_VERSION}. */
    public String getVersion() {
        return API_VERSION;
    }

    /** Resolves the settings once per configuration; a failure is retried on the next call. */
    private synchronized MidkvSettings settings() {
        if (settings == null) {
            settings = MidkvSettings.resolve(
                parameters, System::getProperty, System::getenv, Path.of(System.getProperty("user.dir")));
        }
        return settings;
    }

    /** Copies the midkv parameters, tolerating the odd key or value types a raw map may hold. */
    private static Map<String, String> ownParameters(Map<?, ?> params) {
        Map<String, String> own = new HashMap<>();
        if (params != null) {
            for (Map.Entry<?, ?> entry : params.entrySet()) {
                String name = String.valueOf(entry.getKey());
                if (name.startsWith(PARAM_PREFIX) && entry.getValue() != null) {
                    own.put(name, entry.getValue().toString());
                }
            }
        }
        return Map.copyOf(own);
    }

    private static String required(Map<?, ?> args, String key, String what, String fix) {
        String value = optional(args, key);
        if (value.isBlank()) {
            throw new MidkvResolverException(
                "resolver.invalid-request",
                "The MID Server asked for a credential without a " + what + " (input key \"" + key + "\").",
                fix,
                null);
        }
        return value;
    }

    private static String optional(Map<?, ?> args, String key) {
        Object value = args == null ? null : args.get(key);
        return value == null ? "" : value.toString();
    }
}
