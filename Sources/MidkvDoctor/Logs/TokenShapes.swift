/// Finds runs of characters shaped like credentials even when no key names them: JWTs, base64 key
/// material and Entra ID client secret values.
enum TokenShapes {
    /// The shortest base64 run treated as key material.
    static let minimumBase64Run = 40
    /// The shortest run containing `~` treated as a client secret value.
    static let minimumSecretRun = 30

    /// `bytes` with every credential-shaped run replaced by `marker`.
    static func mask(_ bytes: [UInt8], marker: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let run = bytes[index...].prefix(while: isRunByte)
            guard !run.isEmpty else {
                output.append(bytes[index])
                index += 1
                continue
            }

            output += looksSecret(run) ? marker : Array(run)
            index += run.count
        }
        return output
    }

    /// Whether a run of token characters looks like a credential.
    static func looksSecret(_ run: ArraySlice<UInt8>) -> Bool {
        if run.starts(with: "eyJ".utf8), run.count >= 20 {
            return true
        }
        if run.contains(UInt8(ascii: "~")), run.count >= minimumSecretRun {
            return true
        }
        return run.count >= minimumBase64Run && isRandomLooking(run)
    }

    /// Whether a run mixes upper case, lower case and digits as random base64 does, rather than
    /// as names do (`MIDWorker-<hex sys_id>`, `CredentialResolverImpl`).
    private static func isRandomLooking(_ run: ArraySlice<UInt8>) -> Bool {
        var counts = [0, 0, 0, 0]
        var changes = 0
        var previous = -1
        for byte in run {
            let kind = kind(of: byte)
            counts[kind] += 1
            changes += previous >= 0 && previous != kind ? 1 : 0
            previous = kind
        }
        return counts[0] >= 5 && counts[1] >= 5 && counts[2] >= 3 && changes * 3 >= run.count
    }

    /// 0 upper case, 1 lower case, 2 digit, 3 other.
    private static func kind(of byte: UInt8) -> Int {
        if byte &- UInt8(ascii: "A") < 26 {
            return 0
        }
        if byte &- UInt8(ascii: "a") < 26 {
            return 1
        }
        return byte &- UInt8(ascii: "0") < 10 ? 2 : 3
    }

    /// Letters, digits and the characters base64, base64url, JWTs and client secrets use.
    private static func isRunByte(_ byte: UInt8) -> Bool {
        kind(of: byte) < 3 || "+/=_-~.".utf8.contains(byte)
    }
}
