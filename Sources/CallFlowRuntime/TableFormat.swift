/// The routing table format shared by the compiler (which writes it) and the executor (which runs
/// it). This module depends on nothing else: no YAML, no compiler code.
public enum TableFormat {
    /// The first bytes of every table file: "CFLT".
    public static let magic: [UInt8] = [0x43, 0x46, 0x4C, 0x54]
    /// Bumped whenever the layout changes; a loader refuses any other version.
    public static let version: UInt16 = 1
}
