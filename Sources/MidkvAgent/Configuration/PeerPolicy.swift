import Glibc
import MidkvHTTPServer

/// Decides which processes may use the agent over its Unix socket, from the peer's user and
/// group as the kernel reports them (`SO_PEERCRED`).
///
/// A peer is served when its user is one of ``allowedUsers`` (by default the agent's own user
/// and root), or when it belongs to ``allowedGroup`` (the socket's group): as its primary group
/// or, per the group database, as a supplementary one. The socket's 0660 mode already keeps
/// other users out; the check also holds when the file's mode or folder is too open.
public struct PeerPolicy: Sendable {
    /// Users always served.
    public var allowedUsers: Set<UInt32>
    /// The group whose members are served, if any.
    public var allowedGroup: UInt32?
    /// The supplementary groups of a user, for the membership check.
    public var groupsOfUser: @Sendable (UInt32) -> [UInt32]

    /// Creates a policy.
    public init(
        allowedUsers: Set<UInt32>,
        allowedGroup: UInt32?,
        groupsOfUser: @escaping @Sendable (UInt32) -> [UInt32] = AccountDatabase.groups(ofUser:)
    ) {
        self.allowedUsers = allowedUsers
        self.allowedGroup = allowedGroup
        self.groupsOfUser = groupsOfUser
    }

    /// The agent's own user, root, and members of `socketGroup` (the agent's group when `nil`).
    public static func standard(socketGroup: UInt32?) -> PeerPolicy {
        PeerPolicy(allowedUsers: [getuid(), 0], allowedGroup: socketGroup ?? getegid())
    }

    /// Whether `peer` may use the agent.
    public func allows(_ peer: PeerCredentials) -> Bool {
        if allowedUsers.contains(peer.uid) {
            return true
        }
        guard let allowedGroup else {
            return false
        }
        return peer.gid == allowedGroup || groupsOfUser(peer.uid).contains(allowedGroup)
    }
}
