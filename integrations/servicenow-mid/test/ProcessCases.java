import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cases that need a fresh JVM: environment variables, the working directory's config.xml, another
 * user, and the harness itself, which loads the JAR the way the MID Server does.
 */
final class ProcessCases {
    private static final String DEFAULT_SOCKET = "/run/midkv/agent.sock";

    private ProcessCases() {}

    static Map<String, Check.Body> all() {
        Map<String, Check.Body> cases = new LinkedHashMap<>();
        cases.put("address order: config() > system property > environment > config.xml > default",
            ProcessCases::addressOrder);
        cases.put("config.xml in the working directory sets the time-out", ProcessCases::configXmlTimeout);
        cases.put("a config.xml with a DOCTYPE is refused and nothing in it is expanded", ProcessCases::doctype);
        cases.put("a socket the MID's user may not open is agent.unreachable with the group fix",
            ProcessCases::permissionDenied);
        cases.put("the harness redacts secrets, fixes up legacy types and meets expectations",
            ProcessCases::harnessRedacts);
        cases.put("the harness exits 1 when an expectation is not met", ProcessCases::harnessMismatch);
        return cases;
    }

    private static void addressOrder() throws Exception {
        Path directory = Check.tempDirectory();
        try (ResolverTest.Stub config = named("from-config"); ResolverTest.Stub property = named("from-property");
            ResolverTest.Stub environment = named("from-environment"); ResolverTest.Stub file = named("from-file")) {
            writeConfigXml(directory, "ext.cred.midkv.socket", file.address);
            Map<String, String> env = Map.of("MIDKV_SOCKET", environment.address);

            expectUser("from-config", Check.harness(directory, env, List.of(), "--ext-param",
                "ext.cred.midkv.socket=" + config.address, "--socket", property.address, "x:windows"));
            expectUser("from-property", Check.harness(directory, env, List.of(), "--socket", property.address,
                "x:windows"));
            expectUser("from-environment", Check.harness(directory, env, List.of(), "x:windows"));
            expectUser("from-file", Check.harness(directory, Map.of(), List.of(), "x:windows"));

            Files.delete(directory.resolve("config.xml"));
            if (!Files.exists(Path.of(DEFAULT_SOCKET))) {
                Check.Run fallback = Check.harness(directory, Map.of(), List.of(), "x:windows");
                Check.contains(fallback.output(), "midkv [agent.unreachable] Cannot connect to the midkv agent at "
                    + DEFAULT_SOCKET + " (default)", "default address");
            }
        } finally {
            Check.deleteTree(directory);
        }
    }

    private static void configXmlTimeout() throws Exception {
        Path directory = Check.tempDirectory();
        try (ResolverTest.Stub hanging = ResolverTest.Stub.replying(StubAgent.Reply.hang())) {
            writeConfigXml(directory, "ext.cred.midkv.socket", hanging.address,
                "ext.cred.midkv.timeout_seconds", "1");
            Check.Run run = Check.harness(directory, Map.of(), List.of(), "x:windows",
                "--expect-error", "agent.timeout");

            Check.equal(0, run.status(), "exit status of <" + run.output() + ">");
            Check.contains(run.output(), "did not answer within 1 second (time-out from parameter"
                + " ext.cred.midkv.timeout_seconds in " + directory.resolve("config.xml") + ")", "names the source");
        } finally {
            Check.deleteTree(directory);
        }
    }

    private static void doctype() throws Exception {
        Path directory = Check.tempDirectory();
        try (ResolverTest.Stub target = named("expanded")) {
            Path holder = directory.resolve("holder.txt");
            Path dtd = directory.resolve("defaults.dtd");
            Files.writeString(holder, target.address);
            Files.writeString(dtd, "<!ATTLIST parameter value CDATA \"" + target.address + "\">\n");
            List<String> documents = List.of(
                "<!DOCTYPE parameters [<!ENTITY agent SYSTEM \"" + holder.toUri() + "\">]>\n"
                    + "<parameters><parameter name=\"ext.cred.midkv.socket\" value=\"&agent;\"/></parameters>",
                "<!DOCTYPE parameters SYSTEM \"" + dtd.toUri() + "\">\n"
                    + "<parameters><parameter name=\"ext.cred.midkv.socket\"/></parameters>",
                "<!DOCTYPE parameters [<!ENTITY agent \"" + target.address + "\">]>\n"
                    + "<parameters><parameter name=\"ext.cred.midkv.socket\" value=\"&agent;\"/></parameters>");

            for (String document : documents) {
                Files.writeString(directory.resolve("config.xml"), "<?xml version=\"1.0\"?>\n" + document);
                Check.Run run = Check.harness(directory, Map.of(), List.of(), "x:windows",
                    "--expect-error", "config.unreadable");
                Check.equal(0, run.status(), "exit status of <" + run.output() + ">");
                Check.contains(run.output(), "declares a DOCTYPE, which midkv refuses (line 2,", "says why");
                Check.that(!run.output().contains(target.address), "output names the entity's content");
            }
            Check.equal(0, target.agent.requests().size(), "requests reaching the address hidden in entities");
        } finally {
            Check.deleteTree(directory);
        }
    }

    private static void permissionDenied() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            System.out.println("      (setpriv not found; checking as root is meaningless, case skipped)");
            return;
        }
        try (ResolverTest.Stub stub = named("private")) {
            Path socket = Path.of(stub.address);
            Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString(root ? "rw-rw----" : "---------"));
            List<String> asNobody = root
                ? List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
                : List.of();
            Check.Run run = Check.harness(Path.of("/tmp"), Map.of(), asNobody, "--socket", stub.address,
                "x:windows", "--expect-error", "agent.unreachable");

            Check.equal(0, run.status(), "exit status of <" + run.output() + ">");
            Check.contains(run.output(), "may not open the socket", "says why");
            Check.contains(run.output(), "Fix: Make sure the MID Server's service user is a member of the agent"
                + " socket's group", "puts the group first");
            Check.equal(0, stub.agent.requests().size(), "requests");
        }
    }

    private static void harnessRedacts() throws Exception {
        Path directory = Check.tempDirectory();
        try (ResolverTest.Stub stub = ResolverTest.Stub.handling(StubAgent::canned)) {
            Check.Run run = Check.harness(directory, Map.of(), List.of(), "--socket", stub.address,
                "--mid", "mid-lab-01", "--ip", "10.1.1.1",
                "win-admin:windows", "--expect-keys", "user,pswd",
                "linux-root-ssh:ssh_private_key,ssh_public_key", "--expect-keys", "user,pkey,passphrase",
                "snmp-core:snmpv3", "--expect-keys", "user,authprotocol,authkey,privprotocol,privkey",
                "missing-one:ssh", "--expect-error", "vault.secret-not-found");

            Check.noCanary(run.output(), "harness output");
            Check.equal(0, run.status(), "exit status of <" + run.output() + ">");
            Check.equal(String.join("\n",
                "loaded com.snc.discovery.CredentialResolver, API version 1.0 (accepted, MID supports up to 1.1)",
                "win-admin windows -> user=CORP\\svc-win pswd=<redacted 18 chars>",
                "linux-root-ssh ssh_private_key -> user=svc-disc passphrase=<redacted 13 chars> pkey=<redacted "
                    + StubAgent.pemKey().length() + " chars>",
                "snmp-core snmpv3 -> user=snmp-ro authprotocol=SHA authkey=<redacted 11 chars> privprotocol=AES128"
                    + " privkey=<redacted 11 chars>",
                "missing-one ssh_password -> Problem with client's CredentialResolver: midkv [vault.secret-not-found]"
                    + " No secret named 'missing-one' in vault kv-prod-01. (vault: kv-prod-01) Fix: Create the"
                    + " secret or correct the Credential ID.",
                ""), run.output(), "harness output");
            Check.contains(stub.agent.requests().get(3).bodyText(), "\"type\":\"ssh_password\",\"ip\":\"10.1.1.1\","
                + "\"mid\":\"mid-lab-01\"", "request after the legacy fix-up");
        } finally {
            Check.deleteTree(directory);
        }
    }

    private static void harnessMismatch() throws Exception {
        Path directory = Check.tempDirectory();
        try (ResolverTest.Stub stub = ResolverTest.Stub.handling(StubAgent::canned)) {
            List<List<String>> mismatches = List.of(
                List.of("win-admin:windows", "--expect-keys", "user"),
                List.of("win-admin:windows", "--expect-error", "vault.secret-not-found"),
                List.of("missing-one:windows", "--expect-error", "agent.timeout"),
                List.of("missing-one:windows"));
            for (List<String> credential : mismatches) {
                List<String> arguments = new java.util.ArrayList<>(List.of("--socket", stub.address));
                arguments.addAll(credential);
                Check.Run run = Check.harness(directory, Map.of(), List.of(), arguments.toArray(String[]::new));

                Check.noCanary(run.output(), "harness output");
                Check.equal(1, run.status(), "exit status of <" + run.output() + ">");
                Check.contains(run.output(), "  MISMATCH: expected ", "explains the mismatch");
            }
        } finally {
            Check.deleteTree(directory);
        }
    }

    /** A stub that answers every request with {@code user} set to its name. */
    private static ResolverTest.Stub named(String name) throws java.io.IOException {
        return ResolverTest.Stub.replying(StubAgent.Reply.json(200, "{\"credential\":{\"user\":\"" + name + "\"}}"));
    }

    private static void expectUser(String user, Check.Run run) {
        Check.contains(run.output(), "x windows -> user=" + user + "\n", "resolved through " + user);
        Check.equal(0, run.status(), "exit status");
    }

    private static void writeConfigXml(Path directory, String... nameValues) throws java.io.IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<parameters>\n");
        xml.append("  <parameter name=\"url\" value=\"https://example.service-now.com/\"/>\n");
        xml.append("  <parameter secure=\"true\" name=\"mid.instance.password\" value=\"CANARY-mid\"/>\n");
        for (int i = 0; i < nameValues.length; i += 2) {
            xml.append("  <parameter name=\"").append(nameValues[i]).append("\" value=\"").append(nameValues[i + 1])
                .append("\"/>\n");
        }
        Files.writeString(directory.resolve("config.xml"), xml.append("</parameters>\n").toString());
    }
}
