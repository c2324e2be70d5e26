/// midkv's release version.
public enum MidkvVersion {
    /// The version string, such as `0.1.0`.
    public static let current = "0.1.0"
}
