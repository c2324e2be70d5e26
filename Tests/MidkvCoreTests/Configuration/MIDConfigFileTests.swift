import Foundation
import MidkvCore
import MidkvSupport
import MidkvTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("MIDConfigFile reads a MID Server config.xml")
struct MIDConfigFileTests {
    private typealias Samples = ConfigurationSamples

    /// Every parameter of ``ConfigurationSamples/fullConfig``: name, value, secure, line.
    private static let expectedParameters: [(String, String, Bool, Int)] = [
        ("url", "https://YOUR_INSTANCE.service-now.com/", false, 4),
        ("mid.instance.username", "YOUR_INSTANCE_USER_NAME_HERE", false, 7),
        ("mid.instance.password", "encrypted:rhrfUNYRzZAI8/BkTtZmNA==", true, 8),
        ("name", "YOUR_MIDSERVER_NAME_GOES_HERE", false, 11),
        ("mid_sys_id", "", false, 12),
        ("mid.log.level", "debug", false, 26),
        ("mid.log.max_files", "10", false, 27),
        ("mid.log.max_size", "10MB", false, 28),
        ("threads.max", "25", false, 31),
        ("threads.standard.max", "25", false, 32),
        ("threads.expedited.max", "20", false, 33),
        ("threads.interactive.max", "10", false, 34),
        ("mid.poll.time", "40", false, 35),
        ("mid.eccq.max_payload_size", "5000000", false, 36),
        ("mid.eccq.max_outbound_queue", "2000", false, 37),
        ("mid.shazzam.max_scanners_per_thread", "800", false, 40),
        ("mid.ssh.use_snc_ssh", "true", false, 41),
        ("mid.ssh.ciphers", "aes128-ctr,aes256-ctr,aes256-gcm@openssh.com", false, 42),
        ("mid.ssh.connection_timeout", "60", false, 43),
        ("mid.windows.management_protocol", "WinRM", false, 44),
        ("mid.powershell.use_credssp", "false", false, 45),
        ("mid.powershell_api.session_pool.max_size", "8", false, 46),
        ("mid.probe.retry_count", "2", false, 47),
        ("mid.discovery.snmp.timeout", "1500", false, 48),
        ("mid.discovery.site_label", "Plant 4 R&D <west>", false, 49),
        ("mid.work.directory", #"C:\ServiceNow\agent\work"#, false, 50),
        ("mid.cmdb.ire.batch_size", "100", false, 51),
        ("mid.upgrade.use_proxy", "false", false, 54),
        ("keypairs.mid_id", Samples.v2Encrypted, true, 55),
        ("ext.cred.hashicorp.vault.token", "hvs.lab-token-placeholder", false, 56),
        ("mid.log.level", "info", false, 57),
        ("ext.cred.azure.vault_name", "kv-contoso-disc", false, 60),
        ("ext.cred.azure.tenant_id", Samples.tenant, true, 61),
        ("ext.cred.azure.client_id", Samples.client, true, 62),
        ("ext.cred.azure.secret_key", Samples.v2Encrypted, true, 63),
    ]

    private func assertFullConfig(_ file: MIDConfigFile) {
        let seen = file.parameters.map { ($0.name, $0.value.reveal(), $0.isSecure, $0.line) }

        #expect(seen.count == Self.expectedParameters.count)
        for (actual, expected) in zip(seen, Self.expectedParameters) {
            #expect(actual == expected)
        }
    }

    // MARK: - Parameters

    @Test("reads every parameter with its name, decoded value, secure flag and starting line")
    func everyParameter() throws {
        assertFullConfig(try Samples.parse(Samples.fullConfig))
    }

    @Test("reads a CRLF copy of the file with the same values and lines")
    func crlf() throws {
        let crlf = Samples.fullConfig.replacingOccurrences(of: "\n", with: "\r\n")

        #expect(crlf.utf8.filter { $0 == 13 }.count == 66)
        assertFullConfig(try Samples.parse(crlf))
    }

    @Test("reads a UTF-16 copy with a byte-order mark, comments included")
    func utf16() throws {
        var data = Data([0xFF, 0xFE])
        data.append(try #require(Samples.fullConfig.data(using: .utf16LittleEndian)))
        let file = try MIDConfigFile(parsing: data, path: "/opt/servicenow/mid/agent/config.xml")

        assertFullConfig(file)
        #expect(file.commentedParameters.map(\.line) == [15, 16, 17, 21, 22])
        #expect(file.unexpectedElements.map(\.line) == [64, 65])
    }

    @Test("classifies plain, empty, legacy-encrypted and ENCv2 values")
    func valueForms() throws {
        let file = try Samples.parse(Samples.fullConfig)

        #expect(file.parameter(named: "url")?.form == .plain)
        #expect(file.parameter(named: "mid_sys_id")?.form == .empty)
        #expect(file.parameter(named: "mid.instance.password")?.form == .encrypted(.legacy))
        #expect(file.parameter(named: "ext.cred.azure.secret_key")?.form == .encrypted(.v2))
        #expect(file.parameter(named: "ext.cred.azure.secret_key")?.readableValue == nil)
        #expect(file.parameter(named: "ext.cred.azure.vault_name")?.readableValue == "kv-contoso-disc")
    }

    @Test("secure is true only for secure or encrypt spelled exactly \"true\"")
    func secureFlag() throws {
        let file = try Samples.parse(Samples.fullConfig)

        #expect(file.parameter(named: "ext.cred.azure.client_id")?.isSecure == true)
        #expect(file.parameter(named: "keypairs.mid_id")?.isSecure == true)
        #expect(file.parameter(named: "ext.cred.hashicorp.vault.token")?.isSecure == false)
        #expect(file.parameter(named: "ext.cred.azure.vault_name")?.isSecure == false)
    }

    @Test("a repeated name resolves to its last occurrence, as in the MID")
    func duplicates() throws {
        let file = try Samples.parse(Samples.fullConfig)

        #expect(file.parameters(named: "mid.log.level").map(\.line) == [26, 57])
        #expect(file.parameter(named: "mid.log.level")?.value.reveal() == "info")
        #expect(file.parameter(named: "ext.cred.azure.vault_auth_endpoint") == nil)
    }

    @Test("a parameter's description names it without its value")
    func descriptionHidesValue() throws {
        let file = try Samples.parse(Samples.fullConfig)
        let parameter = try #require(file.parameter(named: "ext.cred.azure.secret_key"))

        #expect("\(parameter)" == "ext.cred.azure.secret_key (line 63, secure, encrypted (ENCv2[…]))")
        #expect(!String(reflecting: parameter).contains("q3VtLmk0"))
    }

    @Test("a parameter without a value attribute reads as empty")
    func missingValueAttribute() throws {
        let file = try Samples.parse(Samples.config(#"    <parameter name="ext.cred.azure.vault_name"/>"#))
        let parameter = try #require(file.parameter(named: "ext.cred.azure.vault_name"))

        #expect(!parameter.hasValueAttribute)
        #expect(parameter.form == .empty)
    }

    // MARK: - What the MID ignores

    @Test("records the <paramter> spelling and other elements with their names and lines")
    func unexpectedElements() throws {
        let file = try Samples.parse(Samples.fullConfig)

        #expect(
            file.unexpectedElements == [
                .init(elementName: "paramter", line: 64, nameAttribute: "ext.cred.azure.vault_auth_endpoint"),
                .init(elementName: "paramter", line: 65, nameAttribute: "ext.cred.azure.endpoint_scope"),
            ]
        )
    }

    @Test("records a nameless <parameter> and nested elements as unexpected")
    func namelessParameter() throws {
        let body = """
                <parameter value="x"/>
                <group name="azure">
                    <parameter name="ext.cred.azure.vault_name" value="kv-contoso-disc"/>
                </group>
            """
        let file = try Samples.parse(Samples.config(body))

        #expect(file.unexpectedElements.map(\.elementName) == ["parameter", "group"])
        #expect(file.unexpectedElements.map(\.line) == [8, 9])
        #expect(file.parameter(named: "ext.cred.azure.vault_name")?.line == 10)
    }

    @Test("records <parameter> declarations inside comments without reading them as parameters")
    func commentedParameters() throws {
        let file = try Samples.parse(Samples.fullConfig)
        let commented = file.commentedParameters

        #expect(
            commented.map(\.name) == [
                "mid.proxy.use_proxy", "mid.proxy.host", "mid.proxy.port", "mid.proxy.username", "mid.proxy.password",
            ]
        )
        #expect(commented.map(\.line) == [15, 16, 17, 21, 22])
        #expect(commented.allSatisfy { $0.hasValue })
        #expect(commented.map(\.isSecure) == [false, false, false, false, true])
        #expect(file.parameter(named: "mid.proxy.host") == nil)
    }

    @Test("the comment scanner tolerates single quotes, entities, bare values and unfinished tags")
    func tolerantCommentScanner() throws {
        let body = """
                <!-- <parameter value='' name='ext.cred.azure.tenant_id'/>
                     <parameter name="ext.cred.azure.secret_key" value="ENCv2[QUJD]" encrypt="true">
                     <parameters> is not a parameter, nor is <parameterX name="x"/>
                     <parameter name=ext.cred.azure.client_id value=aaaa
                     <parameter name="a&amp;b" value="1" -->
            """
        let commented = try Samples.parse(Samples.config(body)).commentedParameters

        #expect(
            commented.map(\.name) == [
                "ext.cred.azure.tenant_id", "ext.cred.azure.secret_key", "ext.cred.azure.client_id", "a&b",
            ]
        )
        #expect(commented.map(\.line) == [8, 9, 11, 12])
        #expect(commented.map(\.hasValue) == [false, true, true, true])
        #expect(commented[1].valueForm == .encrypted(.v2))
        #expect(commented[1].isSecure)
    }

    // MARK: - Errors

    @Test("an unescaped & is reported as not well-formed with line and column")
    func malformedAmpersand() throws {
        let text = Samples.config(#"    <parameter name="mid.discovery.site_label" value="Plant 4 R&D"/>"#)
        let error = try #require(Samples.midkvError { _ = try Samples.parse(text) })

        #expect(error.code == .configUnreadable)
        #expect(error.evidence("line") == "8")
        #expect(error.evidence("column") == "66")
        #expect(error.evidence("file") == "/opt/servicenow/mid/agent/config.xml")
        #expect(error.message.contains("line 8, column 66"))
        #expect(error.fix.contains("&amp;"))
    }

    @Test("an element left open is reported at the mismatched end tag, naming where it opened")
    func malformedUnclosed() throws {
        let text = Samples.config(#"    <parameter name="ext.cred.azure.vault_name" value="kv-contoso-disc">"#)
        let error = try #require(Samples.midkvError { _ = try Samples.parse(text) })

        #expect(error.code == .configUnreadable)
        #expect(error.evidence("line") == "9")
        #expect(error.evidence("column") == "14")
        #expect(error.evidence("unclosed element") == "<parameter> opened on line 8")
    }

    @Test("a file cut short is not well-formed even though XMLParser reports success")
    func truncated() throws {
        let text = Samples.config("").replacingOccurrences(of: "</parameters>\n", with: "")
        let error = try #require(Samples.midkvError { _ = try Samples.parse(text) })

        #expect(error.code == .configUnreadable)
        #expect(error.evidence("unclosed element") == "<parameters> opened on line 2")
    }

    @Test("text that is not XML, an empty file and a blank file are unreadable")
    func notXML() throws {
        for text in ["url=https://example.service-now.com", "", "  \r\n\t\n"] {
            let error = try #require(Samples.midkvError { _ = try Samples.parse(text) })

            #expect(error.code == .configUnreadable)
            #expect(error.evidence("file") == "/opt/servicenow/mid/agent/config.xml")
        }
    }

    @Test("a root element other than <parameters> is unreadable, naming the root")
    func wrongRoot() throws {
        let text =
            "<?xml version=\"1.0\"?>\n<configuration>\n  <parameter name=\"url\" value=\"x\"/>\n</configuration>\n"
        let error = try #require(Samples.midkvError { _ = try Samples.parse(text) })

        #expect(error.code == .configUnreadable)
        #expect(error.evidence("root element") == "configuration")
        #expect(error.evidence("line") == "2")
    }

    @Test("a file larger than 8 MiB is unreadable by its size, not reported as broken XML somewhere in it")
    func tooLarge() throws {
        let parameter = "    <parameter name=\"mid.log.level\" value=\"info\"/>\n"
        let text = Samples.config(String(repeating: parameter, count: 200_000))
        let error = try #require(Samples.midkvError { _ = try Samples.parse(text) })

        #expect(error.code == .configUnreadable)
        #expect(error.evidence("size") == "\(text.utf8.count) bytes")
        #expect(error.message.hasSuffix("more than the 8 MiB midkv parses"))
        #expect(error.evidence("line") == nil)
    }

    @Test("an external entity is refused by name and the file it points at is never read")
    func externalEntity() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE parameters [ <!ENTITY leak SYSTEM "file:///etc/hostname"> ]>
            <parameters>
              <parameter name="ext.cred.azure.vault_name" value="&leak;"/>
            </parameters>
            """
        let error = try #require(Samples.midkvError { _ = try Samples.parse(text) })

        #expect(error.code == .configUnreadable)
        #expect(error.evidence("line") == "4")
        #expect(error.evidence("parser error")?.hasPrefix("a reference to an external entity") == true)
    }

    @Test("entities that expand exponentially are stopped and named, not expanded")
    func entityExpansion() throws {
        var declarations = [#"<!ENTITY e0 "lol">"#]
        for level in 1...9 {
            let body = String(repeating: "&e\(level - 1);", count: 10)
            declarations.append("<!ENTITY e\(level) \"\(body)\">")
        }
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE parameters [ \(declarations.joined(separator: " ")) ]>
            <parameters><parameter name="ext.cred.azure.vault_name" value="&e9;"/></parameters>
            """
        let error = try #require(Samples.midkvError { _ = try Samples.parse(text) })

        #expect(error.code == .configUnreadable)
        #expect(error.evidence("parser error")?.hasPrefix("entities that expand without bound") == true)
    }

    // MARK: - Files

    @Test("loads config.xml from disk")
    func loadsFromDisk() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write("config.xml", Samples.fullConfig)

        assertFullConfig(try MIDConfigFile(contentsOf: path))
    }

    @Test("a missing file is unreadable, naming the path")
    func missingFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path("agent/config.xml")
        let error = try #require(Samples.midkvError { _ = try MIDConfigFile(contentsOf: path) })

        #expect(error.code == .configUnreadable)
        #expect(error.evidence("file") == path)
        #expect(error.evidence("reason") == "no such file")
        #expect(error.message == "config.xml not found at \(path)")
    }

    @Test("a folder instead of a file is unreadable")
    func folderInsteadOfFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let error = try #require(Samples.midkvError { _ = try MIDConfigFile(contentsOf: folder.url.path) })

        #expect(error.code == .configUnreadable)
        #expect(error.evidence("reason") == "not a regular file")
    }

    @Test("a file this user may not read is unreadable", .enabled(if: getuid() != 0, "root reads every file"))
    func permissionDenied() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write("config.xml", Samples.fullConfig)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)

        let error = try #require(Samples.midkvError { _ = try MIDConfigFile(contentsOf: path) })

        #expect(error.code == .configUnreadable)
        #expect(error.evidence("reason") == "permission denied")
    }
}
