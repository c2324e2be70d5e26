extension AgentConfiguration {
    /// The Unix domain socket the agent listens on, and who may open it.
    public struct UnixSocket: Sendable, Equatable {
        /// The socket file.
        public var path: String
        /// The socket file's mode; 0660 lets the owner and the group connect.
        public var permissions: UInt16
        /// The user to own the socket file (changing it needs root); `nil` keeps the agent's.
        public var owner: UInt32?
        /// The group to own the socket file; `nil` keeps the agent's.
        public var group: UInt32?
        /// The mode given to the socket's folder when the agent has to create it.
        public var folderPermissions: UInt16

        /// Creates a socket description.
        public init(
            path: String,
            permissions: UInt16 = 0o660,
            owner: UInt32? = nil,
            group: UInt32? = nil,
            folderPermissions: UInt16 = 0o750
        ) {
            self.path = path
            self.permissions = permissions
            self.owner = owner
            self.group = group
            self.folderPermissions = folderPermissions
        }
    }
}
