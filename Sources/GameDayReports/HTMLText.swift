import Mustache

/// Escapes text for HTML and SVG content and quoted attribute values: markup characters become entities and
/// control characters become visible escapes, so nothing from a drill can open a tag or an attribute.
public struct HTMLText: MustacheContentType {
    /// Creates the escaper.
    public init() {}

    /// `text` as HTML character data.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count + 16)
        for c in UntrustedText.visible(text) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "`": out += "&#96;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Escapes `text` for an HTML template.
    public func escapeText(_ text: String) -> String { Self.escape(text) }
}
