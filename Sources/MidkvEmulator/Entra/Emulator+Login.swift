import Foundation
import MidkvHTTPServer
import MidkvSupport

extension Emulator {
    /// Answers a request to a login host: discovery, OpenID configuration or a token endpoint.
    func loginAnswer(_ request: HTTPServerRequest, cloud: AzureCloud, host: String) -> Answer {
        let segments = Self.pathSegments(request.path)
        let loginHost = AzureCloud.forLoginHost(host) == nil ? cloud.loginHost : host
        if Self.matches(segments, ["common", "discovery", "instance"]) {
            return Answer(response: instanceDiscovery(request, host: loginHost), kind: .discovery)
        }

        if Self.matches(segments, ["*", "v2.0", ".well-known", "openid-configuration"]) {
            let response = openIDConfiguration(request, tenant: segments[0], cloud: cloud, host: loginHost, v2: true)
            return Answer(response: response, kind: .discovery)
        }
        if Self.matches(segments, ["*", ".well-known", "openid-configuration"]) {
            let response = openIDConfiguration(request, tenant: segments[0], cloud: cloud, host: loginHost, v2: false)
            return Answer(response: response, kind: .discovery)
        }

        if Self.matches(segments, ["*", "oauth2", "v2.0", "token"]) {
            return tokenAnswer(request, tenant: segments[0], cloud: cloud, host: loginHost, version: .v2)
        }
        if Self.matches(segments, ["*", "oauth2", "token"]) {
            return tokenAnswer(request, tenant: segments[0], cloud: cloud, host: loginHost, version: .v1)
        }
        return Answer(response: Self.notServed(request, host: host), kind: .unknown)
    }

    /// The tenant that a URL's tenant segment names.
    ///
    /// - Throws: ``EntraError`` 900021, 50059, 900023 or 90002.
    func resolveTenant(_ segment: String) throws(EntraError) -> Directory.Tenant {
        let lowered = segment.lowercased()
        if lowered == Identifiers.emptyGUID {
            throw .tenantEmptyGUID
        }
        if ["common", "organizations", "consumers"].contains(lowered) {
            throw .tenantNotIdentified
        }

        guard Identifiers.isGUID(lowered) || Identifiers.isDomainName(lowered) else {
            throw .tenantMalformed(segment)
        }
        guard let tenant = directory.tenant(lowered) else {
            throw .tenantNotFound(segment)
        }
        return tenant
    }

    /// An Entra error body with trace and correlation IDs, as the login hosts write it.
    func entraErrorResponse(_ error: EntraError, host: String, request: HTTPServerRequest) -> HTTPServerResponse {
        let traceID = Identifiers.randomGUID()
        let correlationID = Self.correlationID(request)
        let timestamp = UTCTime.entraTimestamp(clock.now())
        let description = [
            "AADSTS\(error.code): \(error.message)", "Trace ID: \(traceID)",
            "Correlation ID: \(correlationID)", "Timestamp: \(timestamp)",
        ]
        .joined(separator: "\r\n")

        let body = JSONValue.object([
            "error": .string(error.oauthError),
            "error_description": .string(description),
            "error_codes": .array([.int(error.code)]),
            "timestamp": .string(timestamp),
            "trace_id": .string(traceID),
            "correlation_id": .string(correlationID),
            "error_uri": .string("https://\(host)/error?code=\(error.code)"),
        ])
        let headers = entraHeaders(request, requestID: traceID, cacheControl: "no-store, no-cache")
        return HTTPServerResponse(status: error.status, headers: headers, body: body.data)
    }

    /// The headers every login-host answer carries.
    func entraHeaders(_ request: HTTPServerRequest, requestID: String, cacheControl: String) -> HTTPHeaders {
        var headers = HTTPHeaders([
            ("Cache-Control", cacheControl),
            ("Pragma", "no-cache"),
            ("Content-Type", "application/json; charset=utf-8"),
            ("Expires", "-1"),
            ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
            ("X-Content-Type-Options", "nosniff"),
            ("x-ms-request-id", requestID),
            ("x-ms-ests-server", "2.1.0.0 - midkv emulator"),
        ])
        if let clientRequestID = request.headers["client-request-id"] {
            headers.add("client-request-id", clientRequestID)
        }
        return headers
    }

    /// The percent-decoded, non-empty segments of `path`.
    static func pathSegments(_ path: String) -> [String] {
        path.split(separator: "/").map { segment in
            String(segment).removingPercentEncoding ?? String(segment)
        }
    }

    /// Whether `segments` fit `pattern`, where `*` matches any one segment.
    static func matches(_ segments: [String], _ pattern: [String]) -> Bool {
        guard segments.count == pattern.count else {
            return false
        }
        return zip(segments, pattern).allSatisfy { segment, expected in
            expected == "*" || segment.lowercased() == expected.lowercased()
        }
    }

    /// A plain-text 404 for a path the emulator does not serve on a host it knows.
    static func notServed(_ request: HTTPServerRequest, host: String) -> HTTPServerResponse {
        .text(404, "midkv emulator: \(request.method) \(request.path) is not served on \(host).\n")
    }

    private static func correlationID(_ request: HTTPServerRequest) -> String {
        guard let given = request.headers["client-request-id"], Identifiers.isGUID(given) else {
            return Identifiers.randomGUID()
        }
        return given.lowercased()
    }
}
