// swift-tools-version: 6.1
import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode is the package default; these add
/// upcoming features that make dependencies and existential costs explicit.
let strictSettings: [SwiftSetting] = [
    // SE-0335: spell out `any` for existential types.
    .enableUpcomingFeature("ExistentialAny"),
    // SE-0444: a file sees only the modules it imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "midkv",
    products: [
        .executable(name: "midkv", targets: ["midkv"]),
        .library(name: "MidkvCore", targets: ["MidkvCore"]),
        .library(name: "MidkvEmulator", targets: ["MidkvEmulator"]),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "MidkvSupport", swiftSettings: strictSettings),
        .target(
            name: "MidkvCrypto",
            dependencies: ["COpenSSL", "MidkvSupport"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MidkvTransport",
            dependencies: ["CCurl", "COpenSSL", "MidkvCrypto", "MidkvSupport"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MidkvHTTPServer",
            dependencies: ["COpenSSL", "MidkvCrypto", "MidkvSupport"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MidkvCore",
            dependencies: ["MidkvCrypto", "MidkvSupport", "MidkvTransport"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MidkvDoctor",
            dependencies: ["MidkvCore", "MidkvCrypto", "MidkvSupport", "MidkvTransport"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MidkvEmulator",
            dependencies: ["MidkvCrypto", "MidkvHTTPServer", "MidkvSupport"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MidkvAgent",
            dependencies: ["MidkvCore", "MidkvHTTPServer", "MidkvSupport", "MidkvTransport"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MidkvTestSupport",
            dependencies: ["MidkvCore", "MidkvCrypto", "MidkvEmulator", "MidkvSupport", "MidkvTransport"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "midkv",
            dependencies: [
                "MidkvAgent", "MidkvCore", "MidkvCrypto", "MidkvDoctor", "MidkvEmulator", "MidkvSupport",
                "MidkvTransport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MidkvSupportTests",
            dependencies: ["MidkvSupport", "MidkvTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MidkvCryptoTests",
            dependencies: ["COpenSSL", "MidkvCrypto", "MidkvTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MidkvTransportTests",
            dependencies: ["MidkvCrypto", "MidkvHTTPServer", "MidkvSupport", "MidkvTestSupport", "MidkvTransport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MidkvHTTPServerTests",
            dependencies: ["COpenSSL", "MidkvCrypto", "MidkvHTTPServer", "MidkvSupport", "MidkvTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MidkvCoreTests",
            dependencies: [
                "MidkvCore", "MidkvCrypto", "MidkvEmulator", "MidkvSupport", "MidkvTestSupport", "MidkvTransport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MidkvDoctorTests",
            dependencies: [
                "MidkvCore", "MidkvCrypto", "MidkvDoctor", "MidkvEmulator", "MidkvHTTPServer", "MidkvSupport",
                "MidkvTestSupport", "MidkvTransport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MidkvEmulatorTests",
            dependencies: [
                "COpenSSL", "MidkvCrypto", "MidkvEmulator", "MidkvHTTPServer", "MidkvSupport", "MidkvTestSupport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MidkvAgentTests",
            dependencies: [
                "MidkvAgent", "MidkvCore", "MidkvEmulator", "MidkvHTTPServer", "MidkvSupport", "MidkvTestSupport",
                "MidkvTransport",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "midkvTests",
            dependencies: [
                "MidkvAgent", "MidkvCore", "MidkvDoctor", "MidkvEmulator", "MidkvSupport", "MidkvTestSupport",
                "MidkvTransport",
                "midkv",
            ],
            swiftSettings: strictSettings
        ),
    ]
)
