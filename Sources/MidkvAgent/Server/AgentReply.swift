import Foundation
import MidkvCore
import MidkvHTTPServer
import MidkvSupport

/// The agent's HTTP answers: a credential, an error, health, metrics.
enum AgentReply {
    /// `200 {"credential":{key: value, …}}` with every resolver field of `credential`.
    ///
    /// The body holds secret values in clear text: it goes to the client and nowhere else.
    static func credential(_ credential: MIDCredential) -> HTTPServerResponse {
        var fields: [String: String] = [:]
        for field in credential.fields {
            fields[field.key.rawValue] = field.value.reveal()
        }
        return json(200, ["credential": fields])
    }

    /// `{"error":{"code","message","fix","evidence":[{"label","value"}],"cause"}}` with the
    /// code's status (``ErrorCode/agentHTTPStatus``).
    static func error(_ error: MidkvError) -> HTTPServerResponse {
        var object: [String: Any] = [
            "code": error.code.rawValue,
            "message": error.message,
            "fix": error.fix,
            "evidence": error.evidence.map { ["label": $0.label, "value": $0.value] },
        ]
        object["cause"] = error.cause

        var response = json(error.code.agentHTTPStatus, ["error": object])
        if error.code == .agentBusy {
            response.headers.set("Retry-After", "1")
        }
        if error.code == .agentMethodNotAllowed, let allowed = error.evidence("allowed") {
            response.headers.set("Allow", allowed)
        }
        return response
    }

    /// `200 {"status":"ok","version":…}`.
    static func health() -> HTTPServerResponse {
        json(200, ["status": "ok", "version": MidkvVersion.current])
    }

    /// `200` with the metrics document.
    static func metrics(_ text: String) -> HTTPServerResponse {
        var response = HTTPServerResponse(status: 200, body: Data(text.utf8))
        response.headers.set("Content-Type", PrometheusText.contentType)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    private static func json(_ status: Int, _ object: [String: Any]) -> HTTPServerResponse {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? JSONSerialization.data(withJSONObject: object, options: options)) ?? Data("{}".utf8)
        var response = HTTPServerResponse(status: status, body: body)
        response.headers.set("Content-Type", "application/json; charset=utf-8")
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
