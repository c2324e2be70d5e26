/// Finds the key an admin probably meant when a required key is missing.
///
/// A candidate matches when it equals the wanted key ignoring case, `_` and `-`; when it is a
/// spelling commonly used for it (`username` for `user`); or when it is within a small edit
/// distance (a typo such as `pasword`).
enum FieldNameSuggester {
    /// Common spellings for each documented key, compared after normalisation.
    static let confusions: [String: [String]] = [
        "user": ["username", "userid", "login", "account", "usr", "uid", "domainuser"],
        "password": ["pass", "passwd", "pwd", "pswd", "pw", "pword", "community", "communitystring"],
        "ssh_private_key": ["privatekey", "pkey", "key", "sshkey", "pem", "rsakey", "idrsa", "privatekeypem"],
        "ssh_passphrase": ["passphrase", "keypassphrase", "pkeypassphrase", "keypassword"],
        "domain": ["domainname", "realm", "windowsdomain"],
        "access_key": ["accesskeyid", "awsaccesskeyid", "awsaccesskey"],
        "secret_key": ["secretaccesskey", "awssecretaccesskey", "clientsecret", "secret"],
        "client_id": ["appid", "applicationid", "clientidentifier"],
        "tenant_id": ["tenant", "directoryid", "tenantidentifier"],
        "api_key": ["apitoken", "token", "key"],
        "authentication_protocol": ["authprotocol", "authproto"],
        "authentication_key": ["authkey", "authpassword", "authpass"],
        "privacy_protocol": ["privprotocol", "privproto"],
        "privacy_key": ["privkey", "privpassword", "privpass"],
        "snmp_context": ["context", "contextname"],
        "email": ["clientemail", "serviceaccount", "mail"],
        "sas_key_name": ["keyname", "policyname", "saspolicyname"],
        "enrollment_number": ["enrollment", "enrollmentid", "enrolmentnumber"],
    ]

    /// The candidate that best matches `wanted`, or `nil`.
    static func suggestion(for wanted: String, among candidates: [String]) -> String? {
        let target = normalised(wanted)
        let known = Set((confusions[wanted] ?? []).map(normalised))

        if let exact = candidates.first(where: { normalised($0) == target || known.contains(normalised($0)) }) {
            return exact
        }

        let scored = candidates.map { ($0, distance(normalised($0), target)) }
        let limit = target.count <= 4 ? 1 : target.count <= 10 ? 2 : 3
        return scored.filter { $0.1 <= limit }.min { $0.1 < $1.1 }?.0
    }

    /// Lower case without `_`, `-` and spaces.
    static func normalised(_ key: String) -> String {
        String(key.lowercased().filter { !"_- ".contains($0) })
    }

    /// Edit distance counting insertions, deletions, substitutions and adjacent swaps.
    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        guard !a.isEmpty, !b.isEmpty else {
            return max(a.count, b.count)
        }

        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }

        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
