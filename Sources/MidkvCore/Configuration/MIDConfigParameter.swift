import MidkvSupport

/// One `<parameter name=… value=…/>` element of a MID Server's config.xml.
///
/// The value is held as a ``Secret`` because any parameter may carry a password; reveal it
/// only for parameters known to hold no secret. The description shows the name, line and form,
/// never the value.
public struct MIDConfigParameter: Sendable, Hashable, CustomStringConvertible {
    /// The `name` attribute, such as `ext.cred.azure.tenant_id`.
    public var name: String
    /// The `value` attribute with entities decoded; empty when the attribute is absent.
    public var value: Secret
    /// Whether the element has a `value` attribute at all.
    public var hasValueAttribute: Bool
    /// Whether the MID treats the parameter as secure: `secure="true"` or the older
    /// `encrypt="true"`, compared exactly and case-sensitively as the MID does.
    public var isSecure: Bool
    /// The line on which the element's start tag begins (1-based).
    public var line: Int
    /// How the value is written: plain, empty or encrypted.
    public var form: MIDConfigValueForm

    /// Creates a parameter and classifies its value.
    public init(name: String, value: String, isSecure: Bool = false, line: Int, hasValueAttribute: Bool = true) {
        self.name = name
        self.value = Secret(value)
        self.hasValueAttribute = hasValueAttribute
        self.isSecure = isSecure
        self.line = line
        self.form = MIDConfigValueForm(classifying: value)
    }

    /// Creates a parameter from an element's attributes.
    init(name: String, attributes: [String: String], line: Int) {
        self.init(
            name: name,
            value: attributes["value"] ?? "",
            isSecure: Self.isSecure(attributes),
            line: line,
            hasValueAttribute: attributes["value"] != nil
        )
    }

    /// The value's text when it is not encrypted, for parameters that hold no secret.
    public var readableValue: String? {
        form.isEncrypted ? nil : value.reveal()
    }

    public var description: String {
        let secure = isSecure ? ", secure" : ""
        return "\(name) (line \(line)\(secure), \(form))"
    }

    /// Applies the MID's rule: `secure` or `encrypt` exactly equal to `true`.
    static func isSecure(_ attributes: [String: String]) -> Bool {
        attributes["secure"] == "true" || attributes["encrypt"] == "true"
    }
}
