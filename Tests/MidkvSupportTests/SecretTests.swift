import MidkvSupport
import Testing

@Suite("Secret")
struct SecretTests {
    let canary = "CANARY-secret-3f9d"

    @Test("printing, interpolating and dumping show only the redaction marker")
    func neverPrintsItself() {
        let secret = Secret(canary)
        var dumped = ""
        dump(secret, to: &dumped)

        #expect("\(secret)" == "<redacted>")
        #expect(String(describing: secret) == "<redacted>")
        #expect(String(reflecting: secret) == "Secret(<redacted>)")
        #expect(!dumped.contains(canary))
        #expect(!"\([secret])".contains(canary))
        #expect(!"\(Optional(secret) as Any)".contains(canary))
    }

    @Test("reveal returns the value and counts are safe to show")
    func revealAndCounts() {
        let secret = Secret("pässword")

        #expect(secret.reveal() == "pässword")
        #expect(secret.count == 8)
        #expect(secret.utf8Count == 9)
        #expect(!secret.isEmpty)
        #expect(Secret("").isEmpty)
    }
}
