import MidkvCore
import Testing

@testable import midkv

@Suite("Settings options on the command line")
struct SettingsOptionsTests {
    @Test(
        "each option's help names its fallbacks in the order they apply: environment, then config.xml",
        arguments: SettingsOptions.specs.map(\.name)
    )
    func fallbackOrder(name: String) throws {
        let spec = try #require(SettingsOptions.specs.first { $0.name == name })
        let key = SettingKey.all.first { $0.flags.contains("--\(name)") }
        let help = spec.help

        let variables = help.ranges(of: "$").map(\.lowerBound)
        let parameters = (help.ranges(of: "ext.cred.") + help.ranges(of: "mid.")).map(\.lowerBound)
        if let lastVariable = variables.max(), let firstParameter = parameters.min() {
            #expect(lastVariable < firstParameter, "\(help)")
        }

        guard let key else {
            return
        }
        for variable in help.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" && $0 != "$" })
        where variable.hasPrefix("$") {
            #expect(key.environmentVariables.contains(String(variable.dropFirst())), "\(variable) in \(help)")
        }
    }

    @Test("--proxy's help gives the proxy variables before mid.proxy.*")
    func proxyHelp() throws {
        let proxy = try #require(SettingsOptions.specs.first { $0.name == "proxy" })

        #expect(
            proxy.help
                == "HTTP proxy, http://[user:pass@]host:port (else $https_proxy or $http_proxy, then mid.proxy.*)"
        )
    }
}
