import Foundation
import MidkvSupport
import MidkvTestSupport
import MidkvTransport

/// One request/response pair from the recorded Azure traffic under the shared fixtures.
struct RecordedExchange {
    var method: String
    var uri: String
    var requestHeaders: HTTPHeaders
    var status: Int
    var responseHeaders: HTTPHeaders
    var body: Data

    /// The response as a transport would return it.
    var response: HTTPResponse {
        HTTPResponse(status: status, headers: responseHeaders, body: body)
    }

    /// The exchanges of a test-proxy recording (`{"Entries": [...]}`, Go and Python SDKs).
    static func testProxy(_ path: String) throws -> [RecordedExchange] {
        let root = try JSONSerialization.jsonObject(with: Fixtures.azure(path)) as? [String: Any]
        let entries = root?["Entries"] as? [[String: Any]] ?? []
        return try entries.map { entry in
            RecordedExchange(
                method: entry["RequestMethod"] as? String ?? "",
                uri: entry["RequestUri"] as? String ?? "",
                requestHeaders: headers(entry["RequestHeaders"]),
                status: entry["StatusCode"] as? Int ?? 0,
                responseHeaders: headers(entry["ResponseHeaders"]),
                body: try bodyData(entry["ResponseBody"])
            )
        }
    }

    /// The exchanges of an azure-sdk-for-cpp recording (`{"networkCallRecords": [...]}`).
    static func cppRecording(_ path: String) throws -> [RecordedExchange] {
        let root = try JSONSerialization.jsonObject(with: Fixtures.azure(path)) as? [String: Any]
        let records = root?["networkCallRecords"] as? [[String: Any]] ?? []
        return records.map { record in
            let response = record["Response"] as? [String: String] ?? [:]
            let fields = response.filter { $0.key != "BODY" && $0.key != "STATUS_CODE" }.sorted { $0.key < $1.key }
            return RecordedExchange(
                method: record["Method"] as? String ?? "",
                uri: record["Url"] as? String ?? "",
                requestHeaders: headers(record["Headers"]),
                status: Int(response["STATUS_CODE"] ?? "") ?? 0,
                responseHeaders: HTTPHeaders(fields.map { ($0.key, $0.value) }),
                body: Data((response["BODY"] ?? "").utf8)
            )
        }
    }

    private static func headers(_ value: Any?) -> HTTPHeaders {
        let fields = value as? [String: Any] ?? [:]
        var headers = HTTPHeaders()
        for name in fields.keys.sorted() {
            if let text = fields[name] as? String {
                headers.add(name, text)
            } else if let list = fields[name] as? [String] {
                for value in list {
                    headers.add(name, value)
                }
            }
        }
        return headers
    }

    private static func bodyData(_ value: Any?) throws -> Data {
        switch value {
        case let text as String:
            Data(text.utf8)
        case let object as [String: Any]:
            try JSONSerialization.data(withJSONObject: object)
        case let array as [Any]:
            try JSONSerialization.data(withJSONObject: array)
        default:
            Data()
        }
    }
}
