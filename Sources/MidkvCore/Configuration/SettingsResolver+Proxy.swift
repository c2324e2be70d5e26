import Foundation
import MidkvSupport
import MidkvTransport

extension SettingsResolver {
    private static let useProxyParameters = ["mid.proxy.use_proxy", "mid.instance.use_proxy"]
    private static let hostParameter = "mid.proxy.host"
    private static let portParameter = "mid.proxy.port"
    private static let usernameParameter = "mid.proxy.username"
    private static let passwordParameter = "mid.proxy.password"

    /// The one effective proxy: `--no-proxy` or `--proxy`, else the proxy variables, else
    /// `mid.proxy.*`, else none.
    mutating func resolveProxy() throws -> Setting<TransportConfiguration.Proxy?> {
        if isSwitchOn("--no-proxy") {
            guard flag("--proxy") == nil else {
                throw MidkvError(
                    .usageInvalid,
                    "--proxy and --no-proxy cannot be used together",
                    evidence: [Evidence("flags", "--proxy, --no-proxy")],
                    fix: "Keep --proxy to use a proxy, or --no-proxy to connect directly."
                )
            }
            return Setting(nil, source: .flag("--no-proxy"))
        }

        if let text = flag("--proxy") {
            let candidate = Candidate(text: text, source: .flag("--proxy"))
            return Setting(try ProxyURL.parse(candidate), source: candidate.source)
        }

        if let candidate = environmentCandidate(names: SettingKey.proxy.environmentVariables) {
            noteEnvironmentProxy(candidate)
            return Setting(try ProxyURL.parse(candidate), source: candidate.source)
        }
        return try configProxy() ?? Setting(nil, source: .default)
    }

    /// The no-proxy list: `no_proxy` or `NO_PROXY`, plus the hosts that always bypass it.
    func resolveNoProxy() -> Setting<[String]> {
        let candidate = environmentCandidate(names: SettingKey.noProxy.environmentVariables)
        let listed = (candidate?.text ?? "")
            .split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }

        let missing = Settings.alwaysBypassedHosts.filter { !listed.contains($0) }
        return Setting(listed + missing, source: candidate?.source ?? .default)
    }

    /// Where the proxy's user name came from: the line of `mid.proxy.username` when config.xml
    /// gave the proxy, else the flag or variable of its URL; `nil` without a user name.
    func proxyUsernameSource(_ proxy: Setting<TransportConfiguration.Proxy?>) -> SettingSource? {
        guard proxy.value?.username != nil else {
            return nil
        }
        return configSource(of: Self.usernameParameter, for: proxy) ?? proxy.source
    }

    /// Where the proxy's password came from: the line of `mid.proxy.password` when config.xml
    /// gave the proxy, else the flag or variable of its URL; `nil` without a password.
    func proxyPasswordSource(_ proxy: Setting<TransportConfiguration.Proxy?>) -> SettingSource? {
        guard proxy.value?.password != nil else {
            return nil
        }
        return configSource(of: Self.passwordParameter, for: proxy) ?? proxy.source
    }

    // MARK: - config.xml

    private mutating func configProxy() throws -> Setting<TransportConfiguration.Proxy?>? {
        let use = try configUseProxy()
        let host = configParameter(Self.hostParameter, for: .proxy)
            .flatMap { $0.text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }

        switch (use, host) {
        case (nil, nil):
            return nil
        case (let use?, _) where !use.enabled:
            return Setting(nil, source: use.source)
        case (let use?, nil):
            throw Self.missingProxyHost(use.source)
        case (_, let host?):
            return Setting(try configProxy(host: host), source: host.source)
        }
    }

    /// The line of `parameter`, when config.xml gave `proxy`.
    private func configSource(of parameter: String, for proxy: Setting<TransportConfiguration.Proxy?>) -> SettingSource?
    {
        guard case .configFile(let path, _, _) = proxy.source,
            let line = configFile?.parameter(named: parameter)?.line
        else {
            return nil
        }
        return .configFile(path: path, line: line, parameter: parameter)
    }

    private mutating func configProxy(host: Candidate) throws -> TransportConfiguration.Proxy {
        let port = try configProxyPort()
        let username = configParameter(Self.usernameParameter, for: .proxyUsername)?.text
        let password = configParameter(Self.passwordParameter, for: .proxyPassword)?.text

        return TransportConfiguration.Proxy(
            host: host.text.trimmingCharacters(in: .whitespaces),
            port: port,
            username: username.flatMap { $0.isEmpty ? nil : $0 },
            password: password.flatMap { $0.isEmpty ? nil : Secret($0) }
        )
    }

    private mutating func configUseProxy() throws -> (enabled: Bool, source: SettingSource)? {
        var found: [(enabled: Bool, source: SettingSource)] = []
        for name in Self.useProxyParameters {
            if let candidate = configParameter(name, for: .proxy) {
                found.append((try Self.parseBoolean(candidate), candidate.source))
            }
        }

        if found.count == 2, found[0].enabled != found[1].enabled {
            note(
                "\(found[0].source.detailedDescription) and \(found[1].source.detailedDescription) disagree; "
                    + "midkv follows \(Self.useProxyParameters[0])."
            )
        }
        return found.first
    }

    private mutating func configProxyPort() throws -> Int {
        guard let candidate = configParameter(Self.portParameter, for: .proxy) else {
            return Settings.defaultProxyPort
        }

        guard let port = Int(candidate.text.trimmingCharacters(in: .whitespaces)), (1...65_535).contains(port) else {
            throw Self.invalidValue(
                candidate.source,
                shown: candidate.text,
                problem: "is not a port number from 1 to 65535",
                fix: "Set \(Self.portParameter) to the proxy's port, such as 3128 or 8080."
            )
        }
        return port
    }

    private mutating func noteEnvironmentProxy(_ candidate: Candidate) {
        guard case .environment(let name) = candidate.source, name.lowercased() == "http_proxy" else {
            return
        }
        note("\(name) is used for HTTPS traffic because https_proxy is not set.")
    }

    private static func parseBoolean(_ candidate: Candidate) throws -> Bool {
        switch candidate.text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw invalidValue(
                candidate.source,
                shown: candidate.text,
                problem: "is neither true nor false",
                fix: "Set \(candidate.source.inputName ?? "the parameter") to true or false."
            )
        }
    }

    private static func missingProxyHost(_ source: SettingSource) -> MidkvError {
        MidkvError(
            .configMissingParameter,
            "\(source.detailedDescription) turns the proxy on, but \(hostParameter) is not set",
            evidence: [Evidence("setting", hostParameter), Evidence("source", source.description)],
            cause: "A proxy block that was only partly uncommented, or a host left inside a comment.",
            fix: "Add <parameter name=\"\(hostParameter)\" value=\"…\"/> with the proxy's host name, "
                + "or set \(source.inputName ?? useProxyParameters[0]) to false."
        )
    }
}
