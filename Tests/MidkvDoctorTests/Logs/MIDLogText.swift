import Foundation
import MidkvTestSupport
import Testing

/// Builds MID agent log lines in the layouts the MID writes, with the thread names it uses.
enum MIDLogText {
    static let sysID = "9f0c1e2d3b4a59687f6e5d4c3b2a1908"
    static let otherSysID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"

    /// The thread Test Credential runs on.
    static let pipeline = "Worker-Interactive:CommandPipeline-\(sysID)"
    /// A probe thread whose name holds a space, as the ISO layout shows.
    static let multiProbe = "Worker-Expedited:MultiProbe -\(sysID)"
    static let otherWorker = "Worker-Standard:SSHCommand-\(otherSysID)"

    /// A classic line: `time` as `03/02/26 10:15:01 (811)`, `marker` such as `SEVERE *** ERROR *** `.
    static func classic(_ time: String, _ thread: String, _ marker: String = "", _ message: String) -> String {
        "\(time) \(thread) \(marker)\(message)"
    }

    /// An ISO line: `time` as `2026-03-02T10:15:01.123+0100`.
    static func iso(_ time: String, _ level: String, _ thread: String, _ source: String, _ message: String) -> String {
        "\(time) \(level) (\(thread)) [\(source)] \(message)"
    }

    /// Routine traffic around the lines under test.
    static func traffic(_ time: String) -> [String] {
        [
            classic(
                time,
                "ECCQueueMonitor.40",
                "",
                "Enqueuing: /opt/agent/work/monitors/ECCSender/output_1/ecc_queue.\(sysID).xml"
            ),
            classic(time, "ECCSender.1", "", "Sending ecc_queue.\(sysID).xml"),
            classic(time, otherWorker, "", "Worker completed: SSHCommand source: 10.20.30.40 time: 0:00:01.204"),
        ]
    }

    /// The body Entra ID answered for a wrong client secret, from the recorded Azure traffic.
    static func recordedInvalidSecretReply() throws -> String {
        let recording = try Fixtures.azure(
            "recordings/azure-sdk-for-go/azidentity/TestClientSecretCredential_InvalidSecretLive.json"
        )
        let entries = try #require(
            (try JSONSerialization.jsonObject(with: recording) as? [String: Any])?["Entries"] as? [[String: Any]]
        )
        let reply = try #require(entries.first { $0["StatusCode"] as? Int == 401 }?["ResponseBody"])
        return String(
            decoding: try JSONSerialization.data(withJSONObject: reply, options: [.sortedKeys]),
            as: UTF8.self
        )
    }
}
