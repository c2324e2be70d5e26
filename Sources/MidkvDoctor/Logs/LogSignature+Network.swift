import MidkvCore

extension LogSignature {
    static let tlsUntrusted = LogSignature(
        code: .logTLSUntrusted,
        severity: .error,
        isTransient: false,
        triggers: [
            .text("PKIX path building failed"),
            .text("unable to find valid certification path"),
            .text("SSLHandshakeException"),
        ],
        variantRule: .none
    ) { _ in
        Explanation(
            message: "A TLS connection failed: the MID does not trust the server's certificate chain",
            cause: """
                The Java truststore the MID uses lacks the issuer of the chain it was shown. For \
                *.vault.azure.net or the login host this is nearly always a proxy that inspects TLS \
                and re-signs with a corporate CA.
                """,
            fix: """
                Exempt the Key Vault and Entra ID hosts from TLS inspection, or add the inspection CA \
                to a truststore the MID's JVM loads (set in wrapper-override.conf so upgrades keep \
                it). Never turn certificate checks off.
                """
        )
    }

    static let unknownHost = LogSignature(
        code: .logUnknownHost,
        severity: .error,
        isTransient: false,
        triggers: [.text("UnknownHostException", near: .azure)],
        variantRule: .none
    ) { _ in
        Explanation(
            message: "A Key Vault or Entra ID host name did not resolve",
            cause: """
                The vault name is misspelled (the host is <vault_name>.vault.azure.net), or the MID \
                host's DNS cannot answer for it, as with a private endpoint whose private DNS zone \
                this network does not use.
                """,
            fix: """
                Check ext.cred.azure.vault_name (or the :vault part of the Credential ID), then look \
                the host up from the MID host with nslookup.
                """
        )
    }

    static let connectionReset = LogSignature(
        code: .logConnectionReset,
        severity: .error,
        isTransient: true,
        triggers: ["Connection reset", "ECONNRESET", "SocketException"].map { .text($0, near: .azure) },
        variantRule: .none
    ) { _ in
        Explanation(
            message: "Connections to a Key Vault or Entra ID host were reset",
            cause: """
                A firewall, proxy or intrusion prevention system between the MID and Azure cuts the \
                connection: the host is not on the egress allow list, or its traffic is inspected. \
                A single reset can also be an idle pooled connection closed by a middlebox.
                """,
            fix: """
                Allow outbound HTTPS (port 443) from the MID host to *.vault.azure.net and the login \
                host, directly or through the proxy set in config.xml, and exempt both from TLS \
                inspection.
                """
        )
    }

    static let timeout = LogSignature(
        code: .logTimeout,
        severity: .error,
        isTransient: true,
        triggers: ["SocketTimeoutException", "connect timed out", "Read timed out"].map {
            .text($0, near: .azure)
        },
        variantRule: .none
    ) { _ in
        Explanation(
            message: "Connections to a Key Vault or Entra ID host timed out",
            cause: """
                Traffic is dropped on the way (a firewall that does not answer, or a proxy the \
                network requires but config.xml does not set), or the service answered too slowly.
                """,
            fix: """
                Check that the MID host reaches the host on port 443, directly or through the proxy \
                parameters in config.xml; a firewall rule or proxy setting is the usual fix.
                """
        )
    }

    static let invalidUsername = LogSignature(
        code: .logInvalidUsername,
        severity: .error,
        isTransient: false,
        triggers: [
            "invalid user name", "invalid username", "empty user name", "empty username", "username is empty",
            "user name is empty", "username is null", "user name is null", "username cannot be empty",
            "user name cannot be empty",
        ]
        .map { .text($0, near: .credential) },
        variantRule: .none
    ) { _ in
        Explanation(
            message: "An external credential arrived with an invalid or empty user name",
            cause: """
                The secret's JSON does not carry the user field the credential type needs (for \
                example `username` where `user` is expected), the field is empty, or the secret is \
                not JSON at all.
                """,
            fix: """
                Correct the secret value in Key Vault so its JSON holds the fields of the credential's \
                type (such as user and password), then run Test Credential again.
                """
        )
    }
}
