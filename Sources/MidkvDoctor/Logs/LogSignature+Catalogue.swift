import MidkvCore

extension LogSignature {
    /// Every signature, most specific first: a record counts for the first one it matches.
    public static let catalogue: [LogSignature] = [
        configNotLoaded, resolverMissing, unsupportedAPIVersion, tokenError, tokenRejected, forbidden,
        secretDisabled, secretNotFound, throttled, tlsUntrusted, unknownHost, connectionReset, timeout,
        invalidUsername, resolverError,
    ]

    /// Text that establishes a context for triggers in the same or later records of a thread.
    static let contextKeywords: [(String, Context)] = [
        (".vault.azure.net", .azure),
        (".vault.usgovcloudapi.net", .azure),
        (".vault.azure.cn", .azure),
        (".vault.microsoftazure.de", .azure),
        ("login.microsoftonline.com", .azure),
        ("login.microsoftonline.us", .azure),
        ("login.chinacloudapi.cn", .azure),
        ("login.partner.microsoftonline.cn", .azure),
        ("KeyVault", .azure),
        ("AzureAccessTokenManager", .azure),
        ("AzureAccessTokenManager", .tokenManager),
        ("AzureTokenManager", .azure),
        ("AzureTokenManager", .tokenManager),
        ("getTokenWithSecretKey", .tokenManager),
        ("credential", .credential),
    ]

    /// A null tenant or client ID counts in a record of the Azure token manager or of the
    /// credential resolver (the MID's own `Problem with client's CredentialResolver:` records
    /// included), or in a later record of the same thread.
    static let configNotLoaded = LogSignature(
        code: .logConfigNotLoaded,
        severity: .error,
        isTransient: false,
        triggers: ["tenantId=null", "clientId=null", "tenant_id=null", "client_id=null"].flatMap { text in
            [.text(text, near: .tokenManager), .text(text, near: .credential)]
        },
        variantRule: .none
    ) { _ in
        Explanation(
            message: "The MID's Azure credential resolver ran with a null tenant or client ID",
            cause: """
                The MID reads config.xml only when it starts. The file was edited after the last \
                start, the ext.cred.azure.tenant_id or ext.cred.azure.client_id parameter is missing, \
                misspelled or commented out, or the file edited is not the one this MID runs from.
                """,
            fix: """
                Check ext.cred.azure.tenant_id and ext.cred.azure.client_id in this MID's \
                agent/config.xml (exact names; MID Server parameters set on the instance win over the \
                file), restart the MID service, then test the credential again.
                """
        )
    }

    static let resolverMissing = LogSignature(
        code: .logResolverMissing,
        severity: .error,
        isTransient: false,
        triggers: [
            .text("ClassNotFoundException: com.snc.discovery.CredentialResolver"),
            .text("NoClassDefFoundError: com/snc/discovery/CredentialResolver"),
            .text("has the Jar file been added to the MID Server"),
            .text("external credentials API is not installed correctly"),
        ],
        variantRule: .none
    ) { _ in
        Explanation(
            message: "The MID could not load an external credential resolver",
            cause: """
                The credential is routed to a custom resolver (class \
                com.snc.discovery.CredentialResolver) and no JAR on this MID provides it, or the \
                credential should use the built-in Azure Key Vault store and does not.
                """,
            fix: """
                For Azure Key Vault, set the credential's external storage vault to Azure Key Vault. \
                For a custom resolver, upload its JAR as a MID Server JAR file, let it reach \
                agent/extlib, and restart the MID.
                """
        )
    }

    static let unsupportedAPIVersion = LogSignature(
        code: .logUnsupportedAPIVersion,
        severity: .error,
        isTransient: false,
        triggers: [.text("unsupported API version reported")],
        variantRule: .none
    ) { _ in
        Explanation(
            message: "The credential resolver reports an API version this MID does not support",
            cause: "The resolver JAR was built for another MID release than the one running.",
            fix: """
                Install the resolver build made for this MID's release (or upgrade the MID to the \
                release the resolver needs), then restart the MID.
                """
        )
    }

    static let tokenError = LogSignature(
        code: .logTokenError,
        severity: .error,
        isTransient: false,
        triggers: [.text("AADSTS")],
        variantRule: .aadsts,
        explain: explainTokenError
    )

    static let tokenRejected = LogSignature(
        code: .logTokenRejected,
        severity: .error,
        isTransient: false,
        triggers: [.text("AKV10032", variant: "AKV10032"), .text("AKV10022", variant: "AKV10022")],
        variantRule: .trigger,
        explain: explainTokenRejection
    )

    static let forbidden = LogSignature(
        code: .logForbidden,
        severity: .error,
        isTransient: false,
        triggers: [
            .text("ForbiddenByRbac", variant: "ForbiddenByRbac"),
            .text("ForbiddenByFirewall", variant: "ForbiddenByFirewall"),
            .text("Client address is not authorized", variant: "ForbiddenByFirewall"),
            .text("AccessDenied", near: .azure, variant: "AccessDenied"),
        ],
        variantRule: .trigger,
        explain: explainForbidden
    )

    static let secretDisabled = LogSignature(
        code: .logSecretDisabled,
        severity: .error,
        isTransient: false,
        triggers: [.text("SecretDisabled"), .text("not allowed on a disabled secret")],
        variantRule: .none
    ) { _ in
        Explanation(
            message: "Key Vault refused a secret whose current version is disabled (SecretDisabled)",
            cause: "The secret exists, but Key Vault does not serve a disabled version; permissions are not the issue.",
            fix: "Enable the secret's current version in the vault, or add a new enabled version."
        )
    }

    static let secretNotFound = LogSignature(
        code: .logSecretNotFound,
        severity: .error,
        isTransient: false,
        triggers: [.text("SecretNotFound"), .text("was not found in this key vault")],
        variantRule: .none
    ) { _ in
        Explanation(
            message: "Key Vault has no secret by the requested name (SecretNotFound)",
            cause: """
                The Credential ID names a secret that is not in the vault asked: a typo, the wrong \
                vault (ext.cred.azure.vault_name against the :vault part of the ID), or a deleted secret.
                """,
            fix: """
                Compare the Credential ID with the vault's secret names. With vault_name set the ID is \
                the bare secret name, otherwise <secret>:<vault>. Recover the secret if it is listed \
                as deleted.
                """
        )
    }

    static let throttled = LogSignature(
        code: .logThrottled,
        severity: .warning,
        isTransient: false,
        triggers: [
            .text("VaultRequestTypeLimitReached"),
            .text("Throttled", near: .azure),
            .text("Too Many Requests", near: .azure),
            .text("HTTP/1.1 429", near: .azure),
            .text("status code 429", near: .azure),
            .text("status code: 429", near: .azure),
            .text("status=429", near: .azure),
            .text("statusCode=429", near: .azure),
        ],
        variantRule: .none
    ) { _ in
        Explanation(
            message: "Key Vault throttled the MID's requests (HTTP 429)",
            cause: """
                Too many secret reads in a short time: Discovery reads a secret for every credential \
                tried on every target, and large schedules add up.
                """,
            fix: """
                Spread large Discovery schedules over time and limit the credentials tried per target; \
                reads succeed again after the Retry-After time.
                """
        )
    }
}
