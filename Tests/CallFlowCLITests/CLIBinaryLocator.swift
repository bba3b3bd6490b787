import Foundation

/// Where the built `callflow` binary is: beside the running tests (any `--build-path`, any
/// platform's products folder), else `.build/debug/callflow` under the package root.
enum CLIBinaryLocator {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var binary: URL {
        ProductsFolder.binary("callflow", packageRoot: packageRoot)
    }

    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }
}

/// What one run of the binary did.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLIError: Error, CustomStringConvertible {
    case binaryMissing(String)

    var description: String {
        switch self {
        case .binaryMissing(let path):
            return "the callflow binary is not at \(path); run `swift build` in the package root first"
        }
    }
}

/// Runs `callflow arguments...` in `directory` (the fixtures by default) and collects its output.
func runCallflow(_ arguments: [String], in directory: URL = CLIBinaryLocator.fixtures,
                 environment extra: [String: String] = [:]) throws -> CLIRun {
    let binary = CLIBinaryLocator.binary
    guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw CLIError.binaryMissing(binary.path) }
    return try run(binary, arguments, in: directory, environment: extra)
}

func run(_ executable: URL, _ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws -> CLIRun {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "NO_COLOR")
    environment.merge(extra) { _, new in new }
    process.environment = environment
    let stdout = Pipe(), stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Read stderr on the side so neither pipe can fill up and block the child.
    let errorData = ErrorCollector()
    let reader = Thread { errorData.store(stderr.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let err = errorData.wait()
    return CLIRun(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                  stderr: String(decoding: err, as: UTF8.self))
}

/// Data handed from the stderr reading thread.
final class ErrorCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    func store(_ value: Data) {
        data = value
        done.signal()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// The folder the running tests were built into, where `swift build` put the executables too.
enum ProductsFolder {
    static let url: URL? = {
        // macOS: the tests are an .xctest bundle loaded by a runner that lives elsewhere.
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        // Linux: the tests are an executable in the products folder.
        return Bundle.main.executableURL?.deletingLastPathComponent()
    }()

    /// The executable `name` beside the tests, else in `.build/debug`.
    static func binary(_ name: String, packageRoot: URL) -> URL {
        if let beside = url?.appendingPathComponent(name), FileManager.default.isExecutableFile(atPath: beside.path) {
            return beside
        }
        return packageRoot.appendingPathComponent(".build/debug/" + name)
    }
}
