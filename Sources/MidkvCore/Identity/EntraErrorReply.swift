import Foundation

/// An Entra ID error reply: `{"error", "error_description", "error_codes", "trace_id",
/// "correlation_id", "timestamp", …}`.
struct EntraErrorReply {
    /// The OAuth error (`invalid_client`).
    var error: String
    /// The service's description, with trace lines.
    var description: String
    /// The AADSTS numbers, from `error_codes` or else from the description.
    var codes: [Int]
    /// `trace_id`.
    var traceID: String?
    /// `correlation_id`.
    var correlationID: String?
    /// `timestamp`.
    var timestamp: String?

    /// Reads an error reply; `nil` when `body` is not JSON with an `error` member.
    init?(body: Data) {
        guard let reply = JSONObject(data: body), let error = reply.string("error") else {
            return nil
        }

        self.error = error
        self.description = reply.string("error_description") ?? ""
        let listed = reply.integers("error_codes")
        self.codes = listed.isEmpty ? Self.codes(in: description) : listed
        self.traceID = reply.string("trace_id")
        self.correlationID = reply.string("correlation_id")
        self.timestamp = reply.string("timestamp")
    }

    /// The first AADSTS number, written as Entra writes it: `AADSTS7000215`.
    var primaryCode: String? {
        codes.first.map { "AADSTS\($0)" }
    }

    private static func codes(in text: String) -> [Int] {
        guard let match = text.firstMatch(of: /AADSTS(\d+)/) else {
            return []
        }
        return Int(match.1).map { [$0] } ?? []
    }
}
