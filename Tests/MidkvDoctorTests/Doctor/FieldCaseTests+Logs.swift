import Foundation
import MidkvCore
import MidkvDoctor
import Testing

/// The field cases whose evidence is in the MID's agent log, run through the doctor with the log.
extension FieldCaseTests {
    /// `2026-03-02T10:15:01.123+0000`: the ISO layout, in UTC.
    private static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let values = [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second].map { $0 ?? 0 }
        let text = values.map { $0 < 10 ? "0\($0)" : "\($0)" }
        return "\(text[0])-\(text[1])-\(text[2])T\(text[3]):\(text[4]):\(text[5]).000+0000"
    }

    private static let pipeline = "Worker-Interactive:CommandPipeline-9f0c1e2d3b4a59687f6e5d4c3b2a1908"

    @Test("field case 1, with the agent log: null tenant and client logged after the edit is config.not-loaded")
    func case1WithLog() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        let now = Date()
        let log = try bench.writeLog([
            "\(Self.stamp(now.addingTimeInterval(-86_400))) INFO (MIDServer) [Main:265] Initializing MID Server",
            "\(Self.stamp(now.addingTimeInterval(-86_390))) INFO (MIDServer) [Main:301] MID Server started",
            "\(Self.stamp(now.addingTimeInterval(-120))) ERROR (\(Self.pipeline)) [AzureAccessTokenManager:88] "
                + "AzureAccessTokenManager - getTokenWithSecretKey: no token for tenantId=null, clientId=null",
        ])

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(),
            credentials: ["linux-root-ssh:ssh_private_key"],
            logFiles: [log],
            modified: now.addingTimeInterval(-600)
        )

        let finding = try #require(report.findings(.configNotLoaded).first)
        #expect(finding.severity == .error)
        #expect(finding.evidence("null tenant or client logged (agent log)") != nil)
        #expect(finding.evidence("last MID start (agent log)") != nil)
        #expect(report.findings(.logConfigNotLoaded).count == 1)
        #expect(report.sections.map(\.check).prefix(3) == ["config", "credential-id", "logs"])
        #expect(report.facts.lastMIDStart != nil)
        // midkv itself reads the file as it is now, so the online checks still run and pass.
        #expect(report.findings(.secretResolved).count == 1)
    }

    @Test("field case 7, from the agent log: a reset on the vault host is log.connection-reset")
    func case7Log() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        let time = Self.stamp(Date().addingTimeInterval(-300))
        let log = try bench.writeLog([
            "\(time) DEBUG (\(Self.pipeline)) [AzureKeyVault:120] "
                + "GET https://kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh?api-version=7.4",
            "\(time) ERROR (\(Self.pipeline)) [AzureKeyVault:131] Secret request failed",
            "java.net.SocketException: Connection reset",
            "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:323)",
        ])

        let report = try await bench.run(DoctorWorld.clientSecretConfig(), logFiles: [log], offline: true)

        let finding = try #require(report.findings(.logConnectionReset).first)
        #expect(finding.check == "logs")
        #expect(finding.shownText.contains(DoctorWorld.vaultHost))
    }

    @Test("field case 31: another resolver answering the credential shows in the log as log.resolver-missing")
    func case31WrongResolver() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        let time = Self.stamp(Date().addingTimeInterval(-300))
        let log = try bench.writeLog([
            "\(time) INFO (\(Self.pipeline)) [CredentialResolverProxy:77] vendorX resolver: resolving linux-root-ssh",
            "\(time) ERROR (\(Self.pipeline)) [CredentialResolverProxy:93] Problem with client's CredentialResolver:",
            "java.lang.ClassNotFoundException: com.snc.discovery.CredentialResolver",
            "\tat java.net.URLClassLoader.findClass(URLClassLoader.java:382)",
        ])

        let report = try await bench.run(DoctorWorld.clientSecretConfig(), logFiles: [log], offline: true)

        let finding = try #require(report.findings(.logResolverMissing).first)
        #expect(finding.severity == .error)
        #expect(finding.fix?.isEmpty == false)
    }
}
