import MidkvCore
import MidkvSupport

/// One run of the linter over one value: the text it read, what it found, and what it noted
/// for ``SecretRepair``.
///
/// The checks run in order (encoding, size, JSON, type and keys, then each field), and a check
/// that makes the rest meaningless stops the run: text that is not UTF-8 cannot be parsed, and
/// a value that is not JSON has no fields.
struct SecretInspection {
    /// How the text was recovered from the input, when it was not UTF-8 as given.
    enum EncodingChange: Sendable, Equatable {
        /// A UTF-8 byte-order mark was dropped.
        case droppedByteOrderMark
        /// UTF-16 with a byte-order mark was converted to UTF-8.
        case convertedFromUTF16(bigEndian: Bool)
    }

    /// The credential type asked for, if any.
    let requestedType: String?
    /// What the checks found, in order.
    private(set) var findings: [Finding] = []
    /// The text as UTF-8, after any encoding change.
    var text: [UInt8] = []
    /// How the text differs from the input.
    var encodingChange: EncodingChange?
    /// Whether the text could be read as UTF-8.
    var isReadable = false
    /// The document, when the text is a JSON object.
    var document: SecretDocument?
    /// The object's members with their positions.
    var members: [ScannedMember] = []
    /// The credential type the fields were checked against, if one applies.
    var credentialType: CredentialType?
    /// What the field checks learned about each member, by index.
    var notes: [MemberNote] = []
    /// Keys the resolver suggests renaming, to the key it expected.
    var suggestedRenames: [String: String] = [:]

    init(requestedType: String?) {
        self.requestedType = requestedType
    }

    /// Runs every check on `input`.
    mutating func run(_ input: [UInt8]) {
        checkEncoding(input)
        guard isReadable else {
            return
        }

        checkSize()
        checkStructure()
        guard document != nil else {
            return
        }

        checkType()
        checkKeys()
        checkFields()
        checkWindowsUser()
    }

    /// The findings as reported: every text made visible.
    var reportedFindings: [Finding] {
        findings.map(FindingText.visible)
    }

    // MARK: - Reporting

    /// Records a finding of the `secret` check.
    mutating func report(
        _ severity: Finding.Severity,
        _ code: ErrorCode,
        _ message: String,
        evidence: [Evidence] = [],
        cause: String? = nil,
        fix: String? = nil
    ) {
        let finding = Finding(
            check: SecretLinter.check,
            severity: severity,
            code: code,
            message: message,
            evidence: evidence,
            cause: cause,
            fix: fix
        )
        findings.append(finding)
    }

    /// Records an error the resolver's own reading raised.
    mutating func report(_ error: MidkvError, severity: Finding.Severity = .error) {
        findings.append(Finding(error: error, check: SecretLinter.check, severity: severity))
    }

    /// Evidence locating byte `offset` of the text: offset, line and column.
    func location(_ offset: Int) -> [Evidence] {
        let place = TextLocation(offset: offset, in: text)
        return [
            Evidence("byte offset", "\(offset + (encodingChange == .droppedByteOrderMark ? 3 : 0))"),
            Evidence("line", "\(place.line)"),
            Evidence("column", "\(place.column)"),
        ]
    }
}
