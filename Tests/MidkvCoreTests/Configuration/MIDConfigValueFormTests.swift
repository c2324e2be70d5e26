import MidkvCore
import Testing

@Suite("MIDConfigValueForm classifies config.xml values")
struct MIDConfigValueFormTests {
    @Test(
        "recognises both encrypted formats and nothing else",
        arguments: [
            ("encrypted:rhrfUNYRzZAI8/BkTtZmNA==", MIDConfigValueForm.encrypted(.legacy)),
            ("encrypted:rhrfUNYRzZAI8/\r\nBkTtZmNA==", .encrypted(.legacy)),
            ("ENCv2[q3VtLmk0Rz9wYTJ1WjhrTjFzQ2VYN2hEb2ZRbVZ0U2w=]", .encrypted(.v2)),
            ("ENCv2[]", .plain),
            ("ENCv2[not base64!]", .plain),
            ("encrypted:", .plain),
            ("encv2[QUJD]", .plain),
            ("Xy9~placeholder~secret", .plain),
            ("", .empty),
            ("   ", .empty),
        ]
    )
    func classifies(value: String, form: MIDConfigValueForm) {
        #expect(MIDConfigValueForm(classifying: value) == form)
    }
}
