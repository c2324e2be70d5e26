import MidkvCore

extension SecretInspection {
    /// For types that qualify the user with `domain` (Windows): a domain given twice, or none.
    mutating func checkWindowsUser() {
        guard credentialType?.qualifiesUserWithDomain == true, let user = stringValue(of: "user"), !user.isEmpty else {
            return
        }

        let domainMember = members.first { $0.key == "domain" }
        let domain = stringValue(of: "domain")
        let qualified = user.utf8.contains(UInt8(ascii: "\\")) || user.utf8.contains(UInt8(ascii: "@"))
        if qualified, let domain, !domain.isEmpty {
            reportDomainTwice(user: user, domain: domain)
        } else if !qualified, domain?.isEmpty ?? true {
            reportNoDomain(state: domainMember == nil ? "absent" : domain == nil ? "null" : "empty")
        }
    }

    /// The decoded string value of the member `key`, if it is a string.
    func stringValue(of key: String) -> String? {
        guard let span = members.first(where: { $0.key == key })?.valueSpan else {
            return nil
        }
        return JSONStringDecoder.string(span, in: text)
    }

    private mutating func reportDomainTwice(user: String, domain: String) {
        let backslash = user.utf8.contains(UInt8(ascii: "\\"))
        let userDomain =
            backslash
            ? String(user.prefix { $0 != "\\" })
            : String(user.drop { $0 != "@" }.dropFirst().prefix { $0 != "." })
        let agree = userDomain.lowercased() == domain.lowercased().prefix { $0 != "." }
        report(
            .warning,
            .secretDomainTwice,
            "`user` already names a domain (\(backslash ? "`DOMAIN\\user`" : "`user@domain`")) and `domain` is set too",
            evidence: [
                Evidence("user form", backslash ? "DOMAIN\\user" : "user@domain"),
                Evidence("domains agree", agree ? "yes" : "no"),
            ],
            cause: "A user that already holds `\\` or `@` is sent as written and `domain` is ignored"
                + (agree ? "." : "; here the two name different domains, so the one in `user` wins."),
            fix: "Keep one: the plain user name with `domain`, or the qualified user name without `domain`."
        )
    }

    private mutating func reportNoDomain(state: String) {
        report(
            .note,
            .secretDomainEmpty,
            "The Windows credential has no domain: the MID logs on as `.\\user`, a local account of the target",
            evidence: [Evidence("domain", state)],
            cause: "An empty, null or absent `domain` makes the user name `.\\user`.",
            fix: "Nothing to change for a local account; for a domain account set `domain` (or write the user as "
                + "`DOMAIN\\user`)."
        )
    }
}
