import Foundation
@testable import CallFlowCompiler

/// The repository's example flows (flows/), which many tests compile and run.
enum Examples {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let flows = ["flows/helpdesk.yaml", "flows/riverside-clinic.yaml", "flows/retail/northwind-retail.yaml"].map { root + "/" + $0 }

    /// The example flows, vet-hospital, and every YAML file of the shared corpora and bench
    /// (when ../shared is there): the flows the agreement tests compare two routes on.
    static func flowsAndSharedYAML() -> [String] {
        var paths = flows + [root + "/flows/vet-hospital.yaml"]
        let shared = root + "/../shared"
        for folder in [shared + "/corpora", shared + "/bench"] {
            guard let walk = FileManager.default.enumerator(atPath: folder) else { continue }
            for case let relative as String in walk where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                paths.append(folder + "/" + relative)
            }
        }
        return paths
    }

    static func flow(_ path: String) -> Flow {
        let result = Linter().lint(try! SourceReader().read(path))
        return result.flow!
    }
}
