// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "callflow",
    // macOS 15: the server uses Synchronization's `Mutex` (macOS 15+) and Hummingbird APIs of macOS 14-15.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "callflow", targets: ["callflow"]),
        .library(name: "CallFlowCompiler", targets: ["CallFlowCompiler"]),
        .library(name: "CallFlowRuntime", targets: ["CallFlowRuntime"]),
        .library(name: "CallFlowServer", targets: ["CallFlowServer"]),
        .executable(name: "callflow-server", targets: ["callflow-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The server's (docs/server.md, README "Answering real calls"); none reaches the compiler.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.9.0" ..< "5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.30.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.25.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    ],
    targets: [
        // The system libyaml, found through pkg-config (yaml-0.1).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // The table format and the executor. Depends on nothing: no YAML, no compiler.
        .target(name: "CallFlowRuntime"),
        // Front end, model, checks and emitters.
        .target(name: "CallFlowCompiler", dependencies: ["CYAML", "CallFlowRuntime"]),
        .executableTarget(
            name: "callflow",
            dependencies: [
                "CallFlowCompiler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Linux release builds carry the Swift runtime and Foundation inside the binary: no
            // shared libraries to load and relocate, some 6 MiB less resident (docs/decisions.md).
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release))]
        ),
        // Fuzz harnesses (docs/reliability.md): built into a libFuzzer binary by scripts/fuzz.sh,
        // replayed on their regression inputs by the tests.
        .target(name: "CallFlowFuzz", dependencies: ["CallFlowCompiler", "CallFlowRuntime"]),
        // Benchmarks print figures; run with `swift run -c release callflow-bench`.
        .executableTarget(name: "callflow-bench", dependencies: ["CallFlowCompiler", "CYAML"]),
        // The webhook server: runs routing tables on real calls (TwiML). Runtime + server libraries only.
        .target(
            name: "CallFlowServer",
            dependencies: [
                "CallFlowRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .executableTarget(
            name: "callflow-server",
            dependencies: [
                "CallFlowServer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "CallFlowCompilerTests", dependencies: ["CallFlowCompiler", "CallFlowFuzz"], exclude: ["FuzzRegressions", "Fixtures"]),
        // The runtime on its own: no YAML, no compiler.
        .testTarget(name: "CallFlowRuntimeTests", dependencies: ["CallFlowRuntime"]),
        // Runs the built `callflow` binary on the fixture files.
        // End-to-end: the real server over loopback HTTP, driven by a carrier emulator. The compiler
        // is here only to compile flows/ and read their scenarios.
        .testTarget(
            name: "CallFlowServerTests",
            dependencies: [
                "CallFlowServer", "CallFlowCompiler", "callflow-server",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "CallFlowCLITests", dependencies: ["CallFlowCompiler", "callflow"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
