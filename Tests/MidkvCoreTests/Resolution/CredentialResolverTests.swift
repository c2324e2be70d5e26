import Foundation
import MidkvCore
import MidkvCrypto
import MidkvSupport
import MidkvTransport
import Synchronization
import Testing

@Suite("Credential resolver: the steps it reports")
struct CredentialResolverTests {
    static let tenant = "11111111-2222-3333-4444-555555555555"
    static let client = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    static let request = CredentialRequest(credentialID: "linux-root-ssh:kv-contoso-disc", type: "ssh_password")

    /// How sign-in goes wrong.
    enum SignInFault: String, Sendable, CaseIterable, CustomTestStringConvertible {
        case secretRefused = "Entra ID refuses the client secret"
        case passphraseMissing = "the certificate's key is encrypted and no passphrase is set"

        var testDescription: String {
            rawValue
        }
    }

    private func resolve(
        _ azure: TimedAzure,
        flags: [String: String] = [:],
        environment: [String: String] = ["AZURE_CLIENT_SECRET": Canary.clientSecret]
    ) async throws -> (events: [ResolutionEvent], error: MidkvError?) {
        let settings = try Settings.resolve(
            flags: ["--tenant-id": Self.tenant, "--client-id": Self.client].merging(flags) { _, new in new },
            environment: environment,
            configFilePath: nil
        )
        let resolver = try CredentialResolver(settings: settings, transport: azure, time: azure.time)
        let events = Mutex<[ResolutionEvent]>([])
        do {
            _ = try await resolver.resolve(Self.request) { event in events.withLock { $0.append(event) } }
            return (events.withLock { $0 }, nil)
        } catch let error as MidkvError {
            return (events.withLock { $0 }, error)
        }
    }

    @Test("the token step takes the time of the token request the vault waited for; the vault step includes the wait")
    func overlappingTimes() async throws {
        let azure = TimedAzure(tokenReply: TimedAzure.token, holdsChallengeUntilToken: true)

        let (events, error) = try await resolve(azure)

        #expect(error == nil)
        #expect(events.map(\.step) == [.identity, .credentialID, .token, .vault, .fields])
        let token = try #require(events.first { $0.step == .token })
        let vault = try #require(events.first { $0.step == .vault })
        #expect(token.duration == TimedAzure.tokenTime)
        #expect(vault.duration == TimedAzure.tokenTime + TimedAzure.secretTime)
    }

    @Test(
        "when sign-in fails, the token step fails and the vault step, never given a token, does not run",
        arguments: SignInFault.allCases
    )
    func signInFails(_ fault: SignInFault) async throws {
        let fixtures = try CertificateFixtures()
        defer { fixtures.remove() }
        let azure = TimedAzure(tokenReply: TimedAzure.invalidSecret, holdsChallengeUntilToken: false)

        let (events, error) =
            switch fault {
            case .secretRefused:
                try await resolve(azure)
            case .passphraseMissing:
                try await resolve(
                    azure,
                    flags: ["--client-certificate": try encryptedKeyFile(fixtures)],
                    environment: [:]
                )
            }

        let expected: ErrorCode = fault == .secretRefused ? .identityInvalidSecret : .identityPassphraseRequired
        #expect(error?.code == expected)
        #expect(events.map(\.step) == [.identity, .credentialID, .token])
        let failed = events.last.flatMap { event -> ErrorCode? in
            guard case .failed(let failure) = event.outcome else {
                return nil
            }
            return failure.code
        }
        #expect(failed == expected)
    }

    private func encryptedKeyFile(_ fixtures: CertificateFixtures) throws -> String {
        let key = try CertificateFixtures.key()
        let encrypted = try key.encryptedPEM(passphrase: Secret(CertificateFixtures.passphrase))
        return try fixtures.write("mid.pem", try CertificateFixtures.certificate(key) + encrypted.reveal())
    }
}

/// Entra ID and Key Vault on a virtual clock: the token request takes ``tokenTime``, the
/// authorized secret read ``secretTime``, the challenge no time at all. The challenge can be held
/// back until the token request has been answered, so the token is ready before the vault asks.
private final class TimedAzure: HTTPTransport {
    static let tokenTime = Duration.milliseconds(250)
    static let secretTime = Duration.milliseconds(40)

    static let token = HTTPResponse.json(
        200,
        #"{"token_type":"Bearer","expires_in":3599,"access_token":"\#(Canary.token)"}"#
    )
    static let invalidSecret = HTTPResponse.json(
        401,
        #"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."#
            + #" Ensure the secret being sent in the request is the client secret value, not the client secret ID."#
            + #"","error_codes":[7000215]}"#
    )

    private struct State {
        var tokenAnswered = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    let time = FakeTimeSource()
    private let tokenReply: HTTPResponse
    private let holdsChallengeUntilToken: Bool
    private let state = Mutex(State())

    init(tokenReply: HTTPResponse, holdsChallengeUntilToken: Bool) {
        self.tokenReply = tokenReply
        self.holdsChallengeUntilToken = holdsChallengeUntilToken
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if request.url.host == "login.microsoftonline.com" {
            time.advance(by: Self.tokenTime)
            tokenWasAnswered()
            return tokenReply
        }
        guard request.headers["Authorization"] != nil else {
            if holdsChallengeUntilToken {
                await untilTokenAnswered()
            }
            return Self.challenge
        }

        time.advance(by: Self.secretTime)
        return Self.secret
    }

    private func tokenWasAnswered() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.tokenAnswered = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting {
            continuation.resume()
        }
    }

    private func untilTokenAnswered() async {
        await withCheckedContinuation { continuation in
            let answered = state.withLock { state in
                if !state.tokenAnswered {
                    state.waiting.append(continuation)
                }
                return state.tokenAnswered
            }
            if answered {
                continuation.resume()
            }
        }
    }

    private static let challenge = HTTPResponse.json(
        401,
        #"{"error":{"code":"Unauthorized","message":"AKV10000: Request is missing a Bearer or PoP token."}}"#,
        headers: [
            (
                "WWW-Authenticate",
                #"Bearer authorization="https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555", "#
                    + #"resource="https://vault.azure.net""#
            )
        ]
    )

    private static let secret = HTTPResponse.json(
        200,
        #"{"value":"{\"type\":\"ssh_password\",\"user\":\"svc-disc\",\"password\":\"CANARY-pw-30\"}","#
            + #""id":"https://kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh/4387e9f3d6e14c459867679a90fd0f79","#
            + #""attributes":{"enabled":true,"created":1764000000,"updated":1764000000}}"#
    )
}
