import CCurl

/// Initialises libcurl once per process, before the first handle is made.
enum CurlRuntime {
    /// The result of `curl_global_init`; reading it runs the initialisation exactly once.
    static let initialization: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

    /// Makes sure libcurl is initialised, and reports whether that worked.
    static func prepare() -> Bool {
        initialization == CURLE_OK
    }
}
