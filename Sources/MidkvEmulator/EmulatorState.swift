import MidkvHTTPServer

/// Everything about the emulator that changes at run time, kept under one lock.
struct EmulatorState: Sendable {
    /// Vaults by host name.
    var vaults: [String: VaultState] = [:]
    /// The request log.
    var records: [RequestRecord] = []
    /// The running totals.
    var counters = EmulatorCounters()
    /// The address vaults see for callers, when set.
    var clientAddressOverride: String?
    /// The Arc agent's outstanding key files: path to content.
    var arcKeys: [String: String] = [:]

    init(seed: EmulatorSeed, now: Int) {
        for vault in seed.vaults {
            let tenantID = seed.tenantID(for: vault.tenant) ?? vault.tenant.lowercased()
            vaults[vault.host] = VaultState(vault, tenantID: tenantID, now: now)
        }
        clientAddressOverride = seed.clientAddress
    }
}

/// What the emulator answered to one request, with the facts the log and counters need.
struct Answer: Sendable {
    var response: HTTPServerResponse
    var kind: RequestRecord.Kind
    var principal: String?
    var vault: String?
    var secret: String?
    var faulted = false
    var tokenIssued = false
    var secretRead = false
}

extension EmulatorCounters {
    mutating func count(_ answer: Answer, kind: RequestRecord.Kind) {
        requests += 1
        faultsInjected += answer.faulted ? 1 : 0
        tokensIssued += answer.tokenIssued ? 1 : 0
        tokenRequests += kind == .token ? 1 : 0
        managedIdentityRequests += [.imds, .appService, .arc].contains(kind) ? 1 : 0

        if let vault = answer.vault {
            vaultRequests[vault.lowercased(), default: 0] += 1
        }
        if answer.secretRead, let vault = answer.vault, let secret = answer.secret {
            secretReads[Self.key(vault: vault, secret: secret), default: 0] += 1
        }
    }
}
