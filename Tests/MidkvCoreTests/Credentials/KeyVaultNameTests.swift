import MidkvCore
import Testing

@Suite("Key Vault naming rules")
struct KeyVaultNameTests {
    @Test("valid vault and secret names have no problems and no suggestion")
    func validNames() {
        for name in ["kv-contoso-disc", "KV1", "a1b", "kv-contoso-disc-weu-pr01"] {
            #expect(KeyVaultName.vault(name).problems == [], "\(name)")
        }
        for name in ["linux-root-ssh", "1", "-", "LINUX-Root-ssh-01", String(repeating: "a", count: 127)] {
            let checked = KeyVaultName.secret(name)
            #expect(checked.isValid, "\(name)")
            #expect(checked.suggestion == nil)
        }
    }

    @Test("a secret name with underscore and dot names both characters and suggests hyphens")
    func underscoreAndDot() {
        let name = KeyVaultName.secret("linux_root.ssh")

        #expect(name.problems == [.invalidCharacters(["_", "."])])
        #expect(name.invalidCharacters == ["_", "."])
        #expect(name.suggestion == "linux-root-ssh")
        #expect(name.problemSummary.contains("`_` and `.`"))
    }

    @Test("spaces, tabs and look-alike dashes are named so they can be seen")
    func invisibleAndLookAlike() {
        let spaced = KeyVaultName.secret("linux root\tssh")
        let dashed = KeyVaultName.secret("linux\u{2013}root")

        #expect(spaced.problemSummary.contains("space and tab"))
        #expect(spaced.suggestion == "linux-root-ssh")
        #expect(dashed.problemSummary.contains("`\u{2013}` (U+2013 EN DASH)"))
        #expect(dashed.suggestion == "linux-root")
    }

    @Test("accented letters are folded in the suggestion")
    func accents() {
        #expect(KeyVaultName.secret("clé-réseau").suggestion == "cle-reseau")
    }

    @Test("vault length limits are 3 to 24 and secret limits 1 to 127")
    func lengths() {
        #expect(KeyVaultName.vault("kv").problems == [.tooShort(length: 2, minimum: 3)])
        #expect(KeyVaultName.vault(String(repeating: "k", count: 25)).problems == [.tooLong(length: 25, maximum: 24)])
        #expect(KeyVaultName.vault(String(repeating: "k", count: 25)).suggestion == String(repeating: "k", count: 24))
        #expect(KeyVaultName.secret("").problems == [.empty])
        #expect(
            KeyVaultName.secret(String(repeating: "s", count: 128)).problems == [.tooLong(length: 128, maximum: 127)]
        )
    }

    @Test("a vault must start with a letter, end with a letter or digit and avoid double hyphens")
    func vaultShape() {
        #expect(KeyVaultName.vault("1kv-contoso").problems == [.mustStartWithLetter])
        #expect(KeyVaultName.vault("1kv-contoso").suggestion == "kv-1kv-contoso")
        #expect(KeyVaultName.vault("kv-contoso-").problems == [.mustEndWithLetterOrDigit])
        #expect(KeyVaultName.vault("kv-contoso-").suggestion == "kv-contoso")
        #expect(KeyVaultName.vault("kv--contoso").problems == [.consecutiveHyphens])
        #expect(KeyVaultName.vault("kv--contoso").suggestion == "kv-contoso")
        #expect(KeyVaultName.secret("linux--root").isValid)
    }

    @Test("a vault name with underscores gets a hyphenated suggestion")
    func vaultUnderscore() {
        let name = KeyVaultName.vault("kv_contoso_disc")

        #expect(name.problems == [.invalidCharacters(["_"])])
        #expect(name.suggestion == "kv-contoso-disc")
    }

    @Test("runs of forbidden characters collapse to one hyphen and edges are trimmed")
    func collapse() {
        #expect(KeyVaultName.secret("_linux__root..ssh_").suggestion == "linux-root-ssh")
        #expect(KeyVaultName.secret("linux_-root").suggestion == "linux-root")
    }

    @Test("no suggestion when nothing valid remains")
    func noSuggestion() {
        #expect(KeyVaultName.secret("___").suggestion == nil)
        #expect(KeyVaultName.vault("k_").suggestion == nil)
    }

    @Test("rules are stated for each kind")
    func rules() {
        #expect(KeyVaultName.rules(for: .vault).contains("3 to 24"))
        #expect(KeyVaultName.rules(for: .secret).contains("1 to 127"))
    }
}
