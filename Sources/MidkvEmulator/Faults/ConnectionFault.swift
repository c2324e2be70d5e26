/// A way to break a connection before any HTTP answer, applied by the server at accept time.
public enum ConnectionFault: Sendable, Equatable {
    /// Reset (RST) as soon as the connection is accepted.
    case reset
    /// Reset in the middle of the TLS handshake.
    case resetDuringHandshake
    /// Close the connection without answering.
    case closeWithoutReply
    /// Accept and say nothing for the duration, then close.
    case hang(Duration)
}
