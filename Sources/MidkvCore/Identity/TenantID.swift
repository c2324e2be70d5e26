/// Checks a tenant ID before it becomes part of a token URL.
///
/// A tenant is a GUID or a domain name (`contoso.onmicrosoft.com`). Only ASCII letters, digits,
/// `-` and `.` may appear, so a value can never add a path segment, a query or a host to the
/// URL. The all-zero GUID, empty values and the literal `null` left by an unloaded configuration
/// are refused too.
enum TenantID {
    /// The all-zero GUID, which Entra ID refuses with AADSTS900021.
    static let emptyGUID = "00000000-0000-0000-0000-000000000000"

    /// Throws `identity.tenant-not-found` when `tenant` cannot be a tenant ID.
    static func validate(_ tenant: String) throws(MidkvError) {
        guard let problem = problem(with: tenant) else {
            return
        }
        throw MidkvError(
            .identityTenantNotFound,
            "The tenant ID is not usable: \(problem)",
            evidence: [Evidence("tenant", tenant.isEmpty ? "(empty)" : tenant)],
            cause: """
                The tenant ID must be the directory (tenant) ID GUID or a verified domain of the \
                tenant. This check ran before any request was sent.
                """,
            fix: """
                Copy the Directory (tenant) ID from the app registration's Overview page in the \
                Azure portal into the configuration, then restart the MID Server.
                """
        )
    }

    private static func problem(with tenant: String) -> String? {
        if tenant.isEmpty {
            return "it is empty"
        }
        if tenant.lowercased() == "null" {
            return "it is the literal text null (the configuration was probably not loaded)"
        }
        if tenant == emptyGUID {
            return "it is the all-zero GUID"
        }
        if !tenant.unicodeScalars.allSatisfy(isAllowed) {
            return "it contains characters other than letters, digits, '-' and '.'"
        }
        return nil
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == ".")
    }
}
