import com.snc.discovery.CredentialResolver;
import com.snc.discovery.MidkvResolverException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tests of the resolver JAR against a stub agent, run without any test framework.
 *
 * <p>Expects the system properties {@code midkv.test.jar} (the resolver JAR) and
 * {@code midkv.test.harness} (the compiled harness). Prints one line per case and a closing
 * {@code ResolverTest: N passed, M failed}; exits 1 on any failure.
 */
public final class ResolverTest {
    private record Case(String name, Check.Body body) {}

    private ResolverTest() {}

    public static void main(String[] arguments) {
        List<Case> cases = new ArrayList<>(List.of(
            new Case("ssh_private_key resolves with its multi-line PEM key intact", ResolverTest::privateKey),
            new Case("the request is one POST /v1/resolve with the exact JSON body", ResolverTest::requestBytes),
            new Case("each type returns exactly the keys the agent sent", ResolverTest::keysPerType),
            new Case("quotes, backslashes, unicode and a final newline round-trip byte-exact", ResolverTest::tricky),
            new Case("ids with quotes and unicode are escaped in the request", ResolverTest::escapedRequest),
            new Case("chunked and trickled replies are read whole", ResolverTest::framing),
            new Case("a 200 KB private key resolves", ResolverTest::largeValue),
            new Case("several threads resolve at once", ResolverTest::concurrent),
            new Case("an agent error carries the agent's code, evidence and fix", ResolverTest::agentError),
            new Case("a reply that is not JSON is agent.protocol and is not quoted", ResolverTest::notJson),
            new Case("an error status without a midkv error is agent.protocol", ResolverTest::foreignError),
            new Case("a non-string credential value is agent.protocol naming the key only", ResolverTest::wrongType),
            new Case("a reply cut short or not UTF-8 is agent.protocol", ResolverTest::truncated),
            new Case("an oversized or deeply nested reply is agent.protocol", ResolverTest::oversized),
            new Case("a missing socket is agent.unreachable naming the path and the fix", ResolverTest::missing),
            new Case("a socket nobody listens on is agent.unreachable", ResolverTest::refused),
            new Case("a slow agent runs into the configured time-out", ResolverTest::slow),
            new Case("a time-out that is not 1 to 600 seconds is config.invalid-value", ResolverTest::badTimeout),
            new Case("only loopback TCP addresses are accepted, and they work", ResolverTest::tcp),
            new Case("missing or empty id and type are refused before any request", ResolverTest::missingInput),
            new Case("the MID's reflection finds resolve(Map) and getVersion() <= 1.1", ResolverTest::reflection),
            new Case("a config() parameter wins over the system property", ResolverTest::configBeatsProperty),
            new Case("config() keeps midkv parameters only and ignores null values", ResolverTest::configFilter)));
        ProcessCases.all().forEach((name, body) -> cases.add(new Case(name, body)));
        System.exit(run(cases) ? 0 : 1);
    }

    private static boolean run(List<Case> cases) {
        int passed = 0;
        int failed = 0;
        for (Case test : cases) {
            try {
                test.body().run();
                System.out.println("ok    " + test.name());
                passed++;
            } catch (Throwable failure) {
                System.out.println("FAIL  " + test.name() + ": " + failure);
                failed++;
            }
        }
        System.out.println("ResolverTest: " + passed + " passed, " + failed + " failed");
        return failed == 0;
    }

    // Successful resolution.

    private static void privateKey() throws Exception {
        String json = "{\"credential\":{\"user\":\"svc-disc\",\"pkey\":" + quote(StubAgent.pemKey())
            + ",\"passphrase\":\"CANARY-phrase\"}}";
        try (Stub stub = Stub.replying(StubAgent.Reply.json(200, json))) {
            Map<String, String> credential = stub.resolver().resolve(Check.args("linux-root-ssh", "ssh_private_key"));

            Check.that(credential instanceof HashMap, "result is a HashMap");
            Check.keys(credential, "user", "pkey", "passphrase");
            Check.equal("svc-disc", credential.get("user"), "user");
            Check.sameSecret(StubAgent.pemKey(), credential.get("pkey"), "pkey");
            Check.sameSecret("CANARY-phrase", credential.get("passphrase"), "passphrase");
        }
    }

    private static void requestBytes() throws Exception {
        try (Stub stub = Stub.replying(StubAgent.Reply.json(200, "{\"credential\":{\"user\":\"u\"}}"))) {
            stub.resolver().resolve(Check.args("linux-root-ssh", "ssh_private_key"));

            Check.equal(1, stub.agent.requests().size(), "requests");
            StubAgent.Request request = stub.agent.requests().get(0);
            Check.equal("POST /v1/resolve HTTP/1.1", request.requestLine(), "request line");
            Check.equal("application/json", request.header("Content-Type"), "Content-Type");
            Check.equal(String.valueOf(request.body().length), request.header("Content-Length"), "Content-Length");
            Check.equal("{\"id\":\"linux-root-ssh\",\"type\":\"ssh_private_key\",\"ip\":\"10.20.30.40\","
                + "\"mid\":\"mid-lab-01\"}", request.bodyText(), "body");
        }
    }

    private static void keysPerType() throws Exception {
        StubAgent.Handler byType = request -> StubAgent.Reply.json(200, switch (typeOf(request)) {
            case "ssh_password" -> "{\"credential\":{\"user\":\"root\",\"pswd\":\"CANARY-1\"}}";
            case "windows" -> "{\"credential\":{\"user\":\"CORP\\\\svc\",\"pswd\":\"CANARY-2\",\"passphrase\":null}}";
            default -> "{\"credential\":{\"user\":\"snmp\",\"authprotocol\":\"SHA\",\"authkey\":\"CANARY-3\","
                + "\"privprotocol\":\"AES128\",\"privkey\":\"CANARY-4\",\"contextname\":\"core\"}}";
        });
        try (Stub stub = Stub.handling(byType)) {
            CredentialResolver resolver = stub.resolver();
            Check.keys(resolver.resolve(Check.args("a", "ssh_password")), "user", "pswd");
            Map<String, String> windows = resolver.resolve(Check.args("b", "windows"));
            Check.keys(windows, "user", "pswd");
            Check.equal("CORP\\svc", windows.get("user"), "windows user");
            Check.keys(resolver.resolve(Check.args("c", "snmpv3")),
                "user", "authprotocol", "authkey", "privprotocol", "privkey", "contextname");
        }
    }

    private static void tricky() throws Exception {
        String expected = "CANARY \"q\" \\b\\ caf\u00e9 \u00fc \ud83d\udd11 \t\u0001 /end\n";
        String escaped = "\"CANARY \\\"q\\\" \\\\b\\\\ caf\\u00e9 \\u00FC \\ud83d\\udd11 \\t\\u0001 \\/end\\n\"";
        String raw = "\"CANARY \\\"q\\\" \\\\b\\\\ caf\u00e9 \u00fc \ud83d\udd11 \\t\\u0001 /end\\n\"";
        String json = "{\"credential\":{\"pswd\":" + escaped + ",\"pkey\":" + raw + "}}";
        try (Stub stub = Stub.replying(StubAgent.Reply.json(200, json))) {
            Map<String, String> credential = stub.resolver().resolve(Check.args("x", "ssh_password"));

            Check.sameSecret(expected, credential.get("pswd"), "pswd (escaped form)");
            Check.sameSecret(expected, credential.get("pkey"), "pkey (raw UTF-8 form)");
        }
    }

    private static void escapedRequest() throws Exception {
        try (Stub stub = Stub.replying(StubAgent.Reply.json(200, "{\"credential\":{}}"))) {
            String id = "kv/\"odd\"\\n\u00e9\ud83d\udd11\t";
            Map<String, String> result = stub.resolver().resolve(Check.args(id, "ssh"));

            Check.keys(result);
            Check.equal("{\"id\":\"kv/\\\"odd\\\"\\\\n\\u00e9\\ud83d\\udd11\\t\",\"type\":\"ssh\","
                + "\"ip\":\"10.20.30.40\",\"mid\":\"mid-lab-01\"}", stub.agent.requests().get(0).bodyText(), "body");
        }
    }

    private static void framing() throws Exception {
        String json = "{\"credential\":{\"user\":\"svc\",\"pkey\":" + quote(StubAgent.pemKey()) + "}}";
        List<StubAgent.Reply> replies = List.of(
            StubAgent.Reply.chunked(200, json, 7),
            StubAgent.Reply.trickle(StubAgent.Reply.json(200, json), 3),
            StubAgent.Reply.trickle(StubAgent.Reply.chunked(200, json, 100), 5));
        for (StubAgent.Reply reply : replies) {
            try (Stub stub = Stub.replying(reply)) {
                Map<String, String> credential = stub.resolver().resolve(Check.args("x", "ssh_private_key"));
                Check.keys(credential, "user", "pkey");
                Check.sameSecret(StubAgent.pemKey(), credential.get("pkey"), "pkey");
            }
        }
    }

    private static void largeValue() throws Exception {
        String big = "CANARY-" + "0123456789abcdef".repeat(200 * 64) + "\n";
        try (Stub stub = Stub.replying(StubAgent.Reply.json(200, "{\"credential\":{\"pkey\":" + quote(big) + "}}"))) {
            Check.sameSecret(big, stub.resolver().resolve(Check.args("x", "ssh_private_key")).get("pkey"), "pkey");
        }
    }

    private static void concurrent() throws Exception {
        StubAgent.Handler echo = request -> StubAgent.Reply.json(200,
            "{\"credential\":{\"user\":" + quote(idOf(request)) + "}}");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Stub stub = Stub.handling(echo)) {
            CredentialResolver resolver = stub.resolver();
            List<Future<String>> users = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "cred-" + i;
                users.add(pool.submit(() -> resolver.resolve(Check.args(id, "windows")).get("user")));
            }
            for (int i = 0; i < 40; i++) {
                Check.equal("cred-" + i, users.get(i).get(), "user of request " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // Failures reported by the agent or caused by its reply.

    private static void agentError() throws Exception {
        String json = "{\"error\":{\"code\":\"vault.secret-not-found\",\"message\":\"No secret named 'linux-ssh'"
            + " in vault kv-prod-01.\",\"fix\":\"Create the secret or correct the Credential ID.\",\"evidence\":["
            + "{\"label\":\"vault\",\"value\":\"kv-prod-01\"},{\"label\":\"status\",\"value\":\"404\"}],"
            + "\"debug\":\"CANARY-not-for-logs\"}}";
        try (Stub stub = Stub.replying(StubAgent.Reply.json(404, json))) {
            MidkvResolverException failure = Check.fails("vault.secret-not-found",
                () -> stub.resolver().resolve(Check.args("linux-ssh", "ssh_password")));

            Check.equal("midkv [vault.secret-not-found] No secret named 'linux-ssh' in vault kv-prod-01."
                + " (vault: kv-prod-01; status: 404) Fix: Create the secret or correct the Credential ID.",
                failure.getMessage(), "message");
            Check.equal("Create the secret or correct the Credential ID.", failure.getFix(), "fix");
        }
    }

    private static void notJson() throws Exception {
        byte[] body = "<html>CANARY-secret in a proxy page</html>".getBytes(StandardCharsets.UTF_8);
        try (Stub stub = Stub.replying(StubAgent.Reply.raw(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length + "\r\n\r\n", body))) {
            MidkvResolverException failure = Check.fails("agent.protocol",
                () -> stub.resolver().resolve(Check.args("x", "windows")));

            Check.contains(failure.getMessage(), stub.address, "names the agent");
            Check.contains(failure.getMessage(), "not JSON", "says why");
            Check.contains(failure.getMessage(), "text/html", "names the content type");
        }
    }

    private static void foreignError() throws Exception {
        byte[] body = "<h1>502 Bad Gateway</h1> CANARY".getBytes(StandardCharsets.UTF_8);
        try (Stub stub = Stub.replying(StubAgent.Reply.raw(
            "HTTP/1.1 502 Bad Gateway\r\nContent-Length: " + body.length + "\r\n\r\n", body))) {
            MidkvResolverException failure = Check.fails("agent.protocol",
                () -> stub.resolver().resolve(Check.args("x", "windows")));

            Check.contains(failure.getMessage(), "HTTP 502 without a midkv error", "says what came back");
        }
    }

    private static void wrongType() throws Exception {
        String json = "{\"credential\":{\"user\":\"u\",\"pswd\":987654321}}";
        try (Stub stub = Stub.replying(StubAgent.Reply.json(200, json))) {
            MidkvResolverException failure = Check.fails("agent.protocol",
                () -> stub.resolver().resolve(Check.args("x", "windows")));

            Check.contains(failure.getMessage(), "\"pswd\" is not a string", "names the field");
            Check.that(!failure.getMessage().contains("987654321"), "does not quote the value");
        }
    }

    private static void truncated() throws Exception {
        byte[] partial = "{\"credential\":{\"pswd\":\"CANARY".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "{\"credential\":{\"pswd\":\"CANARY-\u00e9\"}}".getBytes(StandardCharsets.ISO_8859_1);
        List<StubAgent.Reply> replies = List.of(
            StubAgent.Reply.raw("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n", partial),
            StubAgent.Reply.raw("HTTP/1.1 200 OK\r\nContent-Length: 900\r\n", new byte[0]),
            StubAgent.Reply.raw("", new byte[0]),
            StubAgent.Reply.raw("HTTP/1.1 200 OK\r\nContent-Length: " + latin1.length + "\r\n\r\n", latin1),
            StubAgent.Reply.raw("SSH-2.0-OpenSSH_9.2\r\n", new byte[0]));
        for (StubAgent.Reply reply : replies) {
            try (Stub stub = Stub.replying(reply)) {
                Check.fails("agent.protocol", () -> stub.resolver().resolve(Check.args("x", "windows")));
            }
        }
    }

    private static void oversized() throws Exception {
        String huge = "{\"credential\":{\"pkey\":\"CANARY" + "x".repeat(1024 * 1024) + "\"}}";
        String deep = "{\"credential\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        List<StubAgent.Reply> replies = List.of(
            StubAgent.Reply.json(200, huge),
            StubAgent.Reply.chunked(200, huge, 64 * 1024),
            StubAgent.Reply.raw("HTTP/1.1 200 OK\r\n\r\n", huge.getBytes(StandardCharsets.UTF_8)),
            StubAgent.Reply.json(200, deep));
        for (StubAgent.Reply reply : replies) {
            try (Stub stub = Stub.replying(reply)) {
                Check.fails("agent.protocol", () -> stub.resolver().resolve(Check.args("x", "windows")));
            }
        }
    }

    // Failures to reach the agent.

    private static void missing() throws Exception {
        Path folder = Check.tempDirectory();
        try {
            String socket = folder.resolve("agent.sock").toString();
            MidkvResolverException failure = Check.fails("agent.unreachable",
                () -> Check.resolver(socket).resolve(Check.args("x", "windows")));

            Check.contains(failure.getMessage(), "at " + socket + " (config() parameter ext.cred.midkv.socket)",
                "names the path and where it came from");
            Check.contains(failure.getMessage(), "the socket file does not exist", "says why");
            Check.contains(failure.getFix(), "systemctl start midkv-agent", "says how to start the agent");
            Check.contains(failure.getFix(), "ext.cred.midkv.socket", "names the path parameter");
            Check.contains(failure.getFix(), "-Dmidkv.socket", "names the system property");
            Check.contains(failure.getFix(), "group", "mentions the socket group");
        } finally {
            Check.deleteTree(folder);
        }
    }

    private static void refused() throws Exception {
        Path folder = Check.tempDirectory();
        try {
            Path socket = folder.resolve("agent.sock");
            try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                gone.bind(UnixDomainSocketAddress.of(socket));
            }
            MidkvResolverException failure = Check.fails("agent.unreachable",
                () -> Check.resolver(socket.toString()).resolve(Check.args("x", "windows")));

            Check.contains(failure.getMessage(), "nothing is listening there", "says why");
        } finally {
            Check.deleteTree(folder);
        }
    }

    private static void slow() throws Exception {
        try (Stub stub = Stub.replying(StubAgent.Reply.hang())) {
            MidkvResolverException failure = Check.fails("agent.timeout", () -> Check.resolver(stub.address,
                "ext.cred.midkv.timeout_seconds", "1").resolve(Check.args("x", "windows")));

            Check.contains(failure.getMessage(), "did not answer within 1 second (time-out from config() parameter"
                + " ext.cred.midkv.timeout_seconds)", "names the limit and its source");
            Check.contains(failure.getFix(), "journalctl -u midkv-agent", "points at the agent's log");
        }
    }

    private static void badTimeout() throws Exception {
        for (String value : List.of("abc", "0", "601", "-5", "1.5")) {
            MidkvResolverException failure = Check.fails("config.invalid-value", () -> Check.resolver("/nonexistent",
                "ext.cred.midkv.timeout_seconds", value).resolve(Check.args("x", "windows")));
            Check.contains(failure.getMessage(), "\"" + value + "\"", "quotes the bad value");
        }
    }

    private static void tcp() throws Exception {
        List<String> refused = List.of("tcp://10.1.2.3:8080", "tcp://example.com:80", "tcp://localhost:80",
            "tcp://127.0.0.1", "tcp://127.0.0.1:0", "tcp://127.0.0.1:70000", "tcp://999.0.0.1:80", "tcp://[::2]:80",
            "tcp://[zz]:80", "tcp://");
        for (String address : refused) {
            MidkvResolverException failure = Check.fails("config.invalid-value",
                () -> Check.resolver(address).resolve(Check.args("x", "windows")));
            Check.contains(failure.getMessage(), address, "names the address");
        }
        StubAgent.Reply reply = StubAgent.Reply.json(200, "{\"credential\":{\"user\":\"t\"}}");
        try (StubAgent agent = StubAgent.tcp(request -> reply)) {
            Check.equal("t", Check.resolver(agent.address()).resolve(Check.args("x", "windows")).get("user"), "user");
        }
    }

    private static void missingInput() throws Exception {
        try (Stub stub = Stub.replying(StubAgent.Reply.json(200, "{\"credential\":{}}"))) {
            CredentialResolver resolver = stub.resolver();
            Map<String, String> noType = Check.args("x", "windows");
            noType.remove("type");
            Map<String, String> blankId = Check.args("  ", "windows");

            Check.contains(Check.fails("resolver.invalid-request", () -> resolver.resolve(null)).getMessage(),
                "without a credential id", "null map");
            Check.contains(Check.fails("resolver.invalid-request", () -> resolver.resolve(blankId)).getMessage(),
                "without a credential id", "blank id");
            Check.contains(Check.fails("resolver.invalid-request", () -> resolver.resolve(noType)).getMessage(),
                "without a credential type", "missing type");
            Check.equal(0, stub.agent.requests().size(), "requests sent");
        }
    }

    private static void reflection() throws Exception {
        URL jar = Path.of(System.getProperty("midkv.test.jar")).toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar}, null)) {
            Class<?> type = Class.forName("com.snc.discovery.CredentialResolver", true, loader);
            Object resolver = type.getDeclaredConstructor().newInstance();
            Method resolve = type.getMethod("resolve", Map.class);
            Method config = type.getMethod("config", Map.class);

            Check.equal(Map.class, resolve.getReturnType(), "resolve returns a Map");
            Check.equal(void.class, config.getReturnType(), "config returns nothing");
            Check.equal("1.0", type.getMethod("getVersion").invoke(resolver), "version");
            Check.equal("contextname", type.getField("VAL_CONTEXT").get(null), "VAL_CONTEXT");
            Check.equal("id", type.getField("ARG_ID").get(null), "ARG_ID");
        }
    }

    private static void configBeatsProperty() throws Exception {
        StubAgent.Handler ok = request -> StubAgent.Reply.json(200, "{\"credential\":{}}");
        try (Stub fromConfig = Stub.handling(ok); Stub fromProperty = Stub.handling(ok)) {
            System.setProperty("midkv.socket", fromProperty.address);
            fromConfig.resolver().resolve(Check.args("x", "windows"));
            new CredentialResolver().resolve(Check.args("y", "windows"));

            Check.equal(1, fromConfig.agent.requests().size(), "requests to the config() address");
            Check.equal(1, fromProperty.agent.requests().size(), "requests to the system property address");
            Check.contains(fromProperty.agent.requests().get(0).bodyText(), "\"id\":\"y\"", "second request");
        } finally {
            System.clearProperty("midkv.socket");
        }
    }

    private static void configFilter() throws Exception {
        try (Stub stub = Stub.replying(StubAgent.Reply.json(200, "{\"credential\":{\"user\":\"u\"}}"))) {
            Map<String, String> params = new HashMap<>();
            params.put("ext.cred.midkv.socket", stub.address);
            params.put("ext.cred.midkv.timeout_seconds", null);
            params.put("ext.cred.hashicorp.vault.token", "CANARY-other-integration");
            CredentialResolver resolver = new CredentialResolver();
            resolver.config(params);

            Check.equal("u", resolver.resolve(Check.args("x", "windows")).get("user"), "user");
        }
    }

    // Helpers.

    private static String typeOf(StubAgent.Request request) {
        return field(request, "type");
    }

    private static String idOf(StubAgent.Request request) {
        return field(request, "id");
    }

    private static String field(StubAgent.Request request, String name) {
        String body = request.bodyText();
        int start = body.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return body.substring(start, body.indexOf('"', start));
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** A stub agent on a socket in its own temporary folder. */
    static final class Stub implements AutoCloseable {
        final StubAgent agent;
        final String address;
        private final Path folder;

        private Stub(Path folder, StubAgent agent) throws java.io.IOException {
            this.folder = folder;
            this.agent = agent;
            this.address = agent.address();
        }

        static Stub handling(StubAgent.Handler handler) throws java.io.IOException {
            Path folder = Check.tempDirectory();
            return new Stub(folder, StubAgent.unix(folder.resolve("agent.sock"), handler));
        }

        static Stub replying(StubAgent.Reply reply) throws java.io.IOException {
            return handling(request -> reply);
        }

        CredentialResolver resolver() {
            return Check.resolver(address);
        }

        @Override
        public void close() throws java.io.IOException {
            agent.close();
            Check.deleteTree(folder);
        }
    }
}
