import Foundation
import MidkvCore
import MidkvDoctor
import MidkvSupport
import Testing

@Suite("Secret linter: hidden characters, whitespace and Windows users")
struct SecretLinterFieldTests {
    // MARK: - secret.invisible-character

    @Test("a zero-width space in a key is an error naming U+200B; the resolver then misses the key")
    func zeroWidthSpaceInKey() throws {
        let findings = lint("{\"type\":\"ssh\",\"user\u{200B}\":\"svc\",\"password\":\"CANARY-1\"}")

        let invisible = try #require(findings.first("secret.invisible-character"))
        #expect(invisible.severity == .error)
        #expect(invisible.message == "The key `user<U+200B>` contains U+200B, an invisible character")
        #expect(invisible.seen("character") == "U+200B ZERO WIDTH SPACE")
        #expect(invisible.seen("byte offset") == "19")
        #expect(findings.codes.contains("secret.missing-field"))
        #expect(!findings.codes.contains("secret.unknown-field"))
    }

    @Test(
        "hidden characters in a value are warnings with code point, position, offset, line and column",
        arguments: [
            ("\u{00A0}", "U+00A0 NO-BREAK SPACE"), ("\u{200D}", "U+200D ZERO WIDTH JOINER"),
            ("\u{FEFF}", "U+FEFF ZERO WIDTH NO-BREAK SPACE"), ("\u{2013}", "U+2013 EN DASH"),
            ("\u{2014}", "U+2014 EM DASH"), ("\\u0007", "U+0007 control character"),
        ]
    )
    func hiddenCharacterInValue(character: String, described: String) throws {
        let value = "{\"type\":\"ssh\",\n \"user\":\"svc\",\n \"password\":\"CANARY\(character)Pl@ce\"}"
        let findings = lint(value)

        #expect(findings.summary == ["warning secret.invisible-character"])
        let finding = try #require(findings.first)
        #expect(finding.seen("field") == "`password`")
        #expect(finding.seen("character") == described)
        #expect(finding.seen("first at character") == "7")
        #expect(finding.seen("line") == "3")
        #expect(finding.seen("column") == "20")
    }

    @Test("an escaped `\\u200b` is found too, located at its backslash")
    func escapedInvisible() {
        let findings = lint(#"{"type":"ssh","user":"svc\u200b","password":"CANARY-2"}"#)

        #expect(findings.summary == ["warning secret.invisible-character"])
        #expect(findings[0].seen("byte offset") == "25")
    }

    @Test("typographic quotes around a value are a warning; inside a password they are left alone")
    func smartQuotes() {
        let around = lint("{\"type\":\"ssh\",\"user\":\"svc\",\"password\":\"\u{201C}CANARY-3\u{201D}\"}")
        let inside = lint("{\"type\":\"ssh\",\"user\":\"svc\",\"password\":\"CANARY\u{2019}s-3\"}")
        let key = lint("{\"type\":\"ssh\",\"user\":\"svc\",\"\u{201C}password\u{201D}\":\"CANARY-3\"}")

        #expect(around.summary == ["warning secret.invisible-character", "warning secret.invisible-character"])
        #expect(inside.isEmpty)
        #expect(key.first("secret.invisible-character")?.severity == .error)
    }

    @Test("a Cyrillic letter in an otherwise ASCII user name is a look-alike; in a Russian password it is not")
    func lookAlikes() {
        let user = lint("{\"type\":\"ssh\",\"user\":\"svc-\u{0430}dmin\",\"password\":\"CANARY-4\"}")
        let russian = lint(
            "{\"type\":\"ssh\",\"user\":\"svc\",\"password\":\"CANARY-\u{043F}\u{0430}\u{0440}\u{043E}\u{043B}\u{044C}\"}"
        )

        #expect(user.summary == ["warning secret.invisible-character"])
        #expect(user[0].seen("character") == "U+0430 CYRILLIC SMALL LETTER A")
        #expect(russian.isEmpty)
    }

    @Test("a hidden character in `type` is an error")
    func hiddenInType() {
        let findings = lint(
            "{\"type\":\"ssh\u{200B}\",\"user\":\"svc\",\"password\":\"CANARY-5\"}",
            type: "ssh_password"
        )

        #expect(findings.codes.contains("secret.type-mismatch"))
        #expect(findings.first("secret.invisible-character")?.severity == .error)
    }

    // MARK: - secret.whitespace

    @Test(
        "a password ending in a line break is a warning naming the characters",
        arguments: [
            ("\\r\\n", "a line break (CR LF)"), ("\\n", "a line break (LF)"), ("\\n\\n", "2 line breaks (LF LF)"),
        ]
    )
    func trailingLineBreak(escaped: String, described: String) {
        let findings = lint(#"{"type":"ssh","user":"svc","password":"CANARY-6\#(escaped)"}"#)

        #expect(findings.summary == ["warning secret.whitespace"])
        #expect(findings[0].message == "`password` ends with \(described)")
        #expect(findings[0].seen("value length") == "\(8 + escaped.count / 2) characters")
    }

    @Test("spaces around a user name and a line break inside a password are warnings")
    func spacesAndInnerBreaks() {
        let findings = lint(#"{"type":"ssh","user":"  svc ","password":"CANARY\n7"}"#)

        #expect(findings.summary == ["warning secret.whitespace", "warning secret.whitespace"])
        #expect(findings[0].message == "`user` starts with 2 spaces and ends with a space")
        #expect(findings[1].message == "`password` has a line break inside")
    }

    @Test("a key with a space after it is an error: it matches no field")
    func keyWithSpace() throws {
        let findings = lint(#"{"type":"ssh","user ":"svc","password":"CANARY-8"}"#)

        let whitespace = try #require(findings.first("secret.whitespace"))
        #expect(whitespace.severity == .error)
        #expect(whitespace.message == "The key `user ` ends with a space")
        #expect(findings.codes.contains("secret.missing-field"))
    }

    @Test("a `type` with a trailing space is an error besides the type mismatch")
    func typeWithSpace() {
        let findings = lint(#"{"type":"ssh ","user":"svc","password":"CANARY-9"}"#, type: "ssh_password")

        #expect(findings.summary == ["error secret.type-mismatch", "error secret.whitespace"])
    }

    @Test("multi-line pass-through fields may hold line breaks")
    func multiLinePassThrough() {
        let value = SecretSamples.json([
            ("type", "keystore"), ("user", "svc"), ("password", "CANARY-10"),
            ("additional_properties", "ssl.enabled=true\nssl.protocol=TLSv1.2\n"),
        ])

        #expect(lint(value).isEmpty)
    }

    // MARK: - Windows

    @Test("a `DOMAIN\\user` with a `domain` field is a warning saying whether the two agree")
    func domainTwice() {
        let same = lint(#"{"type":"windows","user":"CONTOSO\\svc","password":"CANARY-11","domain":"contoso"}"#)
        let other = lint(#"{"type":"windows","user":"svc@fabrikam.com","password":"CANARY-11","domain":"CONTOSO"}"#)

        #expect(same.summary == ["warning secret.domain-twice"])
        #expect(same[0].seen("domains agree") == "yes")
        #expect(other[0].seen("user form") == "user@domain")
        #expect(other[0].seen("domains agree") == "no")
    }

    @Test("an empty, null or absent domain is a note: the MID uses `.\\user`")
    func domainEmpty() {
        let states = [("\"domain\":\"\"", "empty"), ("\"domain\":null", "null"), ("\"x\":\"\"", "absent")]
        for (member, state) in states {
            let value = #"{"type":"windows","user":"svc","password":"CANARY-12",\#(member)}"#
            let findings = lint(value).filter { $0.code != .secretUnknownField }

            #expect(findings.summary == ["note secret.domain-empty"])
            #expect(findings.first?.seen("domain") == state)
        }
    }
}
