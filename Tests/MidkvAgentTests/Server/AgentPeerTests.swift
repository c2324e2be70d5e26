import Foundation
import Glibc
import MidkvAgent
import MidkvHTTPServer
import MidkvTestSupport
import Testing

/// Who may use the agent over its Unix socket.
@Suite("Agent peer check")
struct AgentPeerTests {
    @Test("a process whose user is not allowed gets 403 agent.forbidden-peer and nothing is read")
    func refusesOtherUsers() async throws {
        let ownUID = getuid()
        let policy = PeerPolicy(allowedUsers: [ownUID &+ 4242], allowedGroup: 54_321) { _ in [] }
        let bench = try AgentTestBench(peerPolicy: policy)
        let client = bench.client

        let (resolve, health) = try await onDedicatedThread {
            (try client.resolve("cred-01", type: "ssh_password"), try client.request("GET", "/v1/health"))
        }
        await bench.stop()

        #expect(resolve.status == 403)
        #expect(resolve.errorCode == "agent.forbidden-peer")
        #expect(health.status == 403)
        #expect(bench.totalReads == 0)
        #expect(bench.logsContain("peer.uid=\(ownUID)"))
    }

    @Test("a member of the socket's group is served")
    func servesGroupMembers() async throws {
        let ownUID = getuid()
        let policy = PeerPolicy(allowedUsers: [ownUID &+ 4242], allowedGroup: 54_321) { uid in
            uid == ownUID ? [54_321] : []
        }
        let bench = try AgentTestBench(peerPolicy: policy)
        let client = bench.client

        let reply = try await onDedicatedThread { try client.resolve("cred-01", type: "ssh_password") }
        await bench.stop()

        #expect(reply.status == 200)
    }

    @Test("the standard policy serves the agent's own user, root and the group, and nobody else")
    func standardPolicy() {
        let policy = PeerPolicy.standard(socketGroup: 4000)
        let stranger = getuid() == 0 ? UInt32(65_000) : getuid() &+ 1

        #expect(policy.allows(PeerCredentials(pid: 1, uid: getuid(), gid: 9)))
        #expect(policy.allows(PeerCredentials(pid: 1, uid: 0, gid: 9)))
        #expect(policy.allows(PeerCredentials(pid: 1, uid: stranger, gid: 4000)))
        #expect(!policy.allows(PeerCredentials(pid: 1, uid: stranger, gid: 4001)))
    }
}
