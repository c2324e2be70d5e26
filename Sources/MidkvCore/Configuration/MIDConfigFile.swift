import Foundation

/// A MID Server's `agent/config.xml`, read the way the MID reads it.
///
/// The file is one `<parameters>` element holding `<parameter name=… value=…/>` elements.
/// Like the MID, the reader takes every `<parameter>` element at any depth, decodes entities,
/// accepts either quote and any attribute order, and treats a parameter as secure when
/// `secure` or `encrypt` is exactly `true`. When a name appears twice, the later element wins,
/// as in the MID's own loader.
///
/// Two things the MID silently ignores are kept for diagnostics: elements other than
/// `<parameter>` (such as the `<paramter` spelling found in published examples) and
/// `<parameter …>` declarations inside XML comments.
public struct MIDConfigFile: Sendable {
    /// An element inside `<parameters>` that the MID does not read as a parameter.
    public struct UnexpectedElement: Sendable, Hashable {
        /// The element's name, such as `paramter`.
        public var elementName: String
        /// The line on which its start tag begins.
        public var line: Int
        /// Its `name` attribute, if it has one.
        public var nameAttribute: String?

        /// Creates a record of an unexpected element.
        public init(elementName: String, line: Int, nameAttribute: String?) {
            self.elementName = elementName
            self.line = line
            self.nameAttribute = nameAttribute
        }
    }

    /// A `<parameter …>` declaration written inside an XML comment, which the MID ignores.
    ///
    /// Only the name, the line and the shape of the value are kept: a commented-out value may
    /// well be an old password.
    public struct CommentedParameter: Sendable, Hashable {
        /// The `name` attribute, if the scanner found one.
        public var name: String?
        /// The line on which `<parameter` appears.
        public var line: Int
        /// Whether a `value` attribute with at least one non-space character is present.
        public var hasValue: Bool
        /// How the value is written, when there is a `value` attribute.
        public var valueForm: MIDConfigValueForm?
        /// Whether the declaration says `secure="true"` or `encrypt="true"`.
        public var isSecure: Bool

        /// Creates a record of a commented-out declaration.
        public init(name: String?, line: Int, hasValue: Bool, valueForm: MIDConfigValueForm?, isSecure: Bool) {
            self.name = name
            self.line = line
            self.hasValue = hasValue
            self.valueForm = valueForm
            self.isSecure = isSecure
        }

        init(attributes: [String: String], line: Int) {
            let form = attributes["value"].map(MIDConfigValueForm.init(classifying:))
            self.init(
                name: attributes["name"],
                line: line,
                hasValue: form != nil && form != .empty,
                valueForm: form,
                isSecure: MIDConfigParameter.isSecure(attributes)
            )
        }
    }

    /// The file's path as given.
    public let path: String
    /// Every parameter in document order, duplicates included.
    public let parameters: [MIDConfigParameter]
    /// Elements that are not `<parameter>`, below the root, in document order.
    public let unexpectedElements: [UnexpectedElement]
    /// `<parameter …>` declarations found inside comments, in document order.
    public let commentedParameters: [CommentedParameter]

    /// The name of the file, for messages such as `config.xml line 12`.
    public var fileName: String {
        URL(fileURLWithPath: path).lastPathComponent
    }

    /// The parameter the MID uses for `name`: the last one with that name.
    public func parameter(named name: String) -> MIDConfigParameter? {
        parameters.last { $0.name == name }
    }

    /// Every parameter called `name`, in document order.
    public func parameters(named name: String) -> [MIDConfigParameter] {
        parameters.filter { $0.name == name }
    }
}
