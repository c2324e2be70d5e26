import Foundation
import MidkvCore
import MidkvCrypto
import MidkvEmulator
import MidkvSupport

/// One run of the demo: every MID Server, every credential, a summary line.
struct DemoRun {
    /// One of the demo's MID Servers.
    struct MID {
        var title: String
        var configPath: String
        var environment: [String: String] = [:]
        var credentialID: (DemoWorld.Credential) -> String
    }

    let world: DemoWorld
    let server: EmulatorServer
    let folder: DemoFolder
    let console: Console
    let logger: Logger

    /// Resolves every credential on both MIDs and prints each result; `true` if all resolved.
    func perform() async throws -> Bool {
        let clock = ContinuousClock()
        let start = clock.now
        console.out(
            console.styled("midkv demo: MID Server credentials from Azure Key Vault, on the embedded emulator", .bold)
        )
        console.out("")
        console.out("Emulator  127.0.0.1:\(server.port), answering as \(DemoWorld.vaultName).vault.azure.net,")
        console.out("          login.microsoftonline.com and 169.254.169.254; CA \(server.caFile ?? "")")

        let mids = try mids()
        var resolved = 0
        var modes: Set<AuthenticationPlan.Mode> = []
        for mid in mids {
            let (count, mode) = try await resolveAll(on: mid)
            resolved += count
            modes.insert(mode)
        }

        let total = world.credentials.count * mids.count
        let seconds = (clock.now - start).formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow))
        let types = Set(world.credentials.map(\.type)).count
        console.out("")
        console.out(
            "\(resolved) of \(total) credentials resolved (\(types) types, \(modes.count) authentication modes) "
                + "over verified HTTPS in \(seconds)."
        )
        return resolved == total
    }

    private func mids() throws -> [MID] {
        let datacenter = try folder.write(
            "mid-datacenter/agent/config.xml",
            DemoConfigFiles.datacenter(clientSecret: world.clientSecret)
        )
        let azureVM = try folder.write("mid-azure-vm/agent/config.xml", DemoConfigFiles.azureVM)
        return [
            MID(title: "MID in a datacenter: client secret, vault_name set", configPath: datacenter) { $0.secretName },
            MID(title: "MID on an Azure VM: managed identity, vault in the Credential ID", configPath: azureVM) {
                "\($0.secretName):\(DemoWorld.vaultName)"
            },
            try certificateMID(),
            try kubernetesMID(),
        ]
    }

    /// A MID with the app's certificate and key in one PEM file (mode 0600) and no secret.
    private func certificateMID() throws -> MID {
        let pem = world.certificatePEM + world.certificateKey.pkcs8PEM.reveal()
        let certificate = try folder.write("mid-certificate/agent/keys/akv-client.pem", pem)
        let config = try folder.write(
            "mid-certificate/agent/config.xml",
            DemoConfigFiles.certificate(path: certificate)
        )
        return MID(title: "MID in a branch office: client certificate, no secret on disk", configPath: config) {
            $0.secretName
        }
    }

    /// A MID in an AKS pod: the projected service account token, signed by the cluster's
    /// issuer, in the file the workload identity webhook names.
    private func kubernetesMID() throws -> MID {
        let token =
            server.emulator.issueWorkloadToken(issuer: DemoWorld.clusterIssuer, subject: DemoWorld.serviceAccount) ?? ""
        let tokenFile = try folder.write("mid-kubernetes/var/run/secrets/azure/tokens/azure-identity-token", token)
        let config = try folder.write("mid-kubernetes/agent/config.xml", DemoConfigFiles.kubernetes)
        let environment = [
            "AZURE_CLIENT_ID": DemoWorld.clientID, "AZURE_TENANT_ID": DemoWorld.tenantID,
            "AZURE_FEDERATED_TOKEN_FILE": tokenFile, "AZURE_AUTHORITY_HOST": "https://login.microsoftonline.com/",
        ]
        return MID(
            title: "MID in a Kubernetes pod: workload identity, no secret anywhere",
            configPath: config,
            environment: environment
        ) { $0.secretName }
    }

    private func resolveAll(on mid: MID) async throws -> (resolved: Int, mode: AuthenticationPlan.Mode) {
        let settings = try Settings.resolve(
            flags: ["--connect-to": server.connectAddress, "--ca-file": server.caFile ?? ""],
            environment: mid.environment,
            configFilePath: mid.configPath
        )
        let resolver = try CredentialResolver(settings: settings, logger: logger)
        defer { resolver.shutdown() }

        console.out("")
        console.out(console.styled(mid.title, .bold))
        console.out("  \(mid.configPath)")
        for line in TextWrap.lines("  \(resolver.plan.summary)", width: 80, indent: "  ") {
            console.out(line)
        }
        var resolved = 0
        let width = world.credentials.map { mid.credentialID($0).count }.max() ?? 0
        for credential in world.credentials {
            let id = mid.credentialID(credential)
            let request = CredentialRequest(credentialID: id, type: credential.type)
            if try await report(request, idWidth: width, resolver: resolver) {
                resolved += 1
            }
        }
        return (resolved, resolver.plan.mode)
    }

    private func report(_ request: CredentialRequest, idWidth: Int, resolver: CredentialResolver) async throws -> Bool {
        let typeWidth = world.credentials.map(\.type.count).max() ?? 0
        let id = request.credentialID.padding(toLength: idWidth, withPad: " ", startingAt: 0)
        let label = "\(id)  \(request.type.padding(toLength: typeWidth, withPad: " ", startingAt: 0))"
        do {
            let resolved = try await resolver.resolve(request)
            let fields = resolved.credential.fields.map { "\($0.key)=\($0.displayValue)" }.joined(separator: " ")
            let line = "  \(console.styled("ok", .green))  \(label)  \(fields)"
            if TextWrap.lines(line, width: 80).count == 1 {
                console.out(line)
            } else {
                let trimmed = String(label.reversed().drop { $0 == " " }.reversed())
                console.out("  \(console.styled("ok", .green))  \(trimmed)")
                for wrapped in TextWrap.lines("        \(fields)", width: 80, indent: "        ") {
                    console.out(wrapped)
                }
            }
            return true
        } catch let error as MidkvError {
            console.out("  \(console.styled("FAIL", .red))  \(label)")
            console.out(ErrorRenderer(console: console).render(error, colored: console.colorsOutput))
            return false
        }
    }
}
