import CallFlowRuntime
import Testing
@testable import CallFlowCompiler

/// The binary reader's section directory, at its smallest: a payload of exactly two words (the
/// section count and a zero) lists the right count, so it is a truncated directory, not a wrong
/// count (issue 19: `words.count >= 2` made `> 2` changed no test).
@Suite struct TableDirectoryTests {
    /// A table's bytes with the payload replaced by `payload`, its length and checksum fixed.
    static func reframed(_ payload: [UInt32]) throws -> [UInt8] {
        let header = TableFormat.headerSize
        var bytes = Array(try ProgramLoader.compile(Examples.flows[0]).table.encoded()[0 ..< header])
        for word in payload { for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: word >> (8 * UInt32(k)))) } }
        let length = UInt64(payload.count * 4)
        for k in 0..<8 { bytes[32 + k] = UInt8(truncatingIfNeeded: length >> (8 * UInt64(k))) }
        let checksum = bytes.withUnsafeBytes { TableFormat.checksum(UnsafeRawBufferPointer(rebasing: $0[header...])) }
        for k in 0..<8 { bytes[40 + k] = UInt8(truncatingIfNeeded: checksum >> (8 * UInt64(k))) }
        return bytes
    }

    static func message(_ bytes: [UInt8]) -> String? {
        do {
            _ = try RoutingTable(decoding: bytes)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func aTwoWordDirectoryIsTruncated() throws {
        let sections = UInt32(TableSection.allCases.count)
        #expect(Self.message(try Self.reframed([sections, 0])) == "truncated section directory")
        #expect(Self.message(try Self.reframed([sections + 1, 0]))?.contains("does not list \(sections) sections") == true)
        #expect(Self.message(try Self.reframed([sections, 1]))?.contains("does not list \(sections) sections") == true)
    }
}
