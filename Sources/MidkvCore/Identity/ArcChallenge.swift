import Foundation

/// The Azure Arc agent's challenge, `WWW-Authenticate: Basic realm=<key file>`, and the rules
/// the named file must meet before midkv reads it.
///
/// The agent proves that the caller may use the machine's identity by writing a key into a
/// file only members of the `himds` group can read; the caller sends the file's content back.
/// Because the file's path comes from whatever answers on the endpoint, it must lie directly
/// in the agent's tokens folder, end in `.key` and be small, so nothing else can be read and
/// sent.
struct ArcChallenge {
    /// The largest key file midkv reads.
    static let maximumKeyFileSize = 4096

    /// The key file path the challenge names.
    let keyFile: String

    /// Reads the realm of a `Basic` challenge; `nil` when `header` is not one.
    init?(header: String?) {
        guard let header else {
            return nil
        }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("basic "),
            let range = trimmed.range(of: "realm=", options: .caseInsensitive)
        else {
            return nil
        }

        var realm = trimmed[range.upperBound...].trimmingCharacters(in: .whitespaces)
        if realm.hasPrefix("\""), realm.hasSuffix("\""), realm.count >= 2 {
            realm = String(realm.dropFirst().dropLast())
        }
        guard !realm.isEmpty else {
            return nil
        }
        self.keyFile = realm
    }

    /// Why the key file may not be read, or `nil` when its path is acceptable.
    func pathProblem(tokensFolder: String) -> String? {
        guard keyFile.hasPrefix("/") else {
            return "is not an absolute path"
        }

        let normalized = Self.normalized(keyFile)
        let parent = normalized.split(separator: "/").dropLast().joined(separator: "/")
        guard "/" + parent == Self.normalized(tokensFolder) else {
            return "is not directly in the agent's tokens folder \(tokensFolder)"
        }

        let name = normalized.split(separator: "/").last.map(String.init) ?? ""
        guard name.hasSuffix(".key"), name.count > ".key".count else {
            return "does not name a .key file"
        }
        return nil
    }

    /// Why a file of `size` bytes may not be read, or `nil`.
    static func sizeProblem(_ size: Int) -> String? {
        size > maximumKeyFileSize ? "is \(size) bytes, more than the \(maximumKeyFileSize) a key file may have" : nil
    }

    /// `path` with `.` and `..` segments and repeated slashes resolved, without touching the
    /// file system.
    static func normalized(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/") where segment != "." {
            if segment == ".." {
                _ = segments.popLast()
            } else {
                segments.append(segment)
            }
        }
        return "/" + segments.joined(separator: "/")
    }
}
