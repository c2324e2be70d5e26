/// Key Vault and Entra ID host names in log text.
enum AzureHost {
    /// Host names and suffixes of Key Vault and Entra ID in the Azure clouds.
    static let suffixes = [
        ".vault.azure.net", ".vault.usgovcloudapi.net", ".vault.azure.cn", ".vault.microsoftazure.de",
        "login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn",
        "login.partner.microsoftonline.cn",
    ]

    /// Whether a context keyword is one of the host names.
    static func isHostKeyword(_ keyword: String) -> Bool {
        suffixes.contains(keyword.lowercased())
    }

    /// The first Key Vault or Entra ID host named in `text`, such as `kv-contoso-disc.vault.azure.net`.
    static func find(in text: String) -> String? {
        let lowered = Array(text.lowercased().utf8)
        let hits = suffixes.compactMap { suffix in
            lowered.firstRange(of: Array(suffix.utf8)).map { (suffix, $0) }
        }
        guard let (suffix, range) = hits.min(by: { $0.1.lowerBound < $1.1.lowerBound }) else {
            return nil
        }

        let start = lowered[..<range.lowerBound].reversed().prefix(while: isHostByte).count
        let host = lowered[(range.lowerBound - start)..<range.upperBound]
        let name = String(decoding: host, as: UTF8.self)
        return suffix.hasPrefix(".") && start == 0 ? nil : name
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".")
    }
}
