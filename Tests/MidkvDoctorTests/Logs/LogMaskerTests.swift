import MidkvTestSupport
import Testing

@testable import MidkvDoctor

@Suite("Log masking")
struct LogMaskerTests {
    @Test(
        "hides secret values and keeps the rest readable",
        arguments: [
            SensitiveArgument(
                "password= in a sentence",
                (
                    "login failed for svc-disc password=CANARY-pw-1 (attempt 2)",
                    "login failed for svc-disc password=<redacted>"
                )
            ),
            SensitiveArgument("pswd=", ("pswd=CANARY-pw-2", "pswd=<redacted>")),
            SensitiveArgument(
                "client_secret in a form body",
                (
                    "POST /token client_id=aaaa&client_secret=CANARY-s3&scope=x",
                    "POST /token client_id=aaaa&client_secret=<redacted>&scope=x"
                )
            ),
            SensitiveArgument(
                "password in secret JSON",
                (
                    #"secret JSON {"user":"svc-disc","password":"CANARY-pw-3","type":"ssh_password"}"#,
                    #"secret JSON {"user":"svc-disc","password":"<redacted>","type":"ssh_password"}"#
                )
            ),
            SensitiveArgument(
                "secret_key parameter",
                ("ext.cred.azure.secret_key=CANARY-key", "ext.cred.azure.secret_key=<redacted>")
            ),
            SensitiveArgument("secret= then more text", ("secret=CANARY-4 and more", "secret=<redacted>")),
            SensitiveArgument(
                "Authorization header",
                (
                    "headers: Authorization: Bearer CANARY-token, Accept: json",
                    "headers: Authorization: Bearer <redacted>"
                )
            ),
            SensitiveArgument(
                "bearer token in prose",
                ("retrying with bearer CANARY-token-5 now", "retrying with bearer <redacted> now")
            ),
            SensitiveArgument(
                "JWT",
                (
                    "token eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL3ZhdWx0In0.c2lnbmF0dXJl end",
                    "token <redacted> end"
                )
            ),
            SensitiveArgument(
                "long base64 key blob",
                (
                    "key blob MIIEpAIBAAKCAQEAq7BFUAPxjWSwMtdiQ7Rk3D4V8YhqLtVnJt2Ux9F0Ga+/ end",
                    "key blob <redacted> end"
                )
            ),
            SensitiveArgument(
                "client secret value with a tilde",
                ("value Xy98Q~Ab3dEfGhIjKlMnOpQrStUvWxYz0123.45 set", "value <redacted> set")
            ),
        ]
    )
    func masks(_ argument: SensitiveArgument<(String, String)>) {
        let (line, expected) = argument.value
        let masked = LogMasker.mask(line)

        #expect(masked == expected)
        #expect(!masked.contains("CANARY"))
    }

    @Test("leaves thread names, sys_ids, hosts, classes and secret names alone")
    func keepsOrdinaryText() {
        let lines = [
            "03/02/26 10:15:01 (811) \(MIDLogText.pipeline) SEVERE *** ERROR *** Problem",
            "2026-03-02T10:16:01.123+0100 DEBUG (Worker-Expedited:MIDWorker-\(MIDLogText.sysID)) [AzureKeyVault:88] x",
            "GET https://kv-contoso-disc.vault.azure.net/secrets/linux-root-ssh/\(MIDLogText.sysID)?api-version=7.4",
            "at com.service_now.mid.services.CredentialResolverProxy.resolve(CredentialResolverProxy.java:120)",
            "Problem with secret: linux-root-ssh in vault kv-contoso-disc",
            "SecretNotFound: A secret with (name/id) linux-root-ssh was not found in this key vault",
        ]

        for line in lines {
            #expect(LogMasker.mask(line) == line)
        }
    }

    @Test("a long line is masked before it is shortened, so no part of a token survives the cut")
    func shortens() {
        let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.c2lnbmF0dXJlLXBhcnQ"
        let line = String(repeating: "a ", count: 100) + token + String(repeating: " b", count: 50)
        let shortened = LogMasker.maskAndShorten(line, limit: 240)

        #expect(shortened.count == 240 && shortened.hasSuffix("…"))
        #expect(shortened.contains(" <redacted> b"))
        #expect(!shortened.contains("eyJ"))
    }
}
