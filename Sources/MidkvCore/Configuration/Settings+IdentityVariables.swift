import MidkvSupport

extension Settings {
    /// The managed identity variables exactly as the environment gives them, used or not.
    ///
    /// App Service sets `IDENTITY_ENDPOINT` with `IDENTITY_HEADER`; the Azure Arc agent sets
    /// `IDENTITY_ENDPOINT` with `IMDS_ENDPOINT`. A variable whose partner is missing is still
    /// recorded here, so a report can show it and say why it is not used.
    public struct IdentityVariables: Sendable, Hashable {
        /// `IDENTITY_ENDPOINT`, when set.
        public var endpoint: Setting<String>?
        /// `IDENTITY_HEADER`, when set.
        public var header: Setting<Secret>?
        /// `IMDS_ENDPOINT`, when set.
        public var imdsEndpoint: Setting<String>?

        /// Creates a record; every variable unset unless given.
        public init(
            endpoint: Setting<String>? = nil,
            header: Setting<Secret>? = nil,
            imdsEndpoint: Setting<String>? = nil
        ) {
            self.endpoint = endpoint
            self.header = header
            self.imdsEndpoint = imdsEndpoint
        }
    }
}

extension Settings {
    /// The managed identity variables that are set but not used because the partner each
    /// needs is missing, in catalogue order.
    ///
    /// `IDENTITY_ENDPOINT` is unused when neither App Service nor Azure Arc takes it (the Arc
    /// agent's binary alone lets Arc take it), `IDENTITY_HEADER` without the App Service
    /// identity, and `IMDS_ENDPOINT` when the Arc identity has no metadata endpoint.
    public var unusedIdentityVariables: [SettingKey] {
        var unused: [SettingKey] = []
        if let endpoint = identityVariables.endpoint, appServiceIdentity == nil, arcIdentity?.source != endpoint.source
        {
            unused.append(.identityEndpoint)
        }
        if identityVariables.header != nil, appServiceIdentity == nil {
            unused.append(.identityHeader)
        }
        if identityVariables.imdsEndpoint != nil, arcIdentity?.value.metadataEndpoint == nil {
            unused.append(.arcIMDSEndpoint)
        }
        return unused
    }
}
