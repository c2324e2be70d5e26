import Foundation
import MidkvEmulator
import MidkvHTTPServer
import MidkvSupport
import MidkvTestSupport

/// Changes the emulator's secrets as a vault administrator would, through the Key Vault API.
struct EmulatorAdmin {
    let emulator: Emulator

    /// Deletes `secret` from `vault`; returns the emulator's status.
    func delete(_ secret: String, vault: String = AgentTestWorld.vaultName) async throws -> Int {
        try await send("DELETE", vault: vault, secret: secret, body: Data())
    }

    /// Sets a new current version of `secret` in `vault` holding `json`; returns the status.
    func set(_ secret: String, json: String, vault: String = AgentTestWorld.vaultName) async throws -> Int {
        let body = try JSONSerialization.data(withJSONObject: ["value": json])
        return try await send("PUT", vault: vault, secret: secret, body: body)
    }

    private func send(_ method: String, vault: String, secret: String, body: Data) async throws -> Int {
        let token = emulator.issueToken(
            tenantID: AgentTestWorld.tenantID,
            clientID: "dddddddd-0000-0000-0000-000000000000",
            objectID: AgentTestWorld.adminObjectID
        )
        let request = HTTPServerRequest(
            method: method,
            target: "/secrets/\(secret)?api-version=7.4",
            headers: HTTPHeaders([
                ("Host", "\(vault).vault.azure.net"), ("Authorization", "Bearer \(token)"),
                ("Content-Type", "application/json"),
            ]),
            body: body,
            isTLS: true
        )
        let emulator = self.emulator
        return try await onDedicatedThread { emulator.handle(request).status }
    }
}
