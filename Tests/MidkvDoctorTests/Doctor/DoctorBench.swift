import Foundation
import MidkvCore
import MidkvDoctor
import MidkvEmulator
import MidkvTestSupport
import MidkvTransport

/// The emulator serving ``DoctorWorld``, and the doctor pointed at it.
final class DoctorBench: Sendable {
    let harness: EmulatorHarness
    let time = NoWaitTimeSource()

    init(seed: EmulatorSeed? = nil) throws {
        harness = try EmulatorHarness(seed: seed ?? DoctorWorld().seed)
    }

    var emulator: Emulator {
        harness.emulator
    }

    /// Writes `xml` as a private agent/config.xml in a folder of its own and returns its path.
    func write(_ xml: String, permissions: Int = 0o600, modified: Date? = nil) throws -> String {
        let path = try harness.folder.write("mid-\(UUID().uuidString.prefix(6))/agent/config.xml", xml)
        var attributes: [FileAttributeKey: Any] = [.posixPermissions: permissions]
        attributes[.modificationDate] = modified
        try FileManager.default.setAttributes(attributes, ofItemAtPath: path)
        return path
    }

    /// Writes MID agent log `lines` and returns the file's path.
    func writeLog(_ lines: [String]) throws -> String {
        try harness.folder.write(
            "logs-\(UUID().uuidString.prefix(6))/agent0.log.0",
            lines.joined(separator: "\n") + "\n"
        )
    }

    /// Runs the doctor on `xml` with the redirect to the emulator.
    func run(
        _ xml: String?,
        credentials: [String] = [],
        flags: [String: String] = [:],
        environment: [String: String] = [:],
        logs: (any MIDLogSource)? = ScannedLogSource(timeZone: TimeZone(identifier: "UTC") ?? .current),
        logFiles: [String] = [],
        modified: Date? = nil,
        processes: [RunningProcess] = [],
        offline: Bool = false,
        nameResolver: (any NameResolver)? = nil,
        linter: any CredentialValueLinter = SecretValueLinter(),
        adjustNetwork: @escaping @Sendable (inout NetworkCheck.Configuration) -> Void = { _ in }
    ) async throws -> DoctorReport {
        let request = Doctor.Request(
            configPath: try xml.map { try write($0, modified: modified) },
            flags: harness.redirectFlags.merging(flags) { _, new in new },
            environment: environment,
            credentials: try credentials.map { try CredentialTarget(parsing: $0) },
            logFiles: logFiles,
            offline: offline
        )
        let dependencies = Doctor.Dependencies(
            config: ConfigCheck.Dependencies(processes: StaticProcessTable(processes)),
            logs: logs,
            nameResolver: nameResolver ?? StaticNameResolver([:]),
            adjustNetwork: { configuration in
                configuration.timeBox = .seconds(10)
                adjustNetwork(&configuration)
            },
            time: time,
            linter: linter
        )
        return await Doctor(request: request, dependencies: dependencies).run()
    }

    func stop() {
        harness.stop()
    }
}

extension DoctorReport {
    /// The codes of the errors, in order.
    var errorCodes: [ErrorCode] {
        errors.map(\.code)
    }

    /// The findings with `code`.
    func findings(_ code: ErrorCode) -> [Finding] {
        findings.filter { $0.code == code }
    }

    /// The findings of `check`.
    func findings(check: String) -> [Finding] {
        findings.filter { $0.check == check }
    }
}
