import Foundation
import GameDayEngine

extension SearchHit {
    /// The hit as a JSON object.
    public var json: JSONValue {
        .object([("kind", .string(kind.rawValue)), ("ref", .string(reference)), ("title", .string(title)),
                 ("snippet", .string(snippet)), ("rank", .number(String(format: "%.6f", rank)))])
    }
}
