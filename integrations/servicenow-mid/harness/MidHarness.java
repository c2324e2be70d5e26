import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a credential resolver JAR the way a MID Server's legacy path does, resolves credentials
 * with it, and prints what came back with every secret value redacted.
 *
 * <pre>
 * java MidHarness --jar RESOLVER.jar [--socket PATH] [--ext-param NAME=VALUE]... [--ip IP] [--mid NAME]
 *                 ID:TYPE [--expect-keys K1,K2 | --expect-error CODE]...
 * </pre>
 *
 * <p>{@code --socket} sets the {@code midkv.socket} system property, as wrapper-override.conf does.
 * {@code --ext-param} values go to {@code config(Map)} when the class has it, as newer MIDs do.
 * The type is sent after the MID's legacy fix-up ({@code ssh} becomes {@code ssh_password}).
 * Exit status: 0 when every credential met its expectation (success when none is given), 1 on
 * any mismatch or load failure, 64 on bad usage.
 */
public final class MidHarness {
    private static final String CLASS_NAME = "com.snc.discovery.CredentialResolver";
    private static final String MID_API_VERSION = "1.1";
    private static final String PROBLEM = "Problem with client's CredentialResolver: ";
    private static final List<String> KEY_ORDER = List.of(
        "user", "pswd", "passphrase", "pkey", "authprotocol", "authkey", "privprotocol", "privkey", "contextname");
    private static final List<String> SHOWN_KEYS = List.of("user", "authprotocol", "privprotocol", "contextname");
    private static final Pattern CODE = Pattern.compile("^midkv \\[([^\\]]+)\\]");

    private record Credential(String id, String type, List<String> expectedKeys, String expectedError) {}

    private MidHarness() {}

    public static void main(String[] arguments) throws Exception {
        Options options;
        try {
            options = Options.parse(arguments);
        } catch (IllegalArgumentException usage) {
            System.err.println("usage error: " + usage.getMessage());
            System.exit(64);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    private static boolean run(Options options) throws Exception {
        if (options.socket != null) {
            System.setProperty("midkv.socket", options.socket);
        }
        URL jar = options.jar.toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar}, MidHarness.class.getClassLoader())) {
            Object resolver;
            Method resolve;
            try {
                Class<?> type = Class.forName(CLASS_NAME, true, loader);
                resolver = type.getDeclaredConstructor().newInstance();
                resolve = type.getMethod("resolve", Map.class);
                boolean versionOk = checkVersion(type.getMethod("getVersion").invoke(resolver));
                configure(type, resolver, options.extParams);
                return resolveAll(resolver, resolve, options) && versionOk;
            } catch (ReflectiveOperationException | LinkageError failure) {
                System.out.println(PROBLEM + "cannot load " + CLASS_NAME + " from " + options.jar + ": "
                    + messageOf(failure));
                return false;
            }
        }
    }

    /** Accepts the version when it is not above the MID's, comparing dotted parts as numbers. */
    private static boolean checkVersion(Object reported) {
        String version = String.valueOf(reported);
        boolean supported = compareVersions(version, MID_API_VERSION) <= 0;
        System.out.println("loaded " + CLASS_NAME + ", API version " + version
            + (supported ? " (accepted" : " (REJECTED") + ", MID supports up to " + MID_API_VERSION + ")");
        return supported;
    }

    private static int compareVersions(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int difference = Integer.compare(part(a, i), part(b, i));
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    private static int part(String[] parts, int index) {
        if (index >= parts.length) {
            return 0;
        }
        return parts[index].matches("[0-9]{1,9}") ? Integer.parseInt(parts[index]) : Integer.MAX_VALUE;
    }

    private static void configure(Class<?> type, Object resolver, Map<String, String> extParams)
        throws ReflectiveOperationException {
        if (extParams.isEmpty()) {
            return;
        }
        try {
            type.getMethod("config", Map.class).invoke(resolver, new HashMap<>(extParams));
        } catch (NoSuchMethodException absent) {
            System.out.println("the resolver has no config(Map); --ext-param ignored");
        }
    }

    private static boolean resolveAll(Object resolver, Method resolve, Options options)
        throws IllegalAccessException {
        boolean allMet = true;
        for (Credential credential : options.credentials) {
            Map<String, String> args = new HashMap<>();
            args.put("id", credential.id());
            args.put("type", credential.type());
            args.put("ip", options.ip);
            args.put("mid", options.mid);
            allMet &= report(credential, invoke(resolver, resolve, args));
        }
        return allMet;
    }

    /** Returns the resolved map, or the message the MID would log after its prefix. */
    private static Object invoke(Object resolver, Method resolve, Map<String, String> args)
        throws IllegalAccessException {
        try {
            Object result = resolve.invoke(resolver, args);
            return result == null ? "resolve() returned null" : result;
        } catch (InvocationTargetException thrown) {
            return messageOf(thrown.getCause());
        }
    }

    private static boolean report(Credential credential, Object outcome) {
        String prefix = credential.id() + " " + credential.type() + " -> ";
        if (outcome instanceof Map<?, ?> fields) {
            System.out.println(prefix + describe(fields));
            return expectKeys(credential, new TreeSet<>(stringKeys(fields)));
        }
        String message = String.valueOf(outcome);
        System.out.println(prefix + PROBLEM + message);
        return expectError(credential, message);
    }

    private static boolean expectKeys(Credential credential, TreeSet<String> actual) {
        if (credential.expectedError() != null) {
            return mismatch("expected error " + credential.expectedError() + " but the credential resolved");
        }
        if (credential.expectedKeys() == null || actual.equals(new TreeSet<>(credential.expectedKeys()))) {
            return true;
        }
        return mismatch("expected keys " + String.join(",", new TreeSet<>(credential.expectedKeys()))
            + " but got " + String.join(",", actual));
    }

    private static boolean expectError(Credential credential, String message) {
        Matcher code = CODE.matcher(message);
        String actual = code.find() ? code.group(1) : "(no midkv code)";
        if (credential.expectedError() == null) {
            return mismatch("expected the credential to resolve");
        }
        if (actual.equals(credential.expectedError())) {
            return true;
        }
        return mismatch("expected error " + credential.expectedError() + " but got " + actual);
    }

    private static boolean mismatch(String what) {
        System.out.println("  MISMATCH: " + what);
        return false;
    }

    /** Lists the keys in the MID's order, showing only values that are not secret. */
    private static String describe(Map<?, ?> fields) {
        List<String> keys = new ArrayList<>(stringKeys(fields));
        keys.sort(Comparator.comparingInt(MidHarness::rank).thenComparing(Comparator.naturalOrder()));
        if (keys.isEmpty()) {
            return "(no keys)";
        }

        List<String> parts = new ArrayList<>();
        for (String key : keys) {
            String value = String.valueOf(fields.get(key));
            parts.add(key + "=" + (SHOWN_KEYS.contains(key) ? value : "<redacted " + value.length() + " chars>"));
        }
        return String.join(" ", parts);
    }

    private static int rank(String key) {
        int index = KEY_ORDER.indexOf(key);
        return index < 0 ? KEY_ORDER.size() : index;
    }

    private static List<String> stringKeys(Map<?, ?> fields) {
        List<String> keys = new ArrayList<>();
        fields.keySet().forEach(key -> keys.add(String.valueOf(key)));
        return keys;
    }

    private static String messageOf(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
    }

    /** The MID's legacy fix-up of credential type names before calling a resolver. */
    private static String legacyType(String type) {
        return switch (type) {
            case "ssh" -> "ssh_password";
            case "ssh_private_key,ssh_public_key" -> "ssh_private_key";
            default -> type;
        };
    }

    /** Parsed command line. */
    private static final class Options {
        Path jar;
        String socket;
        String ip = "";
        String mid = "";
        final Map<String, String> extParams = new LinkedHashMap<>();
        final List<Credential> credentials = new ArrayList<>();

        static Options parse(String[] arguments) {
            Options options = new Options();
            List<String> queue = new ArrayList<>(Arrays.asList(arguments));
            while (!queue.isEmpty()) {
                options.take(queue.remove(0), queue);
            }
            if (options.jar == null || !Files.isRegularFile(options.jar)) {
                throw new IllegalArgumentException("--jar must name the resolver JAR file");
            }
            if (options.credentials.isEmpty()) {
                throw new IllegalArgumentException("name at least one credential as ID:TYPE");
            }
            return options;
        }

        private void take(String argument, List<String> rest) {
            switch (argument) {
                case "--jar" -> jar = Path.of(value(argument, rest));
                case "--socket" -> socket = value(argument, rest);
                case "--ip" -> ip = value(argument, rest);
                case "--mid" -> mid = value(argument, rest);
                case "--ext-param" -> addExtParam(value(argument, rest));
                case "--expect-keys" -> expect(List.of(value(argument, rest).split(",")), null);
                case "--expect-error" -> expect(null, value(argument, rest));
                default -> addCredential(argument);
            }
        }

        private void addExtParam(String assignment) {
            int equals = assignment.indexOf('=');
            if (equals < 0 || !assignment.startsWith("ext.cred.")) {
                throw new IllegalArgumentException("--ext-param takes ext.cred.NAME=VALUE");
            }
            extParams.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        }

        private void addCredential(String argument) {
            int colon = argument.lastIndexOf(':');
            if (argument.startsWith("--") || colon <= 0 || colon == argument.length() - 1) {
                throw new IllegalArgumentException("unknown option or not ID:TYPE: " + argument);
            }
            String type = legacyType(argument.substring(colon + 1));
            credentials.add(new Credential(argument.substring(0, colon), type, null, null));
        }

        private void expect(List<String> keys, String error) {
            if (credentials.isEmpty()) {
                throw new IllegalArgumentException("an expectation must follow the ID:TYPE it is about");
            }
            Credential last = credentials.remove(credentials.size() - 1);
            credentials.add(new Credential(last.id(), last.type(), keys, error));
        }

        private static String value(String option, List<String> rest) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return rest.remove(0);
        }
    }
}
