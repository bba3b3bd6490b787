import Foundation

extension String {
    /// Equal UTF-8 bytes. YAML compares keys by their characters as written, so this is the
    /// right equality for keys; it is also much cheaper than `==` for unequal short strings,
    /// which the standard library sends through a Unicode-aware slow path.
    @inline(__always)
    func sameBytes(_ other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in
                x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
    }
}
