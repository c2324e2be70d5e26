import Foundation
import MidkvSupport

extension String {
    /// This text with every occurrence of the given secrets replaced by the redaction marker.
    ///
    /// Service messages are shown to users as evidence; a service that echoes part of a request
    /// must still not make a secret visible.
    func scrubbing(_ secrets: Secret...) -> String {
        secrets.reduce(self) { text, secret in
            let value = secret.reveal()
            guard value.count >= 4 else {
                return text
            }
            return text.replacingOccurrences(of: value, with: Secret.redactionMarker)
        }
    }

    /// The first line of this text, trimmed.
    var firstLine: String {
        let line = split(whereSeparator: \.isNewline).first.map(String.init) ?? self
        return line.trimmingCharacters(in: .whitespaces)
    }
}
