import Foundation
import MidkvCore
import MidkvDoctor
import MidkvEmulator
import MidkvSupport
import Synchronization
import Testing

/// Field cases 26 and 28 are about the shape of a private key inside the secret's value: the
/// doctor hands the value it read to the credential value linter.
extension FieldCaseTests {
    /// Records what it was given and reports the value's line count.
    final class RecordingLinter: CredentialValueLinter {
        private let seen = Mutex<[(lines: Int, type: String)]>([])

        var calls: [(lines: Int, type: String)] {
            seen.withLock { $0 }
        }

        func findings(for value: Secret, credentialType: String) -> [Finding] {
            let lines = value.reveal().components(separatedBy: "\\n").count
            seen.withLock { $0.append((lines, credentialType)) }
            return [
                Finding(
                    check: "secret",
                    severity: .warning,
                    code: ErrorCode("secret.recorded"),
                    message: "value read",
                    evidence: [Evidence("escaped line breaks", String(lines - 1))]
                )
            ]
        }
    }

    @Test(
        "field cases 26 and 28: a flattened, truncated or OpenSSH key is named by the secret linter after the credential",
        arguments: [
            ("linux-root-key-flat", ErrorCode.secretPEMFlattened),
            ("linux-root-key-truncated", .secretPEMTruncated),
            ("linux-root-key-openssh", .secretKeyOpenSSHFormat),
        ]
    )
    func keyShapes(_ secret: String, _ code: ErrorCode) async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }

        let report = try await bench.run(DoctorWorld.clientSecretConfig(), credentials: ["\(secret):ssh_private_key"])

        let credential = report.findings(check: "credential")
        #expect(credential.first?.code == .secretResolved)
        let finding = try #require(credential.first { $0.code == code })
        #expect(finding.evidence("credential") == "\(secret) (ssh_private_key)")
        #expect(finding.fix?.isEmpty == false)
        #expect(!report.findings.mention("PRIVATE KEY-----MII"))
    }

    @Test(
        "the value of a key secret reaches the linter, whose findings follow the credential's",
        arguments: [("linux-root-key-flat", 0), ("linux-root-key-openssh", 3)]
    )
    func keyValuesReachLinter(_ secret: String, _ lineBreaks: Int) async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        let linter = RecordingLinter()

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(),
            credentials: ["\(secret):ssh_private_key"],
            linter: linter
        )

        #expect(linter.calls.map(\.type) == ["ssh_private_key"])
        let credential = report.findings(check: "credential")
        #expect(credential.map(\.code) == [.secretResolved, ErrorCode("secret.recorded")])
        #expect(credential.last?.evidence("escaped line breaks") == String(lineBreaks))
        #expect(credential.last?.evidence("credential") == "\(secret) (ssh_private_key)")
        #expect(bench.emulator.requests.count { $0.kind == .token } == 1)
    }

    @Test("a value refused for its JSON still reaches the linter; an inactive linter costs no second read")
    func linterOnRefusedValue() async throws {
        let bench = try DoctorBench()
        defer { bench.stop() }
        let linter = RecordingLinter()

        let report = try await bench.run(
            DoctorWorld.clientSecretConfig(),
            credentials: ["linux-root-plain:ssh_password"],
            linter: linter
        )
        let reads = bench.emulator.requests.count { $0.secret == "linux-root-plain" }
        bench.emulator.resetRequestLog()
        _ = try await bench.run(
            DoctorWorld.clientSecretConfig(),
            credentials: ["linux-root-plain:ssh_password"],
            linter: NoCredentialValueLinter()
        )

        #expect(report.errorCodes == [.secretNotJSON])
        #expect(linter.calls.count == 1)
        #expect(reads > bench.emulator.requests.count { $0.secret == "linux-root-plain" })
    }
}
