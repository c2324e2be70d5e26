import Foundation
import MidkvCore
import MidkvTestSupport
import Testing

@testable import MidkvDoctor

/// One failure as the MID logs it, and what the scan must report for it.
struct SignatureCase: Sendable, CustomTestStringConvertible {
    var code: ErrorCode
    var variant: String?
    var severity: Finding.Severity = .error
    var host: String?
    /// The index, within the lines of one occurrence, of the record that matches.
    var matchedRecord = 0
    /// What tells this case from others with the same code.
    var shape: String?
    /// The lines of one occurrence at `time` (`10:15:01.811`), classic or ISO layout.
    var lines: @Sendable (_ time: LogTime) -> [String]

    var testDescription: String {
        code.rawValue + (variant.map { " \($0)" } ?? "") + (shape.map { ": \($0)" } ?? "")
    }
}

/// A time of day on 2 March 2026, written in either layout.
struct LogTime: Sendable {
    var hour: Int
    var minute: Int

    var classic: String {
        "03/02/26 \(twoDigits(hour)):\(twoDigits(minute)):01 (811)"
    }

    var iso: String {
        "2026-03-02T\(twoDigits(hour)):\(twoDigits(minute)):01.811+0100"
    }

    /// How the report writes this time for the layout used.
    func reported(iso: Bool) -> String {
        iso ? self.iso : "2026-03-02 \(twoDigits(hour)):\(twoDigits(minute)):01.811"
    }

    private func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

@Suite("Log signatures")
struct LogSignatureTests {
    static let severe = "SEVERE *** ERROR *** "
    static let resolverProblem = "Problem with client's CredentialResolver:"
    static let getSecret = "GET https://kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh?api-version=7.4"
    static let invalidSecretReply = (try? MIDLogText.recordedInvalidSecretReply()) ?? "(fixture missing)"

    static let cases: [SignatureCase] = [
        SignatureCase(code: .logConfigNotLoaded) { time in
            [
                MIDLogText.classic(
                    time.classic,
                    MIDLogText.pipeline,
                    severe,
                    "AzureAccessTokenManager - getTokenWithSecretKey: no token for tenantId=null, clientId=null"
                )
            ]
        },
        SignatureCase(code: .logConnectionReset, host: "kv-contoso-disc.vault.azure.net", matchedRecord: 1) { time in
            [
                MIDLogText.iso(
                    time.iso,
                    "DEBUG",
                    MIDLogText.multiProbe,
                    "AzureKeyVaultCredentialResolver:120",
                    getSecret
                ),
                MIDLogText.iso(
                    time.iso,
                    "ERROR",
                    MIDLogText.multiProbe,
                    "AzureKeyVaultCredentialResolver:131",
                    "Secret request failed"
                ),
                "java.net.SocketException: Connection reset",
                "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:323)",
            ]
        },
        SignatureCase(code: .logTimeout, host: "kv-contoso-disc.vault.azure.net", matchedRecord: 1) { time in
            [
                MIDLogText.classic(time.classic, MIDLogText.pipeline, "DEBUG: ", getSecret),
                MIDLogText.classic(time.classic, MIDLogText.pipeline, severe, resolverProblem),
                "java.net.SocketTimeoutException: connect timed out",
            ]
        },
        SignatureCase(code: .logUnknownHost, host: "kv-contoso-dsic.vault.azure.net") { time in
            [
                MIDLogText.classic(time.classic, MIDLogText.pipeline, severe, resolverProblem),
                "java.net.UnknownHostException: kv-contoso-dsic.vault.azure.net",
            ]
        },
        SignatureCase(code: .logInvalidUsername) { time in
            [
                MIDLogText.classic(
                    time.classic,
                    MIDLogText.pipeline,
                    "WARNING *** WARNING *** ",
                    "SSHCommand: invalid user name in external credential linux-root-ssh"
                )
            ]
        },
        SignatureCase(code: .logResolverMissing) { time in
            [
                MIDLogText.classic(time.classic, MIDLogText.pipeline, severe, resolverProblem),
                "java.lang.ClassNotFoundException: com.snc.discovery.CredentialResolver",
                "\tat java.net.URLClassLoader.findClass(URLClassLoader.java:382)",
            ]
        },
        SignatureCase(code: .logUnsupportedAPIVersion) { time in
            [
                MIDLogText.classic(
                    time.classic,
                    MIDLogText.pipeline,
                    severe,
                    resolverProblem + " unsupported API version reported: 3, MID SERVER supports 2"
                )
            ]
        },
        SignatureCase(code: .logResolverError, variant: "java.lang.IllegalArgumentException") { time in
            [
                MIDLogText.classic(
                    time.classic,
                    MIDLogText.pipeline,
                    severe,
                    resolverProblem + " resolve() threw an exception in invoke: "
                ),
                "java.lang.reflect.InvocationTargetException",
                "\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)",
                "Caused by: java.lang.IllegalArgumentException: Invalid credential Id or type found.",
                "\tat com.snc.discovery.CredentialResolver.resolve(CredentialResolver.java:88)",
            ]
        },
        SignatureCase(code: .logTLSUntrusted, host: "kv-contoso-disc.vault.azure.net") { time in
            [
                MIDLogText.iso(
                    time.iso,
                    "ERROR",
                    MIDLogText.multiProbe,
                    "AzureKeyVaultCredentialResolver:131",
                    "Secret request to kv-contoso-disc.vault.azure.net failed"
                ),
                "javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
                    + "sun.security.provider.certpath.SunCertPathBuilderException: "
                    + "unable to find valid certification path to requested target",
            ]
        },
        SignatureCase(code: .logTokenError, variant: "AADSTS7000215", host: "login.microsoftonline.com") { time in
            [
                MIDLogText.iso(
                    time.iso,
                    "ERROR",
                    MIDLogText.multiProbe,
                    "AzureAccessTokenManager:77",
                    "POST https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token "
                        + "answered 401: \(invalidSecretReply)"
                )
            ]
        },
        SignatureCase(code: .logTokenError, variant: "AADSTS700016") { time in
            [
                MIDLogText.classic(
                    time.classic,
                    MIDLogText.pipeline,
                    severe,
                    "AzureAccessTokenManager - token request failed: AADSTS700016: Application with identifier "
                        + "'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' was not found in the directory"
                )
            ]
        },
        SignatureCase(code: .logTokenRejected, variant: "AKV10032") { time in
            [
                MIDLogText.iso(
                    time.iso,
                    "ERROR",
                    MIDLogText.multiProbe,
                    "AzureKeyVaultCredentialResolver:140",
                    #"Key Vault answered 401: {"error":{"code":"Unauthorized","message":"AKV10032: Invalid issuer."}}"#
                )
            ]
        },
        SignatureCase(code: .logForbidden, variant: "ForbiddenByRbac") { time in
            [
                MIDLogText.iso(
                    time.iso,
                    "ERROR",
                    MIDLogText.multiProbe,
                    "AzureKeyVaultCredentialResolver:140",
                    #"Key Vault answered 403: {"error":{"code":"Forbidden","message":"Caller is not authorized"#
                        + #" to perform action on resource.","innererror":{"code":"ForbiddenByRbac"}}}"#
                )
            ]
        },
        SignatureCase(code: .logForbidden, variant: "ForbiddenByFirewall") { time in
            [
                MIDLogText.classic(
                    time.classic,
                    MIDLogText.pipeline,
                    severe,
                    #"Key Vault answered 403: {"error":{"code":"Forbidden","message":"Client address is not"#
                        + #" authorized and caller is not a trusted service. Client address: 203.0.113.10"}}"#
                )
            ]
        },
        SignatureCase(code: .logSecretDisabled) { time in
            [
                MIDLogText.classic(
                    time.classic,
                    MIDLogText.pipeline,
                    severe,
                    #"Key Vault answered 403: {"error":{"code":"Forbidden","message":"Operation get is not allowed"#
                        + #" on a disabled secret.","innererror":{"code":"SecretDisabled"}}}"#
                )
            ]
        },
        SignatureCase(code: .logSecretNotFound) { time in
            [
                MIDLogText.classic(
                    time.classic,
                    MIDLogText.pipeline,
                    severe,
                    #"Key Vault answered 404: {"error":{"code":"SecretNotFound","message":"A secret with (name/id)"#
                        + #" linux-root-ssh was not found in this key vault."}}"#
                )
            ]
        },
        SignatureCase(
            code: .logThrottled,
            severity: .warning,
            host: "kv-contoso-disc.vault.azure.net",
            matchedRecord: 1
        ) {
            time in
            [
                MIDLogText.iso(
                    time.iso,
                    "DEBUG",
                    MIDLogText.multiProbe,
                    "AzureKeyVaultCredentialResolver:120",
                    getSecret
                ),
                MIDLogText.iso(
                    time.iso,
                    "WARN",
                    MIDLogText.multiProbe,
                    "AzureKeyVaultCredentialResolver:150",
                    #"HTTP/1.1 429 Too Many Requests, Retry-After: 7, {"error":{"code":"Throttled","message":"#
                        + #""Request was not processed. Reason: VaultRequestTypeLimitReached"}}"#
                ),
            ]
        },
        SignatureCase(code: .logConfigNotLoaded, shape: "resolver problem, classic") { time in
            [
                MIDLogText.classic(
                    time.classic,
                    MIDLogText.pipeline,
                    severe,
                    resolverProblem + " tenantId=null, clientId=null"
                )
            ]
        },
        SignatureCase(code: .logConfigNotLoaded, shape: "resolver problem, ISO") { time in
            [
                MIDLogText.iso(
                    time.iso,
                    "ERROR",
                    MIDLogText.multiProbe,
                    "CredentialResolverProxy:112",
                    resolverProblem + " tenantId=null, clientId=null"
                )
            ]
        },
        SignatureCase(code: .logConfigNotLoaded, shape: "token manager, classic") { time in
            [MIDLogText.classic(time.classic, MIDLogText.pipeline, severe, "AzureTokenManager: tenantId=null")]
        },
        SignatureCase(code: .logConfigNotLoaded, shape: "token manager, ISO") { time in
            [
                MIDLogText.iso(
                    time.iso,
                    "ERROR",
                    MIDLogText.multiProbe,
                    "AzureTokenManager:57",
                    "AzureTokenManager: clientId=null"
                )
            ]
        },
        SignatureCase(code: .logConfigNotLoaded, matchedRecord: 1, shape: "resolver named earlier on the thread") {
            time in
            [
                MIDLogText.classic(
                    time.classic,
                    MIDLogText.pipeline,
                    "DEBUG: ",
                    "Calling CredentialResolver to resolve linux-root-ssh"
                ),
                MIDLogText.classic(time.classic, MIDLogText.pipeline, severe, "Token request failed: tenantId=null"),
            ]
        },
    ]

    @Test(
        "each failure the MID logs becomes one finding with its count, first and last time, and latest sample",
        arguments: cases
    )
    func signature(_ signatureCase: SignatureCase) throws {
        let (first, second) = (LogTime(hour: 9, minute: 5), LogTime(hour: 11, minute: 40))
        let firstLines = signatureCase.lines(first)
        let lines =
            MIDLogText.traffic("03/02/26 09:00:00 (001)") + firstLines + MIDLogText.traffic("03/02/26 10:00:00 (001)")
            + signatureCase.lines(second) + MIDLogText.traffic("03/02/26 12:00:00 (001)")
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write("agent0.log.0", lines.joined(separator: "\n") + "\n")

        let report = try MIDLogScanner().scan(files: [path])

        let summary = try #require(report.signatures.first)
        #expect(report.signatures.count == 1)
        #expect(summary.code == signatureCase.code && summary.variant == signatureCase.variant)
        #expect(summary.count == 2 && summary.severity == signatureCase.severity)

        let iso = firstLines[signatureCase.matchedRecord].hasPrefix("2026-")
        #expect(summary.first?.description == first.reported(iso: iso))
        #expect(summary.last?.description == second.reported(iso: iso))
        let sampleLine = 3 + firstLines.count + 3 + signatureCase.matchedRecord + 1
        #expect(summary.sample.location == "\(path):\(sampleLine)")
        #expect(summary.host == signatureCase.host)

        let finding = try #require(report.findings.first)
        #expect(
            finding.check == "logs" && finding.code == signatureCase.code && finding.severity == signatureCase.severity
        )
        #expect(finding.evidence.first == Evidence("occurrences", "2"))
        #expect(finding.cause?.isEmpty == false && finding.fix?.isEmpty == false)
        if let variant = signatureCase.variant, signatureCase.code != .logResolverError {
            #expect(finding.message.contains(variant))
        }
    }

    @Test("a null tenant ID in a record that has nothing to do with credentials is not a finding")
    func unrelatedNullTenant() throws {
        let lines = [
            MIDLogText.classic(
                "03/02/26 10:15:01 (811)",
                "ECCQueueMonitor.40",
                "",
                "Processing ecc_queue.\(MIDLogText.sysID).xml: tenantId=null"
            )
        ]
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write("agent0.log.0", lines.joined(separator: "\n") + "\n")

        let report = try MIDLogScanner().scan(files: [path])

        #expect(report.signatures.isEmpty)
        #expect(report.findings.map(\.code) == [.logClean])
    }

    @Test("a single reset is a warning: it may be a stale pooled connection")
    func singleReset() throws {
        let lines = SignatureCase.reset(LogTime(hour: 9, minute: 5))
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write("agent0.log.0", lines.joined(separator: "\n"))

        let report = try MIDLogScanner().scan(files: [path])
        #expect(report.findings.map(\.severity) == [.warning])
        #expect(!report.hasErrors)
    }

    @Test("the AADSTS code picks the explanation")
    func tokenErrors() {
        #expect(LogSignature.explainTokenError("AADSTS7000215").message.contains("client secret"))
        #expect(LogSignature.explainTokenError("AADSTS7000222").message.contains("expired"))
        #expect(LogSignature.explainTokenError("AADSTS90002").message.contains("tenant"))
        #expect(
            LogSignature.explainTokenError("AADSTS12345").message
                == "Entra ID refused the MID's token request (AADSTS12345)"
        )
    }
}

extension SignatureCase {
    /// A reset after a Key Vault request on the same thread.
    static func reset(_ time: LogTime) -> [String] {
        LogSignatureTests.cases[1].lines(time)
    }
}
