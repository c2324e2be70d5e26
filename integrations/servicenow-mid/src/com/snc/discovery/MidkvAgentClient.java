package com.snc.discovery;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends one HTTP/1.1 request to the agent and reads the response, all within one deadline.
 *
 * <p>Each call opens its own connection and closes it afterwards, so concurrent MID worker threads
 * never share state. Failures become {@link MidkvResolverException}s with the codes
 * {@code agent.unreachable}, {@code agent.timeout} and {@code agent.protocol}.
 */
final class MidkvAgentClient {
    static final Duration MAX_CONNECT_TIME = Duration.ofSeconds(10);

    private static final String START_AGENT = "start the agent (systemctl start midkv-agent)";
    private static final String CHECK_PATH =
        "check the agent address set by ext.cred.midkv.socket in config.xml or -Dmidkv.socket in"
            + " wrapper-override.conf";
    private static final String CHECK_GROUP =
        "make sure the MID Server's service user is a member of the agent socket's group (then restart"
            + " the MID Server)";

    private final MidkvAgentAddress address;
    private final Duration timeout;
    private final String timeoutSource;

    MidkvAgentClient(MidkvAgentAddress address, Duration timeout, String timeoutSource) {
        this.address = address;
        this.timeout = timeout;
        this.timeoutSource = timeoutSource;
    }

    /** Posts a JSON body to {@code path} and returns the agent's response, whatever its status. */
    MidkvHttpResponse post(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "User-Agent: midkv-credential-resolver/" + CredentialResolver.API_VERSION + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Accept: application/json\r\n"
            + "Content-Length: " + body.length + "\r\n"
            + "Connection: close\r\n\r\n";
        return exchange(concat(head.getBytes(StandardCharsets.US_ASCII), body));
    }

    /** Builds the {@code agent.protocol} failure for a reply this resolver cannot use. */
    MidkvResolverException protocolError(String reason, Throwable cause) {
        return new MidkvResolverException(
            "agent.protocol",
            "The reply of the midkv agent at " + address.text() + " cannot be used: " + reason + ".",
            "Make sure " + address.text() + " (" + address.source() + ") is the midkv agent's address, and"
                + " that the agent and this resolver JAR come from the same midkv release.",
            cause);
    }

    private MidkvHttpResponse exchange(byte[] request) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(address.family()); Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, 0);
            connect(channel, key, Math.min(deadline, System.nanoTime() + MAX_CONNECT_TIME.toNanos()));

            try {
                write(channel, key, ByteBuffer.wrap(request), deadline);
                return new MidkvHttpReader(target -> read(channel, key, target, deadline)).readResponse();
            } catch (InterruptedByTimeoutException late) {
                throw timedOut(late);
            } catch (MidkvHttpReader.ProtocolException broken) {
                throw protocolError(broken.getMessage(), broken);
            } catch (IOException broken) {
                throw protocolError("the connection broke during the exchange (" + broken.getMessage() + ")", broken);
            }
        } catch (IOException | UnsupportedOperationException failure) {
            throw unreachable(failure);
        }
    }

    private void connect(SocketChannel channel, SelectionKey key, long deadline) throws IOException {
        if (channel.connect(address.socketAddress())) {
            return;
        }
        while (!channel.finishConnect()) {
            await(key, SelectionKey.OP_CONNECT, deadline);
        }
    }

    private static void write(SocketChannel channel, SelectionKey key, ByteBuffer bytes, long deadline)
        throws IOException {
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                await(key, SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    private static int read(SocketChannel channel, SelectionKey key, ByteBuffer target, long deadline)
        throws IOException {
        while (true) {
            int count = channel.read(target);
            if (count != 0) {
                return count;
            }
            await(key, SelectionKey.OP_READ, deadline);
        }
    }

    /** Waits until the channel is ready for {@code operation}, or throws once the deadline passed. */
    private static void await(SelectionKey key, int operation, long deadline) throws IOException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new InterruptedByTimeoutException();
        }
        key.interestOps(operation);
        key.selector().select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
        key.selector().selectedKeys().clear();
    }

    private MidkvResolverException unreachable(Exception failure) {
        boolean denied = address.isUnixSocket() && isPermissionProblem();
        return new MidkvResolverException(
            "agent.unreachable",
            "Cannot connect to the midkv agent at " + address.text() + " (" + address.source() + "): "
                + reason(failure, denied) + ".",
            fix(denied),
            failure);
    }

    /** Puts the likeliest remedy first; the socket group matters for Unix domain sockets only. */
    private String fix(boolean denied) {
        String steps;
        if (!address.isUnixSocket()) {
            steps = START_AGENT + "; " + CHECK_PATH;
        } else if (denied) {
            steps = CHECK_GROUP + "; " + CHECK_PATH + "; " + START_AGENT;
        } else {
            steps = START_AGENT + "; " + CHECK_PATH + "; " + CHECK_GROUP;
        }
        return Character.toUpperCase(steps.charAt(0)) + steps.substring(1) + ".";
    }

    private String reason(Exception failure, boolean denied) {
        String system = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof InterruptedByTimeoutException) {
            long limit = Math.min(timeout.toSeconds(), MAX_CONNECT_TIME.toSeconds());
            return "it did not accept the connection within " + seconds(limit);
        }
        if (failure instanceof ConnectException) {
            String stale = address.isUnixSocket() ? "the socket file is left over" : "it listens on another port";
            return "nothing is listening there, so the agent is stopped or " + stale + " (" + system + ")";
        }
        if (denied) {
            return "user " + System.getProperty("user.name") + " may not open the socket (" + system + ")";
        }
        if (address.isUnixSocket() && !Files.exists(address.socketPath())) {
            return "the socket file does not exist (" + system + ")";
        }
        return system;
    }

    /** True when the socket, or the folder holding it, exists but this process may not use it. */
    private boolean isPermissionProblem() {
        Path socket = address.socketPath().toAbsolutePath();
        Path folder = socket.getParent();
        if (Files.exists(socket)) {
            return !Files.isWritable(socket);
        }
        return folder != null && Files.isDirectory(folder) && !Files.isExecutable(folder);
    }

    private MidkvResolverException timedOut(Exception late) {
        return new MidkvResolverException(
            "agent.timeout",
            "The midkv agent at " + address.text() + " did not answer within " + seconds(timeout.toSeconds())
                + " (time-out from " + timeoutSource + ").",
            "Check the agent's log (journalctl -u midkv-agent): it may be waiting on Entra ID or Key Vault."
                + " The time-out is ext.cred.midkv.timeout_seconds; keep it below 90 seconds, the MID"
                + " Server's limit for Test Credential.",
            late);
    }

    private static String seconds(long count) {
        return count == 1 ? "1 second" : count + " seconds";
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
