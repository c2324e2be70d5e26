/// Why a connection's read or write ended early.
enum SocketError: Error, Equatable {
    /// The deadline passed.
    case timedOut
    /// The peer closed or reset the connection.
    case closed
    /// The server is stopping.
    case stopping
    /// The TLS handshake failed; the text is OpenSSL's.
    case handshakeFailed(String)
}
