import com.snc.discovery.CredentialResolver;
import com.snc.discovery.MidkvResolverException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Assertions and fixtures shared by the resolver tests. Failure messages never print a credential
 * value: they name the field and give lengths or the first differing position instead.
 */
final class Check {
    /** Marks every secret the stub hands out, so output can be scanned for leaks. */
    static final String CANARY = "CANARY";

    private Check() {}

    /** One test case. */
    interface Body {
        void run() throws Exception;
    }

    static void that(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    /** For values that are not secret. */
    static void equal(Object expected, Object actual, String what) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + ": expected <" + expected + "> but got <" + actual + ">");
        }
    }

    static void contains(String text, String part, String what) {
        if (!text.contains(part)) {
            throw new AssertionError(what + ": <" + part + "> not found in <" + text + ">");
        }
    }

    /** Compares two secrets byte for byte in UTF-8 without ever printing them. */
    static void sameSecret(String expected, String actual, String field) {
        that(actual != null, field + " is missing");
        byte[] want = expected.getBytes(StandardCharsets.UTF_8);
        byte[] got = actual.getBytes(StandardCharsets.UTF_8);
        int mismatch = Arrays.mismatch(want, got);
        if (mismatch >= 0 || !expected.equals(actual)) {
            throw new AssertionError(field + " differs at byte " + mismatch + " (expected " + want.length
                + " bytes, got " + got.length + ")");
        }
    }

    static void keys(Map<String, String> credential, String... expected) {
        equal(new TreeSet<>(List.of(expected)), new TreeSet<>(credential.keySet()), "returned keys");
    }

    /** Runs {@code call}, expects a midkv failure with {@code code}, and checks it leaks no canary. */
    static MidkvResolverException fails(String code, Callable<?> call) throws Exception {
        MidkvResolverException failure;
        try {
            Object result = call.call();
            String keys = result instanceof Map<?, ?> map ? String.valueOf(new TreeSet<>(map.keySet())) : "";
            throw new AssertionError("expected " + code + " but the call succeeded " + keys);
        } catch (MidkvResolverException thrown) {
            failure = thrown;
        }
        noCanary(stackTrace(failure), "exception and its causes");
        equal(code, failure.getCode(), "code of <" + failure.getMessage() + ">");
        that(failure.getMessage().startsWith("midkv [" + code + "] "), "message starts with the code");
        return failure;
    }

    static void noCanary(String text, String where) {
        that(!text.contains(CANARY), where + " contains a canary secret");
    }

    static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** A resolver whose {@code config()} received the given {@code ext.cred.*} name/value pairs. */
    static CredentialResolver resolver(String address, String... nameValues) {
        Map<String, String> params = new HashMap<>();
        params.put("ext.cred.midkv.socket", address);
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], nameValues[i + 1]);
        }
        CredentialResolver resolver = new CredentialResolver();
        resolver.config(params);
        return resolver;
    }

    /** The input map a MID builds for one credential. */
    static Map<String, String> args(String id, String type) {
        Map<String, String> args = new HashMap<>();
        args.put("id", id);
        args.put("type", type);
        args.put("ip", "10.20.30.40");
        args.put("mid", "mid-lab-01");
        return args;
    }

    static Path tempDirectory() throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), "midkv-t");
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Exit status and combined output of a finished child process. */
    record Run(int status, String output) {}

    /**
     * Runs the harness in a fresh JVM, in {@code directory}, with MIDKV_* variables removed from the
     * environment and then {@code environment} added.
     */
    static Run harness(Path directory, Map<String, String> environment, List<String> prefix, String... arguments)
        throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(javaExecutable(), "-XX:-UsePerfData", "-cp", System.getProperty("midkv.test.harness"),
            "MidHarness", "--jar", System.getProperty("midkv.test.jar")));
        command.addAll(List.of(arguments));

        Path output = Files.createTempFile("midkv-harness", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("MIDKV_"));
            builder.environment().putAll(environment);
            Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("harness did not finish within 180 seconds");
            }
            return new Run(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
