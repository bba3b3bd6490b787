/// Counts in messages: "1 error", "3 errors"; "fix it" or "fix them".
public enum Plural {
    /// `count` and `noun`, with an `s` unless the count is one.
    public static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// "it" for one, "them" for more.
    public static func them(_ count: Int) -> String {
        count == 1 ? "it" : "them"
    }
}
