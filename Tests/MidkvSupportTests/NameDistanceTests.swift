import MidkvSupport
import Testing

@Suite("NameDistance")
struct NameDistanceTests {
    @Test("counts insertions, deletions and substitutions, ignoring case")
    func distance() {
        #expect(NameDistance.between("clientid", "client_id") == 1)
        #expect(NameDistance.between("kitten", "sitting") == 3)
        #expect(NameDistance.between("USER", "user") == 0)
        #expect(NameDistance.between("", "abc") == 3)
    }

    @Test("suggests the nearest name only when it is a likely typo")
    func nearest() {
        let options = ["--config", "--format", "--reveal"]

        #expect(NameDistance.nearest(to: "--confg", among: options) == "--config")
        #expect(NameDistance.nearest(to: "--formt", among: options) == "--format")
        #expect(NameDistance.nearest(to: "--verbose", among: options) == nil)
        #expect(NameDistance.nearest(to: "--config", among: options) == nil)
    }
}
