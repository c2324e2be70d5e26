// The credential types midkv knows. Sources: the MID's own type constants, ServiceNow's resolver
// templates, and the Key Vault store's documented secret JSON. No public document states how the
// built-in Key Vault resolver maps JSON keys to resolver keys; every mapping below that is not
// marked as taken from a ServiceNow template or the MID itself is inferred from the key names
// and from how the MID reads the resolver's answer.

extension CredentialType {
    /// Every type in the catalogue.
    public static let catalogue: [CredentialType] = [
        .sshPassword, .sshPrivateKey, .windows, .snmp, .snmpv3, .vmware, .basicAuth, .cim, .jms, .jdbc, .mssql,
        .aws, .azure, .gcp, .apiKey, .ibm, .eaAzure, .azureSAS, .keystore, .cloudFoundryPattern,
    ]

    /// Fields of the plain user-and-password types: `user` -> `user`, `password` -> `pswd`
    /// (inferred, and what ServiceNow's templates return for these types).
    private static let userAndPassword = [CredentialShape(name: "user and password", fields: [.user, .password])]

    /// `ssh_password`, also spelled `ssh`: `user`, `password`.
    ///
    /// The record stores `ssh`; the MID rewrites it to `ssh_password` before calling a resolver,
    /// and the Key Vault documentation writes `"type": "ssh"` in the JSON. Both spellings are
    /// accepted either way.
    public static let sshPassword = CredentialType(
        name: "ssh_password",
        displayName: "SSH password",
        aliases: ["ssh"],
        documentedJSONType: "ssh",
        shapes: userAndPassword
    )

    /// `ssh_private_key`: `user` -> `user`, `ssh_private_key` -> `pkey`, optional
    /// `ssh_passphrase` -> `passphrase`, `password` -> `pswd`, `ssh_certificate` passed through.
    ///
    /// `private_key` and `passphrase` are accepted as aliases: a ServiceNow knowledge article
    /// spells the keys that way, the documentation with the `ssh_` prefix. The key values are
    /// kept byte for byte, line breaks included. The record's own type string
    /// `ssh_private_key,ssh_public_key` is accepted as a requested type.
    public static let sshPrivateKey = CredentialType(
        name: "ssh_private_key",
        displayName: "SSH private key",
        requestAliases: ["ssh_private_key,ssh_public_key"],
        shapes: [
            CredentialShape(
                name: "SSH private key",
                fields: [
                    .user,
                    .privateKey,
                    .passphrase,
                    .optional("password", to: .password, "<password>"),
                    .setting("ssh_certificate", "<OpenSSH certificate>"),
                ]
            )
        ]
    )

    /// `windows`: `user`, `password`, optional `domain`.
    ///
    /// The user name sent as `user` is `DOMAIN\user` when `domain` is non-empty and `.\user`
    /// when it is empty, `null` or absent (the documented rule for an empty domain; the
    /// `DOMAIN\user` form is what ServiceNow's CyberArk resolver builds). A user that already
    /// contains `\` or `@` is sent as written. `domain` is not returned on its own.
    public static let windows = CredentialType(
        name: "windows",
        displayName: "Windows",
        shapes: [
            CredentialShape(
                name: "Windows",
                fields: [
                    .user, .password,
                    CredentialField("domain", presence: .optional, resolverKey: nil, placeholder: "<domain>"),
                ]
            )
        ],
        qualifiesUserWithDomain: true
    )

    /// `snmp`: `password` (the community string) -> `pswd`, as the MID's own CyberArk resolver
    /// returns it.
    public static let snmp = CredentialType(
        name: "snmp",
        displayName: "SNMP community",
        shapes: [
            CredentialShape(
                name: "SNMP community",
                fields: [.required("password", to: .password, "<community string>")]
            )
        ]
    )

    /// `snmpv3`: `user` -> `user`, `authentication_protocol` -> `authprotocol`,
    /// `authentication_key` -> `authkey`, `privacy_protocol` -> `privprotocol`,
    /// `privacy_key` -> `privkey`, `snmp_context` -> `contextname`.
    ///
    /// User and authentication are required. The privacy pair is optional for
    /// authentication-only agents, but each half needs the other. The context is optional.
    /// Requiredness is inferred: the documentation lists the keys without saying which are
    /// optional.
    public static let snmpv3 = CredentialType(
        name: "snmpv3",
        displayName: "SNMPv3",
        shapes: [
            CredentialShape(
                name: "SNMPv3",
                fields: [
                    .user,
                    .required("authentication_protocol", to: .authProtocol, "<MD5 or SHA>"),
                    .required("authentication_key", to: .authKey, "<authentication key>"),
                    CredentialField(
                        "privacy_protocol",
                        presence: .requiredWith("privacy_key"),
                        resolverKey: .privProtocol,
                        placeholder: "<DES, 3DES or AES128>"
                    ),
                    CredentialField(
                        "privacy_key",
                        presence: .requiredWith("privacy_protocol"),
                        resolverKey: .privKey,
                        placeholder: "<privacy key>"
                    ),
                    .optional("snmp_context", to: .contextName, "<context name>"),
                ]
            )
        ]
    )

    /// `vmware`: `user`, `password`.
    public static let vmware = CredentialType(name: "vmware", displayName: "VMware", shapes: userAndPassword)

    /// `basic_auth`, also spelled `basic` (ServiceNow's templates): `user`, `password`.
    public static let basicAuth = CredentialType(
        name: "basic_auth",
        displayName: "basic authentication",
        aliases: ["basic"],
        shapes: userAndPassword
    )

    /// `cim`: `user`, `password`.
    public static let cim = CredentialType(name: "cim", displayName: "CIM", shapes: userAndPassword)

    /// `jms`: `user`, `password`.
    public static let jms = CredentialType(name: "jms", displayName: "JMS", shapes: userAndPassword)

    /// `jdbc`: `user`, `password`.
    public static let jdbc = CredentialType(name: "jdbc", displayName: "JDBC", shapes: userAndPassword)

    /// `mssql`: `user`, `password`. A MID type constant with no documented JSON; the application
    /// format applies (inferred).
    public static let mssql = CredentialType(name: "mssql", displayName: "SQL Server", shapes: userAndPassword)
}
