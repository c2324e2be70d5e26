import CCurl
import Foundation
import Glibc
import MidkvSupport

/// libcurl's body callback: appends the bytes to the transfer's response body.
func receiveBody(
    _ data: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else {
        return 0
    }

    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    transfer.responseBody.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
    return length
}

/// libcurl's header callback: keeps the header fields of the latest response only.
func receiveHeader(
    _ data: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let data, let context else {
        return 0
    }

    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let bytes = UnsafeRawBufferPointer(start: data, count: length)
    transfer.receiveHeaderLine(String(decoding: bytes, as: UTF8.self))
    return length
}

/// libcurl's socket callback: opens the socket only when the loopback rules allow the address.
func openGuardedSocket(
    _ context: UnsafeMutableRawPointer?,
    _ purpose: curlsocktype,
    _ address: UnsafeMutablePointer<curl_sockaddr>?
) -> curl_socket_t {
    guard let context, let address else {
        return -1
    }

    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.openSocket(address)
}

extension CurlTransfer {
    /// Records one raw header line. A status line starts a new response, so the fields of
    /// interim responses (`100 Continue`) and of a proxy's CONNECT answer are dropped.
    func receiveHeaderLine(_ raw: String) {
        let line = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\r\n"))
        if line.hasPrefix("HTTP/") {
            responseHeaders = HTTPHeaders()
            return
        }

        guard let colon = line.firstIndex(of: ":") else {
            return
        }

        let name = String(line[..<colon])
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        responseHeaders.add(name, value)
    }

    /// Opens a socket for `address`, or refuses and records the attempt when the transfer or
    /// the process is confined to loopback and the address is not loopback.
    func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let family = address.pointee.family
        let offset = MemoryLayout<curl_sockaddr>.offset(of: \.addr) ?? 16
        let ip = IPAddress(socketAddress: UnsafeRawPointer(address) + offset, family: family)

        let confined = loopbackOnly || NetworkGuard.isConfined
        guard !confined || ip?.isLoopback == true else {
            let attempt = NetworkGuard.BlockedAttempt(
                host: target.host,
                address: ip?.description ?? "address family \(family)",
                time: Date()
            )
            NetworkGuard.record(attempt)
            blockedAttempt = attempt
            return -1
        }

        attemptedAddress = ip?.description
        attemptedPort = Self.port(of: UnsafeRawPointer(address) + offset, family: family)
        let type = address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue)
        return socket(family, type, address.pointee.protocol)
    }

    /// The port of a socket address, `nil` for a family that has none.
    private static func port(of address: UnsafeRawPointer, family: Int32) -> Int? {
        switch family {
        case AF_INET:
            Int(UInt16(bigEndian: address.loadUnaligned(as: sockaddr_in.self).sin_port))
        case AF_INET6:
            Int(UInt16(bigEndian: address.loadUnaligned(as: sockaddr_in6.self).sin6_port))
        default:
            nil
        }
    }
}
