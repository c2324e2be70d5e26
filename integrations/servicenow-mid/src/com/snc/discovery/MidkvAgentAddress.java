package com.snc.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Where the agent listens: a Unix domain socket path, or {@code tcp://127.0.0.1:PORT} on loopback.
 *
 * @param text the address as configured, used in messages
 * @param source which setting supplied it, used in messages
 * @param socketAddress what the channel connects to
 * @param family the protocol family to open the channel with
 */
record MidkvAgentAddress(String text, String source, SocketAddress socketAddress, ProtocolFamily family) {
    private static final String TCP_SCHEME = "tcp://";

    /** Parses a configured address; anything but a socket path or a loopback TCP address is refused. */
    static MidkvAgentAddress parse(String text, String source) {
        if (text.startsWith(TCP_SCHEME)) {
            return parseTcp(text, source);
        }
        try {
            Path path = Path.of(text);
            return new MidkvAgentAddress(text, source, UnixDomainSocketAddress.of(path), StandardProtocolFamily.UNIX);
        } catch (IllegalArgumentException error) { // also InvalidPathException
            throw invalid(text, source, error);
        }
    }

    /** True for a Unix domain socket, where the socket file and its permissions matter. */
    boolean isUnixSocket() {
        return family == StandardProtocolFamily.UNIX;
    }

    /** The socket file, for Unix domain sockets only. */
    Path socketPath() {
        return ((UnixDomainSocketAddress) socketAddress).getPath();
    }

    private static MidkvAgentAddress parseTcp(String text, String source) {
        String authority = text.substring(TCP_SCHEME.length());
        int colon = authority.lastIndexOf(':');
        try {
            String host = authority.substring(0, Math.max(colon, 0)).replaceAll("^\\[|\\]$", "");
            int port = Integer.parseInt(authority.substring(colon + 1));
            InetAddress address = literalAddress(host);
            if (colon < 0 || port < 1 || port > 65535 || !address.isLoopbackAddress()) {
                throw invalid(text, source, null);
            }
            return new MidkvAgentAddress(
                text, source, new InetSocketAddress(address, port), familyOf(address));
        } catch (NumberFormatException | UnknownHostException error) {
            throw invalid(text, source, error);
        }
    }

    /** Accepts IP literals only, so no name lookup can send the request elsewhere. */
    private static InetAddress literalAddress(String host) throws UnknownHostException {
        if (host.isEmpty() || !host.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            throw new UnknownHostException("not an IP literal");
        }
        return InetAddress.getByName(host);
    }

    private static ProtocolFamily familyOf(InetAddress address) {
        return address.getAddress().length == 4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    private static MidkvResolverException invalid(String text, String source, Throwable cause) {
        return new MidkvResolverException(
            "config.invalid-value",
            "The agent address \"" + text + "\" (" + source + ") is neither a socket path nor a loopback"
                + " address of the form tcp://127.0.0.1:PORT.",
            "Set it to the agent's socket path, normally /run/midkv/agent.sock; TCP is accepted on"
                + " loopback only because the agent answers with credentials in clear text.",
            cause);
    }
}
