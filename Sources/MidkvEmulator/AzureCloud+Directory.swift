extension AzureCloud {
    /// The Microsoft Graph host a tenant's OpenID configuration names (`msgraph_host`, and the
    /// host of `userinfo_endpoint`).
    var graphHost: String {
        switch self {
        case .public: "graph.microsoft.com"
        case .china: "microsoftgraph.chinacloudapi.cn"
        case .usgov: "graph.microsoft.us"
        case .germany: "graph.microsoft.de"
        }
    }

    /// The Azure AD Graph host of the OpenID configuration (`cloud_graph_host_name`).
    var legacyGraphHost: String {
        switch self {
        case .public, .usgov: "graph.windows.net"
        case .china: "graph.chinacloudapi.cn"
        case .germany: "graph.cloudapi.de"
        }
    }

    /// The privileged-access service URL of the OpenID configuration (`rbac_url`).
    var rbacURL: String {
        switch self {
        case .public: "https://pas.windows.net"
        case .china: "https://pas.chinacloudapi.cn"
        case .usgov: "https://pasff.usgovcloudapi.net"
        case .germany: "https://pas.cloudapi.de"
        }
    }
}
