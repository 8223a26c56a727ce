import Mustache

/// Escapes text for XML 1.0 content and double- or single-quoted attributes.
///
/// Markup characters become entities; tabs and line breaks become character references (so that attribute
/// values keep them); characters XML 1.0 forbids are shown as visible escapes, so the document stays valid.
public struct XMLText: MustacheContentType {
    /// Creates the escaper.
    public init() {}

    /// `text` as XML character data, safe in content and attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count + 16)
        for c in UntrustedText.visible(text) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Escapes `text` for an XML template.
    public func escapeText(_ text: String) -> String { Self.escape(text) }
}
