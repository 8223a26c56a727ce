/// The value of one field of a world entity.
public enum FieldValue: Sendable, Hashable {
    /// No value (a nullable field left empty).
    case null
    /// A bool field.
    case bool(Bool)
    /// An integer field.
    case int(Int)
    /// A text field (also names, enums and references).
    case text(String)
    /// A list of texts.
    case list([String])

    /// The text, when this is one.
    public var text: String? { if case .text(let t) = self { return t }; return nil }
    /// The bool, when this is one.
    public var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    /// The integer, when this is one.
    public var int: Int? { if case .int(let i) = self { return i }; return nil }
    /// The list, when this is one.
    public var list: [String]? { if case .list(let l) = self { return l }; return nil }
}

/// The type of a field, as the loader reads it and expressions see it.
public enum FieldType: Sendable, Hashable {
    /// `true` or `false`.
    case bool
    /// A whole number.
    case int
    /// Free text or one of `choices`.
    case text
    /// A list of texts.
    case list
}

/// How one field of an entity is written, typed and defaulted.
public struct FieldSpec: Sendable {
    /// The field's name in YAML and expressions.
    public var name: String
    /// Its type.
    public var type: FieldType
    /// The value when the field is not written.
    public var defaultValue: FieldValue
    /// Whether `null` is allowed.
    public var nullable: Bool = false
    /// Whether a new entity must set it.
    public var required: Bool = false
    /// The collection a reference field (or each item of a reference list) must name.
    public var reference: Collection?
    /// The allowed values of an enumerated text field.
    public var choices: [String]?
    /// Whether the field is computed by the engine and cannot be written.
    public var derived: Bool = false
    /// Whether each list item must be an entity name (no whitespace).
    public var namesOnly: Bool = false

    static func bool(_ name: String, _ value: Bool) -> FieldSpec {
        FieldSpec(name: name, type: .bool, defaultValue: .bool(value))
    }
    static func text(_ name: String, default value: String? = nil, choices: [String]? = nil, required: Bool = false) -> FieldSpec {
        FieldSpec(name: name, type: .text, defaultValue: value.map(FieldValue.text) ?? .null,
                  nullable: value == nil && !required, required: required, choices: choices)
    }
    static func ref(_ name: String, _ collection: Collection, required: Bool) -> FieldSpec {
        FieldSpec(name: name, type: .text, defaultValue: .null, nullable: !required, required: required, reference: collection)
    }
    static func list(_ name: String, of collection: Collection? = nil, names: Bool = false) -> FieldSpec {
        FieldSpec(name: name, type: .list, defaultValue: .list([]), reference: collection, namesOnly: names || collection != nil)
    }
}
