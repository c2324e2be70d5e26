import Glibc

/// Looks users and groups up in the system's account database (`/etc/passwd`, `/etc/group`,
/// or whatever NSS is configured to use).
public enum AccountDatabase {
    /// The ID of the user `name`, or `name` itself when it is a number; `nil` when unknown.
    public static func userID(named name: String) -> UInt32? {
        if let number = UInt32(name) {
            return number
        }
        return user { entry, buffer, result in
            getpwnam_r(name, &entry, buffer.baseAddress!, buffer.count, &result)
        }?.uid
    }

    /// The ID of the group `name`, or `name` itself when it is a number; `nil` when unknown.
    public static func groupID(named name: String) -> UInt32? {
        if let number = UInt32(name) {
            return number
        }

        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: bufferSize)
        let status = buffer.withUnsafeMutableBufferPointer { buffer in
            getgrnam_r(name, &entry, buffer.baseAddress!, buffer.count, &result)
        }
        return status == 0 && result != nil ? entry.gr_gid : nil
    }

    /// Every group the user `uid` belongs to, primary group included; empty when unknown.
    public static func groups(ofUser uid: UInt32) -> [UInt32] {
        let found = user { entry, buffer, result in
            getpwuid_r(uid, &entry, buffer.baseAddress!, buffer.count, &result)
        }
        guard let found else {
            return []
        }

        var count: Int32 = 64
        while true {
            var groups = [gid_t](repeating: 0, count: Int(count))
            if getgrouplist(found.name, found.gid, &groups, &count) >= 0 {
                return Array(groups.prefix(Int(count)))
            }
            guard count > Int32(groups.count) else {
                return []
            }
        }
    }

    private static let bufferSize = 16 * 1024

    /// A user entry, copied out of the lookup buffer.
    private struct User {
        let uid: UInt32
        let gid: UInt32
        let name: String
    }

    /// Runs a `getpw*_r` lookup and copies what it found.
    private static func user(
        _ lookup: (inout passwd, UnsafeMutableBufferPointer<CChar>, inout UnsafeMutablePointer<passwd>?) -> Int32
    ) -> User? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: bufferSize)
        return buffer.withUnsafeMutableBufferPointer { buffer in
            guard lookup(&entry, buffer, &result) == 0, result != nil, let name = entry.pw_name else {
                return nil
            }
            return User(uid: entry.pw_uid, gid: entry.pw_gid, name: String(cString: name))
        }
    }
}
