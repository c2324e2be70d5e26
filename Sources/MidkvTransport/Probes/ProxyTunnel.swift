import Foundation
import MidkvSupport

/// Why a `CONNECT` exchange produced no reply.
enum ProxyTunnelFailure: Error, Equatable {
    /// The socket failed while sending or reading.
    case socket(SocketFailure)
    /// The proxy answered with something that is not an HTTP response head.
    case malformed(String)
}

/// Sends a hand-written `CONNECT` on a connected socket and reads the proxy's answer head.
enum ProxyTunnel {
    /// The largest answer head read before giving up.
    private static let headLimit = 16 * 1024

    /// Asks the proxy on `socket` for a tunnel to `host`:`port`.
    ///
    /// Exactly the answer head is consumed, so the TLS bytes that follow a `200` stay in the
    /// socket for the handshake.
    static func open(
        on socket: ProbeSocket,
        to host: String,
        port: Int,
        route: ProxyRoute,
        deadline: ProbeDeadline
    ) throws(ProxyTunnelFailure) -> ProxyReply {
        do {
            try socket.send(Array(request(host: host, port: port, route: route).utf8), deadline: deadline)
            return try parse(try readHead(socket, deadline: deadline))
        } catch let failure as SocketFailure {
            throw .socket(failure)
        } catch let failure as ProxyTunnelFailure {
            throw failure
        } catch {
            throw .malformed("unexpected failure")
        }
    }

    static func request(host: String, port: Int, route: ProxyRoute) -> String {
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var lines = ["CONNECT \(authority) HTTP/1.1", "Host: \(authority)"]
        if let username = route.username {
            let pair = "\(username):\(route.password?.reveal() ?? "")"
            lines.append("Proxy-Authorization: Basic \(Data(pair.utf8).base64EncodedString())")
        }
        lines.append("User-Agent: midkv")
        return lines.joined(separator: "\r\n") + "\r\n\r\n"
    }

    /// Reads one byte at a time up to the blank line, so nothing after the head is consumed.
    private static func readHead(_ socket: ProbeSocket, deadline: ProbeDeadline) throws -> String {
        let marker: [UInt8] = [13, 10, 13, 10]
        var head: [UInt8] = []
        while head.suffix(4) != marker[...] {
            guard head.count < headLimit else {
                throw ProxyTunnelFailure.malformed("the answer head is longer than \(headLimit) bytes")
            }
            head += try socket.receive(limit: 1, deadline: deadline)
        }
        return String(decoding: head, as: UTF8.self)
    }

    static func parse(_ head: String) throws(ProxyTunnelFailure) -> ProxyReply {
        let lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.first ?? ""
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw .malformed(String(statusLine.prefix(80)))
        }

        let fields = lines.dropFirst().compactMap(field)
        return ProxyReply(
            statusLine: statusLine,
            status: status,
            reason: parts.count > 2 ? String(parts[2]) : "",
            authenticationSchemes: values("proxy-authenticate", in: fields).compactMap(scheme),
            server: values("via", in: fields).first ?? values("server", in: fields).first
        )
    }

    private static func field(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else {
            return nil
        }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (line[..<colon].lowercased(), value)
    }

    private static func values(_ name: String, in fields: [(String, String)]) -> [String] {
        fields.filter { $0.0 == name }.map(\.1)
    }

    private static func scheme(_ challenge: String) -> String? {
        challenge.split(separator: " ").first.map(String.init)
    }
}
