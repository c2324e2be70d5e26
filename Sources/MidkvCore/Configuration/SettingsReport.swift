import MidkvSupport

/// What `midkv config show` prints: every effective setting with its source, and the
/// authentication plan with its reasons.
///
/// Pure data; the command line renders it. Secrets appear only as `<redacted>` and values the
/// MID encrypted as `<encrypted by the MID>`, so the report is safe to paste into a ticket.
/// Each encrypted value is explained once: in ``authentication`` when it stops every sign-in,
/// else in ``notes``.
public struct SettingsReport: Sendable {
    /// One setting as shown.
    public struct Row: Sendable, Hashable {
        /// The name people know, such as `ext.cred.azure.tenant_id`.
        public var name: String
        /// The shown value, with secrets and encrypted values replaced.
        public var value: String
        /// Where the value came from: `config.xml line 12`, `environment AZURE_CLIENT_SECRET`,
        /// `flag --vault-name`, `default`, or `not set`.
        public var source: String
        /// A remark, such as a secret's length or that a variable is not used.
        public var note: String?

        /// Creates a row.
        public init(name: String, value: String, source: String, note: String? = nil) {
            self.name = name
            self.value = value
            self.source = source
            self.note = note
        }
    }

    /// Shown in place of a secret.
    public static let redactedText = Secret.redactionMarker
    /// Shown in place of a value the MID encrypted.
    public static let encryptedText = "<encrypted by the MID>"
    /// Shown for a setting no source gives.
    public static let notSetText = "(not set)"
    /// The source text of a setting no source gives.
    public static let notSetSource = "not set"
    /// The note of a managed identity variable set without its partner; ``notes`` says why.
    public static let unusedNote = "not used, see Notes"

    /// The config.xml path, if one was read.
    public var configFile: String?
    /// The settings in ``SettingKey/all`` order.
    public var rows: [Row]
    /// Remarks made while resolving, each encrypted value among them, once.
    public var notes: [String]
    /// The chosen authentication mode, or `nil` when the plan failed.
    public var authenticationMode: AuthenticationPlan.Mode?
    /// The plan's explanation, or why no sign-in is possible: the plan's error line by line.
    public var authentication: [String]
    /// The error that stopped the plan, if any.
    public var authenticationError: MidkvError?

    /// Builds the report for `settings`, including the authentication plan.
    public init(settings: Settings) {
        self.configFile = settings.configFile?.path
        self.rows = Self.rows(settings)

        do {
            let plan = try AuthenticationPlan(settings: settings)
            self.authenticationMode = plan.mode
            self.authentication = plan.explanation
            self.authenticationError = nil
            self.notes = Self.notes(settings, leaving: [])
        } catch {
            let failure =
                error as? MidkvError ?? MidkvError(.configInvalidValue, "\(error)", fix: "Check the settings.")
            let blocking = Self.blockingValues(failure, in: settings)
            self.authenticationMode = nil
            self.authentication = Self.failureExplanation(failure, blocking: blocking)
            self.authenticationError = failure
            self.notes = Self.notes(settings, leaving: blocking)
        }
    }

    /// Every piece of text in the report, for renderers and redaction checks.
    public var allText: [String] {
        let rowText = rows.flatMap { [$0.name, $0.value, $0.source, $0.note ?? ""] }
        return [configFile ?? ""] + rowText + notes + authentication
    }
}
