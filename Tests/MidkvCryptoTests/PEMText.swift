import Foundation

/// Small helpers for looking inside PEM text in tests.
enum PEMText {
    /// The DER bytes of every block in `pem`, in order.
    static func derBlocks(_ pem: String) -> [Data] {
        let lines = pem.split(separator: "\n")
        var blocks: [Data] = []
        var base64 = ""
        for line in lines {
            if line.hasPrefix("-----BEGIN") {
                base64 = ""
            } else if line.hasPrefix("-----END") {
                blocks.append(Data(base64Encoded: base64) ?? Data())
            } else {
                base64 += line
            }
        }
        return blocks
    }

    /// The Base64 body lines of `pem`, without the BEGIN and END lines.
    static func bodyLines(_ pem: String) -> [String] {
        pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
    }
}
