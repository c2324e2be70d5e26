/// A kind of credential the MID can ask a resolver for, with the secret JSON it expects.
///
/// Every credential lives in Key Vault as one secret whose value is a JSON object with a `type`
/// key and the type's fields. Two type strings meet here:
///
/// - the *requested* type the MID passes to the resolver (`ssh_password`, `windows`, …), taken
///   from the credential record;
/// - the *JSON* type, the `type` value inside the secret (`ssh`, `windows`, …).
///
/// ``accepts(jsonType:)`` says which JSON types fit a requested type. The catalogue
/// (``catalogue``) lists the types midkv knows; any other type string is an *application type*
/// (``application(_:)``): `user` and `password`, mapped to `user` and `pswd`.
public struct CredentialType: Sendable, Hashable, CustomStringConvertible {
    /// The canonical type string, as the MID sends it: `ssh_password`, `basic_auth`.
    public let name: String
    /// A short human name, such as `SSH password`.
    public let displayName: String
    /// Other spellings accepted both from the MID and as the JSON `type`, such as `ssh` for
    /// `ssh_password`.
    public let aliases: [String]
    /// Spellings accepted only as a requested type, such as the record's
    /// `ssh_private_key,ssh_public_key`, which the MID normally rewrites before calling.
    public let requestAliases: [String]
    /// The `type` value the public documentation uses in the secret JSON.
    public let documentedJSONType: String
    /// The JSON shapes of this type; one for all types except `keystore`.
    public let shapes: [CredentialShape]
    /// Whether this is an application type built by ``application(_:)``.
    public let isApplicationType: Bool
    /// Whether the user name is qualified with the `domain` field (Windows): `DOMAIN\user`, or
    /// `.\user` when the domain is empty or `null`. A user that already holds `\` or `@` is
    /// kept as it is.
    public let qualifiesUserWithDomain: Bool

    /// Creates a type.
    public init(
        name: String,
        displayName: String,
        aliases: [String] = [],
        requestAliases: [String] = [],
        documentedJSONType: String? = nil,
        shapes: [CredentialShape],
        isApplicationType: Bool = false,
        qualifiesUserWithDomain: Bool = false
    ) {
        self.name = name
        self.displayName = displayName
        self.aliases = aliases
        self.requestAliases = requestAliases
        self.documentedJSONType = documentedJSONType ?? name
        self.shapes = shapes
        self.isApplicationType = isApplicationType
        self.qualifiesUserWithDomain = qualifiesUserWithDomain
    }

    /// The name and aliases: every spelling accepted as the JSON `type`.
    public var spellings: [String] {
        [name] + aliases
    }

    /// Whether a secret whose JSON `type` is `jsonType` fits this requested type. Exact
    /// spelling: `SSH` does not fit `ssh_password`.
    ///
    /// `ssh_password` accepts `ssh` and `ssh_password`; `basic_auth` accepts `basic_auth` and
    /// `basic`; every other type accepts its own name only, so `ssh_private_key` does not accept
    /// `ssh`.
    public func accepts(jsonType: String) -> Bool {
        spellings.contains(jsonType)
    }

    /// The first shape; the only one for all types but `keystore`.
    public var primaryShape: CredentialShape {
        shapes[0]
    }

    /// Every JSON key and alias any shape of the type reads.
    public var allSpellings: Set<String> {
        Set(shapes.flatMap(\.allSpellings))
    }

    /// The expected JSON of each shape, with placeholders, for messages.
    public var expectedShapes: String {
        guard shapes.count > 1 else {
            return primaryShape.expectedShape(type: documentedJSONType)
        }
        return shapes.map { "\($0.name): \($0.expectedShape(type: documentedJSONType))" }.joined(separator: " or ")
    }

    public var description: String {
        name
    }
}

extension CredentialType {
    /// An application type: any type string outside the catalogue, with `user` -> `user` and
    /// `password` -> `pswd`, both required.
    ///
    /// The Key Vault documentation calls these applicative credentials. ServiceNow's resolver
    /// templates return `user` and `pkey` for a few such types (`infoblox`, `sn_cfg_ansible`);
    /// the Key Vault format only has `password`, so it goes to `pswd` here (inferred).
    public static func application(_ name: String) -> CredentialType {
        CredentialType(
            name: name,
            displayName: "application credential `\(name)`",
            shapes: [CredentialShape(name: "application", fields: [.user, .password])],
            isApplicationType: true
        )
    }

    /// The catalogue type that `spelling` names, as JSON `type` or as requested type.
    public static func named(_ spelling: String) -> CredentialType? {
        catalogue.first { $0.spellings.contains(spelling) || $0.requestAliases.contains(spelling) }
    }

    /// The type for a type string the MID sent: the catalogue type it names, else an
    /// application type of that name.
    public static func requested(_ typeString: String) -> CredentialType {
        named(typeString) ?? application(typeString)
    }

    /// Every spelling the catalogue accepts as a JSON `type`, in catalogue order.
    public static var knownJSONTypes: [String] {
        catalogue.flatMap(\.spellings)
    }
}
