import Foundation

/// libFuzzer's entry points. Linked only into the fuzzing binary (scripts/fuzz.sh): the harness
/// is the one `CALLFLOW_FUZZ_TARGET` names (lint, expression, table, session, scenario).
nonisolated(unsafe) private var selected: FuzzHarness?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> Int32 {
    let name = ProcessInfo.processInfo.environment["CALLFLOW_FUZZ_TARGET"] ?? ""
    guard let harness = FuzzHarness(rawValue: name) else {
        FileHandle.standardError.write(Data("set CALLFLOW_FUZZ_TARGET to one of: \(FuzzHarness.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    selected = harness
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selected?.run(bytes)
    return 0
}
