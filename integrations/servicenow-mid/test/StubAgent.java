import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted stand-in for the midkv agent, listening on a Unix domain socket or on loopback TCP.
 *
 * <p>Each connection carries one request; the handler picks the reply. Run on its own
 * ({@code java StubAgent SOCKET}) it serves a few canned credentials until stopped.
 */
final class StubAgent implements AutoCloseable {
    /** One request as received. */
    record Request(String head, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String requestLine() {
            return head.substring(0, head.indexOf("\r\n"));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }
    }

    /** Writes the reply for one request; {@code closed} opens when the stub shuts down. */
    interface Reply {
        void send(OutputStream out, CountDownLatch closed) throws IOException, InterruptedException;

        static Reply json(int status, String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            return raw("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n", body);
        }

        static Reply raw(String head, byte[] body) {
            return (out, closed) -> {
                out.write(head.getBytes(StandardCharsets.UTF_8));
                out.write(body);
            };
        }

        static Reply chunked(int status, String json, int chunkSize) {
            return (out, closed) -> {
                byte[] body = json.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + status + " X\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(
                    StandardCharsets.US_ASCII));
                for (int at = 0; at < body.length; at += chunkSize) {
                    int size = Math.min(chunkSize, body.length - at);
                    out.write((Integer.toHexString(size) + ";ext=1\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, at, size);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\nX-Trailer: done\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            };
        }

        /** Sends the reply a few bytes at a time, so the reader has to reassemble it. */
        static Reply trickle(Reply whole, int pieceSize) {
            return (out, closed) -> {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                whole.send(buffer, closed);
                byte[] bytes = buffer.toByteArray();
                for (int at = 0; at < bytes.length; at += pieceSize) {
                    out.write(bytes, at, Math.min(pieceSize, bytes.length - at));
                    out.flush();
                    Thread.sleep(1);
                }
            };
        }

        /** Never answers; the connection stays open until the stub closes. */
        static Reply hang() {
            return (out, closed) -> closed.await();
        }
    }

    /** Chooses the reply to a request. */
    interface Handler {
        Reply handle(Request request);
    }

    private final ServerSocketChannel server;
    private final Path socketPath;
    private final Handler handler;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private StubAgent(ServerSocketChannel server, Path socketPath, Handler handler) {
        this.server = server;
        this.socketPath = socketPath;
        this.handler = handler;
        Thread acceptor = new Thread(this::acceptLoop, "stub-agent-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a Unix domain socket at {@code path}. */
    static StubAgent unix(Path path, Handler handler) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        return new StubAgent(server, path, handler);
    }

    /** Listens on 127.0.0.1 with a port the system picks. */
    static StubAgent tcp(Handler handler) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new StubAgent(server, null, handler);
    }

    /** The address to configure: the socket path, or {@code tcp://127.0.0.1:PORT}. */
    String address() throws IOException {
        if (socketPath != null) {
            return socketPath.toString();
        }
        return "tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        if (socketPath != null) {
            Files.deleteIfExists(socketPath);
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                Thread worker = new Thread(() -> serve(connection), "stub-agent-connection");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException stopped) {
                return;
            }
        }
    }

    private void serve(SocketChannel connection) {
        try (connection) {
            InputStream in = Channels.newInputStream(connection);
            OutputStream out = Channels.newOutputStream(connection);
            Request request = readRequest(in);
            requests.add(request);
            handler.handle(request).send(out, closed);
            out.flush();
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // The client went away or the stub is closing; nothing to report.
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended inside the head");
            }
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        Request headOnly = new Request(headText, new byte[0]);
        String length = headOnly.header("Content-Length");
        byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        return new Request(headText, body);
    }

    // Canned credentials for a stand-alone run.

    static final String CANARY_PASSWORD = "CANARY-pswd-7f3a9c";

    /** A multi-line private key in PEM form, ending with a newline. */
    static String pemKey() {
        StringBuilder key = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int line = 0; line < 25; line++) {
            for (int i = 0; i < 64; i++) {
                key.append(alphabet.charAt((line * 7 + i * 13) % alphabet.length()));
            }
            key.append('\n');
        }
        key.append("CANARY-pkey-tail==\n");
        return key.append("-----END RSA PRIVATE KEY-----\n").toString();
    }

    /** Serves linux-root-ssh, win-admin and snmp-core; every other id is not found. */
    static Reply canned(Request request) {
        Matcher id = Pattern.compile("\"id\":\"([^\"\\\\]*)\"").matcher(request.bodyText());
        String name = id.find() ? id.group(1) : "";
        return switch (name) {
            case "linux-root-ssh" -> Reply.json(200, "{\"credential\":{\"user\":\"svc-disc\",\"pkey\":"
                + quoted(pemKey()) + ",\"passphrase\":\"CANARY-phrase\"}}");
            case "win-admin" -> Reply.json(200, "{\"credential\":{\"user\":\"CORP\\\\svc-win\",\"pswd\":\""
                + CANARY_PASSWORD + "\"}}");
            case "snmp-core" -> Reply.json(200, "{\"credential\":{\"user\":\"snmp-ro\",\"authprotocol\":\"SHA\","
                + "\"authkey\":\"CANARY-auth\",\"privprotocol\":\"AES128\",\"privkey\":\"CANARY-priv\"}}");
            default -> Reply.json(404, "{\"error\":{\"code\":\"vault.secret-not-found\",\"message\":\"No secret named '"
                + name + "' in vault kv-prod-01.\",\"fix\":\"Create the secret or correct"
                + " the Credential ID.\",\"evidence\":[{\"label\":\"vault\",\"value\":\"kv-prod-01\"}]}}");
        };
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    public static void main(String[] arguments) throws Exception {
        Path path = Path.of(arguments[0]);
        try (StubAgent agent = unix(path, StubAgent::canned)) {
            System.out.println("stub agent listening on " + agent.address());
            new CountDownLatch(1).await();
        }
    }
}
