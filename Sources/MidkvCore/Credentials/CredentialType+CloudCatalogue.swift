// Cloud, key and certificate credential types. See CredentialType+Catalogue.swift for the basis
// of the mappings.

extension CredentialType {
    /// `aws`: `access_key` -> `user`, `secret_key` -> `pswd`, as ServiceNow's templates return
    /// them; the MID copies them back to the record's `access_key` and `secret_key`.
    public static let aws = CredentialType(
        name: "aws",
        displayName: "AWS",
        shapes: [
            CredentialShape(
                name: "AWS access key",
                fields: [
                    .required("access_key", to: .user, "<access key ID>"),
                    .required("secret_key", to: .password, "<secret access key>"),
                ]
            )
        ]
    )

    /// `azure`: `client_id` -> `user`, `secret_key` -> `pswd`, `tenant_id` passed through as
    /// `tenant_id` (inferred, following the AWS pattern).
    public static let azure = CredentialType(
        name: "azure",
        displayName: "Azure service principal",
        shapes: [
            CredentialShape(
                name: "Azure service principal",
                fields: [
                    .required("client_id", to: .user, "<application (client) ID>"),
                    .required("secret_key", to: .password, "<client secret value>"),
                    .setting("tenant_id", presence: .required, "<tenant ID>"),
                ]
            )
        ]
    )

    /// `gcp`: `email` -> `user`, `secret_key` -> `pswd` (inferred).
    public static let gcp = CredentialType(
        name: "gcp",
        displayName: "Google Cloud",
        shapes: [
            CredentialShape(
                name: "Google Cloud service account",
                fields: [
                    .required("email", to: .user, "<service account e-mail>"),
                    .required("secret_key", to: .password, "<private key>"),
                ]
            )
        ]
    )

    /// `api_key`: `api_key` -> `pkey`, where ServiceNow's templates return API keys.
    public static let apiKey = CredentialType(
        name: "api_key",
        displayName: "API key",
        shapes: [CredentialShape(name: "API key", fields: [.required("api_key", to: .privateKey, "<API key>")])]
    )

    /// `ibm`: `softlayer_user` and `softlayer_key` required, `bluemix_key` optional, all passed
    /// through under their own names; optional `user` -> `user`, `password` -> `pswd`.
    ///
    /// Requiredness is inferred from ServiceNow's templates, which name the three IBM fields.
    public static let ibm = CredentialType(
        name: "ibm",
        displayName: "IBM Cloud",
        shapes: [
            CredentialShape(
                name: "IBM Cloud",
                fields: [
                    .optional("user", to: .user, "<user name>"),
                    .optional("password", to: .password, "<password>"),
                    .setting("softlayer_user", presence: .required, "<SoftLayer user name>"),
                    .required("softlayer_key", "<SoftLayer API key>"),
                    .optional("bluemix_key", "<Bluemix API key>"),
                ]
            )
        ]
    )

    /// `ea_azure` (Azure Enterprise Agreement): `enrollment_number` -> `user`, `access_key` ->
    /// `pswd` (inferred). A number must be written as a JSON string.
    public static let eaAzure = CredentialType(
        name: "ea_azure",
        displayName: "Azure Enterprise Agreement",
        shapes: [
            CredentialShape(
                name: "Azure Enterprise Agreement",
                fields: [
                    .required("enrollment_number", to: .user, "<enrollment number>"),
                    .required("access_key", to: .password, "<access key>"),
                ]
            )
        ]
    )

    /// `azure_sas`: `sas_key_name` -> `user`, `sas_key` -> `pswd` (inferred).
    public static let azureSAS = CredentialType(
        name: "azure_sas",
        displayName: "Azure shared access signature",
        shapes: [
            CredentialShape(
                name: "Azure SAS",
                fields: [
                    .required("sas_key_name", to: .user, "<SAS policy name>"),
                    .required("sas_key", to: .password, "<SAS key>"),
                ]
            )
        ]
    )

    /// `keystore`, two documented shapes with the same `type` (inferred requiredness):
    ///
    /// - SSL keystore: `keystore_path` and `keystore_password` required, `key_password`
    ///   optional, all passed through.
    /// - SSL credentials: `user` -> `user` and `password` -> `pswd` required; `keystore`,
    ///   `keystore_password`, `keystore_type`, `key_password`, `truststore`,
    ///   `truststore_password`, `truststore_type`, `ssl_provider_name`, `security_protocol`,
    ///   `additional_properties` optional and passed through.
    ///
    /// A secret with `keystore_path` is read as the first shape, any other as the second. The
    /// path, the store types, the truststore, the provider and the protocol are settings; the
    /// passwords, the keystore and `additional_properties` (which may carry a password) are
    /// secrets.
    public static let keystore = CredentialType(
        name: "keystore",
        displayName: "SSL keystore",
        shapes: [
            CredentialShape(
                name: "SSL keystore",
                fields: [
                    .setting("keystore_path", presence: .required, "<path to the keystore file>"),
                    .required("keystore_password", "<keystore password>"),
                    .optional("key_password", "<key password>"),
                ]
            ),
            CredentialShape(
                name: "SSL credentials",
                fields: [
                    .user, .password,
                    .optional("keystore", "<keystore>"),
                    .optional("keystore_password", "<keystore password>"),
                    .setting("keystore_type", "<JKS or PKCS12>"),
                    .optional("key_password", "<key password>"),
                    .setting("truststore", "<truststore>"),
                    .optional("truststore_password", "<truststore password>"),
                    .setting("truststore_type", "<JKS or PKCS12>"),
                    .setting("ssl_provider_name", "<provider>"),
                    .setting("security_protocol", "<protocol>"),
                    .optional("additional_properties", "<properties>"),
                ]
            ),
        ]
    )

    /// `sn_itom_pattern_pcf` (Cloud Foundry): `user`, `password` required; optional
    /// `ssh_private_key` -> `pkey` and `ssh_passphrase` -> `passphrase`, with the same aliases as
    /// ``sshPrivateKey`` (inferred requiredness).
    public static let cloudFoundryPattern = CredentialType(
        name: "sn_itom_pattern_pcf",
        displayName: "Cloud Foundry",
        shapes: [
            CredentialShape(
                name: "Cloud Foundry",
                fields: [
                    .user, .password,
                    .optional("ssh_private_key", to: .privateKey, aliases: ["private_key"], "<PEM private key>"),
                    .passphrase,
                ]
            )
        ]
    )
}

extension CredentialField {
    /// `ssh_private_key` (or `private_key`) -> `pkey`, required.
    static let privateKey = required(
        "ssh_private_key",
        to: .privateKey,
        aliases: ["private_key"],
        "<PEM private key, line breaks written as \\n>"
    )

    /// `ssh_passphrase` (or `passphrase`) -> `passphrase`, optional.
    static let passphrase = optional(
        "ssh_passphrase",
        to: .passphrase,
        aliases: ["passphrase"],
        "<key passphrase>"
    )
}
