import Foundation

/// How a caller's words match a phrase (issue 14, docs/language.md "Speech"): both are folded
/// (Unicode case folding and diacritic folding: `ESPAÑOL` is `espanol`), cut into words (runs of
/// letters and digits; everything else separates words), and a phrase matches when its words
/// appear, in order and next to each other, among the caller's words ("español por favor"
/// matches `español`). Of several matching phrases the longest (most words, then most
/// characters) wins. The compiler's simulator runs the same code, through `CallSession`.
public enum SpeechMatch {
    /// The folded words of `text`.
    public static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var words: [String] = []
        var current = ""
        for character in folded {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Whether `phrase` (folded words, not empty) occurs as whole words inside `said`.
    public static func contains(_ said: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= said.count else { return false }
        for start in 0 ... said.count - phrase.count {
            var matches = true
            for k in 0..<phrase.count where said[start + k] != phrase[k] {
                matches = false
                break
            }
            if matches { return true }
        }
        return false
    }

    /// How long a phrase is, for "longest first": words, then characters.
    public static func length(_ phrase: [String]) -> (Int, Int) {
        (phrase.count, phrase.reduce(0) { $0 + $1.count })
    }
}
