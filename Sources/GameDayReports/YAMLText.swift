import Mustache

/// Renders text as one double-quoted YAML scalar (for front matter): it cannot end the scalar, start a new
/// key, a document marker or a comment, and it reads back as the same string.
public struct YAMLText: MustacheContentType {
    /// Creates the escaper.
    public init() {}

    /// `text` as a double-quoted YAML scalar, quotes included.
    public static func escape(_ text: String) -> String {
        var out = "\""
        for scalar in UntrustedText.visible(text).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Escapes `text` for the YAML part of a template.
    public func escapeText(_ text: String) -> String { Self.escape(text) }
}
