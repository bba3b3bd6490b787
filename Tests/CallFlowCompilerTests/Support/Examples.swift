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

    static func flow(_ path: String) -> Flow {
        let result = Linter().lint(try! SourceReader().read(path))
        return result.flow!
    }
}
