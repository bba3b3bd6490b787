// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "callflow",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "callflow", targets: ["callflow"]),
        .library(name: "CallFlowCompiler", targets: ["CallFlowCompiler"]),
        .library(name: "CallFlowRuntime", targets: ["CallFlowRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
            ]
        ),
        // Fuzz harnesses (docs/reliability.md): built into a libFuzzer binary by scripts/fuzz.sh,
        // replayed on their regression inputs by the tests.
        .target(name: "CallFlowFuzz", dependencies: ["CallFlowCompiler", "CallFlowRuntime"]),
        // Benchmarks print figures; run with `swift run -c release callflow-bench`.
        .executableTarget(name: "callflow-bench", dependencies: ["CallFlowCompiler", "CYAML"]),
        .testTarget(name: "CallFlowCompilerTests", dependencies: ["CallFlowCompiler", "CallFlowFuzz"], exclude: ["FuzzRegressions", "Fixtures"]),
        // The runtime on its own: no YAML, no compiler.
        .testTarget(name: "CallFlowRuntimeTests", dependencies: ["CallFlowRuntime"]),
        // Runs the built `callflow` binary on the fixture files.
        .testTarget(name: "CallFlowCLITests", dependencies: ["CallFlowCompiler", "callflow"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
