package com.snc.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern TCP_ADDRESS =
        Pattern.compile("tcp://([0-9]{1,3}(?:\\.[0-9]{1,3}){3}|\\[[0-9A-Fa-f:]+\\]):([0-9]{1,5})");

    /** Parses a configured address; anything but a socket path or a loopback TCP address is refused. */
    static MidkvAgentAddress parse(String text, String source) {
        if (text.startsWith(TCP_SCHEME)) {
            return parseTcp(text, source);
        }
        try {
            Path path = Path.of(text);
            return new MidkvAgentAddress(text, source, UnixDomainSocketAddress.of(path), StandardProtocolFamily.UNIX);
        } catch (IllegalArgumentException invalidPath) {
            throw invalid(text, source, invalidPath);
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

    /** Accepts IP literals only, so no name lookup can send the request elsewhere. */
    private static MidkvAgentAddress parseTcp(String text, String source) {
        Matcher parts = TCP_ADDRESS.matcher(text);
        if (!parts.matches()) {
            throw invalid(text, source, null);
        }
        try {
            InetAddress host = literal(parts.group(1));
            int port = Integer.parseInt(parts.group(2));
            if (port < 1 || port > 65535 || !host.isLoopbackAddress()) {
                throw invalid(text, source, null);
            }
            return new MidkvAgentAddress(text, source, new InetSocketAddress(host, port), familyOf(host));
        } catch (UnknownHostException error) {
            throw invalid(text, source, error);
        }
    }

    /** Parses without any name lookup: IPv4 octets by hand, a bracketed IPv6 literal by the JDK. */
    private static InetAddress literal(String host) throws UnknownHostException {
        if (host.startsWith("[")) {
            return InetAddress.getByName(host);
        }
        String[] octets = host.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(octets[i]);
            if (octet > 255) {
                throw new UnknownHostException("IPv4 octet out of range");
            }
            bytes[i] = (byte) octet;
        }
        return InetAddress.getByAddress(bytes);
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
