import Foundation
import MidkvSupport
import Testing

@Suite("Logger")
struct LoggerTests {
    @Test("entries below the minimum level are dropped; metadata merges")
    func levelsAndMetadata() {
        let memory = MemoryLogHandler()
        let logger = Logger(label: "midkv.test", handler: memory, minimumLevel: .info)
            .with("vault.name", "kv-contoso")

        logger.debug("hidden")
        logger.info("shown", ["http.status": "200"])

        #expect(memory.entries.count == 1)
        #expect(memory.entries[0].message == "shown")
        #expect(memory.entries[0].metadata == ["vault.name": "kv-contoso", "http.status": "200"])
    }

    @Test("the disabled logger writes nothing")
    func disabled() {
        #expect(!Logger.disabled.isEnabled(.critical))
    }

    @Test("human lines quote values with spaces; JSON lines carry every key")
    func rendering() throws {
        let entry = LogEntry(
            timestamp: Date(timeIntervalSince1970: 0),
            level: .warning,
            label: "midkv.keyvault",
            message: "retrying request",
            metadata: ["reason": "too many requests", "http.status": "429"]
        )

        let human = StreamLogHandler(format: .human).render(entry)
        let json = StreamLogHandler(format: .json).render(entry)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])

        #expect(
            human
                == #"1970-01-01T00:00:00.000Z warning midkv.keyvault retrying request http.status=429 reason="too many requests""#
        )
        #expect(object["level"] == "warning")
        #expect(object["message"] == "retrying request")
        #expect(object["http.status"] == "429")
        #expect(object["time"] == "1970-01-01T00:00:00.000Z")
    }

    @Test("a secret in metadata renders as its marker")
    func secretInMetadata() {
        let memory = MemoryLogHandler()
        let logger = Logger(label: "midkv.test", handler: memory)

        logger.info("token acquired", ["token": "\(Secret("CANARY-token"))"])

        #expect(!memory.transcript.contains("CANARY-token"))
        #expect(memory.transcript.contains("<redacted>"))
    }
}
