import Foundation
import MidkvCore
import MidkvSupport
import MidkvTestSupport
import MidkvTransport
import Testing

@Suite("Settings resolves one effective proxy")
struct SettingsProxyTests {
    private typealias Samples = ConfigurationSamples
    private typealias Proxy = TransportConfiguration.Proxy

    private static let proxyBlock = """
            <parameter name="mid.proxy.use_proxy" value="true"/>
            <parameter name="mid.proxy.host" value="proxy.corp.example"/>
            <parameter name="mid.proxy.port" value="3128"/>
            <parameter name="mid.proxy.username" value="svc-mid"/>
            <parameter name="mid.proxy.password" secure="true" value="\(Samples.proxyPasswordCanary)"/>
        """

    // MARK: - config.xml

    @Test("mid.proxy.* in config.xml gives host, port, user and a secret password")
    func fromConfig() throws {
        let text = Samples.config(Self.proxyBlock)
        let settings = try Samples.settings(config: text)
        let proxy = try #require(settings.proxy.value)

        #expect(proxy.host == "proxy.corp.example")
        #expect(proxy.port == 3128)
        #expect(proxy.username == "svc-mid")
        #expect(proxy.password?.reveal() == Samples.proxyPasswordCanary)
        #expect(settings.proxy.source.description == "config.xml line 9")
        #expect(settings.proxyUsernameSource?.description == "config.xml line 11")
        #expect(settings.proxyPasswordSource?.inputName == "mid.proxy.password")
        #expect(settings.proxyPasswordSource?.description == "config.xml line 12")
        #expect(settings.transportConfiguration().proxy == proxy)
    }

    @Test("mid.proxy.host alone turns the proxy on with port 80")
    func hostAlone() throws {
        let settings = try Samples.settings(
            config: Samples.config(#"    <parameter name="mid.proxy.host" value="proxy.corp.example"/>"#)
        )

        #expect(settings.proxy.value == Proxy(host: "proxy.corp.example", port: 80))
    }

    @Test("use_proxy false, or its alias mid.instance.use_proxy, turns the proxy off")
    func turnedOff() throws {
        let primary = Self.proxyBlock.replacingOccurrences(of: #"value="true""#, with: #"value="false""#)
        let alias = primary.replacingOccurrences(of: "mid.proxy.use_proxy", with: "mid.instance.use_proxy")

        for body in [primary, alias] {
            let settings = try Samples.settings(config: Samples.config(body))

            #expect(settings.proxy.value == nil)
            #expect(settings.proxy.source.description == "config.xml line 8")
        }
    }

    @Test("use_proxy true without mid.proxy.host is a missing parameter")
    func turnedOnWithoutHost() throws {
        let text = Samples.config(#"    <parameter name="mid.proxy.use_proxy" value="true"/>"#)
        let error = try #require(Samples.midkvError { _ = try Samples.settings(config: text) })

        #expect(error.code == .configMissingParameter)
        #expect(error.evidence("setting") == "mid.proxy.host")
    }

    @Test(
        "a port outside 1 to 65535 or not a number is an invalid value",
        arguments: ["0", "65536", "YOUR_PROXY_PORT"]
    )
    func badPort(port: String) throws {
        let text = Samples.config(Self.proxyBlock.replacingOccurrences(of: "3128", with: port))
        let error = try #require(Samples.midkvError { _ = try Samples.settings(config: text) })

        #expect(error.code == .configInvalidValue)
        #expect(error.evidence("setting") == "mid.proxy.port")
        #expect(error.evidence("value") == port)
    }

    @Test("a use_proxy that is neither true nor false is an invalid value")
    func badBoolean() throws {
        let text = Samples.config(Self.proxyBlock.replacingOccurrences(of: #"value="true""#, with: #"value="yes""#))
        let error = Samples.midkvError { _ = try Samples.settings(config: text) }

        #expect(error?.code == .configInvalidValue)
        #expect(error?.evidence("setting") == "mid.proxy.use_proxy")
    }

    @Test("an encrypted mid.proxy.password leaves the proxy without a password and says how to supply it")
    func encryptedPassword() throws {
        let text = Samples.config(
            Self.proxyBlock.replacingOccurrences(of: Samples.proxyPasswordCanary, with: Samples.v2Encrypted)
        )
        let settings = try Samples.settings(config: text)

        #expect(settings.proxy.value == Proxy(host: "proxy.corp.example", port: 3128, username: "svc-mid"))
        #expect(settings.encryptedValue(for: .proxyPassword)?.parameter.line == 12)
        #expect(settings.notes.count == 1)
        #expect(settings.notes[0].contains("pass --proxy http://user:password@host:port"))
    }

    @Test("the commented-out proxy block as shipped means no proxy")
    func shippedBlock() throws {
        let settings = try Samples.settings(config: Samples.fullConfig)

        #expect(settings.proxy == Setting(nil, source: .default))
    }

    // MARK: - Environment and flags

    @Test("https_proxy beats mid.proxy.* and its password becomes a secret")
    func environmentBeatsConfig() throws {
        let url = "http://svc-mid:\(Samples.proxyPasswordCanary)@squid.corp.example:8080"
        let settings = try Samples.settings(config: Samples.config(Self.proxyBlock), environment: ["https_proxy": url])

        #expect(
            settings.proxy.value
                == Proxy(
                    host: "squid.corp.example",
                    port: 8080,
                    username: "svc-mid",
                    password: Secret(Samples.proxyPasswordCanary)
                )
        )
        #expect(settings.proxy.source == .environment("https_proxy"))
        #expect(settings.proxyUsernameSource == .environment("https_proxy"))
        #expect(settings.proxyPasswordSource == .environment("https_proxy"))
        #expect(!"\(settings.proxy)".contains(Samples.proxyPasswordCanary))
    }

    @Test("the proxy variables are read in the order https_proxy, HTTPS_PROXY, http_proxy, HTTP_PROXY")
    func environmentOrder() throws {
        let all = [
            "https_proxy": "http://a.example:1", "HTTPS_PROXY": "http://b.example:2",
            "http_proxy": "http://c.example:3", "HTTP_PROXY": "http://d.example:4",
        ]
        var sources: [String] = []
        var environment = all
        for name in ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"] {
            let settings = try Samples.settings(environment: environment)
            sources.append(settings.proxy.source.inputName ?? "")
            environment[name] = nil
        }

        #expect(sources == ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"])
    }

    @Test("a proxy URL without a scheme or port is read as http on port 80, percent-decoding the user")
    func proxyURLForms() throws {
        let bare = try Samples.settings(environment: ["HTTPS_PROXY": "squid.corp.example"])
        let encoded = try Samples.settings(flags: ["--proxy": "http://corp%5Csvc-mid:p%40ss@10.1.2.3:3128/"])

        #expect(bare.proxy.value == Proxy(host: "squid.corp.example", port: 80))
        #expect(bare.proxyUsernameSource == nil && bare.proxyPasswordSource == nil)
        #expect(encoded.proxy.value?.username == #"corp\svc-mid"#)
        #expect(encoded.proxy.value?.password?.reveal() == "p@ss")
    }

    @Test("a proxy URL that cannot be used is an error that never shows its password")
    func badProxyURL() throws {
        let url = "socks5://svc-mid:\(Samples.proxyPasswordCanary)@squid.corp.example:1080"
        let error = try #require(Samples.midkvError { _ = try Samples.settings(environment: ["https_proxy": url]) })

        #expect(error.code == .configInvalidValue)
        #expect(error.evidence("setting") == "https_proxy")
        #expect(error.evidence("value") == "socks5://svc-mid:<redacted>@squid.corp.example:1080")
        #expect(Samples.texts(of: error).allSatisfy { !$0.contains(Samples.proxyPasswordCanary) })
    }

    @Test("--proxy beats the environment and --no-proxy beats everything")
    func flags() throws {
        let environment = ["https_proxy": "http://squid.corp.example:8080"]
        let config = Samples.config(Self.proxyBlock)
        let flagged = try Samples.settings(
            config: config,
            flags: ["--proxy": "http://127.0.0.1:3128"],
            environment: environment
        )
        let disabled = try Samples.settings(config: config, flags: ["no-proxy": ""], environment: environment)

        #expect(flagged.proxy == Setting(Proxy(host: "127.0.0.1", port: 3128), source: .flag("--proxy")))
        #expect(disabled.proxy == Setting(nil, source: .flag("--no-proxy")))
    }

    @Test("--proxy together with --no-proxy is a usage error")
    func conflictingFlags() throws {
        let error = Samples.midkvError {
            _ = try Samples.settings(flags: ["--proxy": "http://127.0.0.1:3128", "--no-proxy": "true"])
        }

        #expect(error?.code == .usageInvalid)
    }

    @Test("http_proxy used for HTTPS traffic is noted")
    func httpProxyNote() throws {
        let settings = try Samples.settings(environment: ["http_proxy": "http://squid.corp.example:8080"])

        #expect(settings.notes == ["http_proxy is used for HTTPS traffic because https_proxy is not set."])
    }

    // MARK: - no_proxy

    @Test("no_proxy is kept and always extended with the metadata address and loopback")
    func noProxy() throws {
        let listed = try Samples.settings(environment: ["no_proxy": " .corp.example, localhost ,,10.0.0.0/8"])
        let upper = try Samples.settings(environment: ["NO_PROXY": "vault.local"])

        #expect(
            listed.noProxy
                == Setting(
                    [".corp.example", "localhost", "10.0.0.0/8", "169.254.169.254", "127.0.0.1"],
                    source: .environment("no_proxy")
                )
        )
        #expect(upper.noProxy.value == ["vault.local", "169.254.169.254", "localhost", "127.0.0.1"])
        #expect(upper.transportConfiguration().noProxy == upper.noProxy.value)
    }
}
