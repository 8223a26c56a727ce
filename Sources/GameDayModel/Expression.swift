/// A parsed, type-checked expression of the drill language (spec 6), with the text it came from.
public struct Expression: Sendable {
    /// The source text.
    public var text: String
    /// The root of the syntax tree, with types filled in by the checker.
    public var root: ExprNode
    /// Where the expression's text starts in its file.
    public var location: SourceLocation

    /// Creates an expression.
    public init(text: String, root: ExprNode, location: SourceLocation) {
        self.text = text
        self.root = root
        self.location = location
    }
}

/// A binary operator of the expression language.
public enum BinaryOperator: String, Sendable, Hashable {
    /// Logical or, short-circuit.
    case or = "||"
    /// Logical and, short-circuit.
    case and = "&&"
    /// Equality.
    case equal = "=="
    /// Inequality.
    case notEqual = "!="
    /// Less than.
    case less = "<"
    /// Less than or equal.
    case lessOrEqual = "<="
    /// Greater than.
    case greater = ">"
    /// Greater than or equal.
    case greaterOrEqual = ">="
    /// Membership in a list or key of a map.
    case `in`
    /// Addition of integers or durations.
    case plus = "+"
    /// Subtraction of integers or durations.
    case minus = "-"
}

/// The static type of an expression.
public indirect enum ExprType: Sendable, Hashable, CustomStringConvertible {
    /// `true` or `false`.
    case bool
    /// A whole number.
    case int
    /// A duration in seconds.
    case duration
    /// Text.
    case string
    /// Only `null`.
    case null
    /// Not known until run time.
    case dyn
    /// A list.
    case list(ExprType)
    /// A world collection: a map from name to entity.
    case collection(Collection)
    /// One entity of a collection.
    case entity(Collection)
    /// The `admission` policy.
    case admission
    /// The `incident` record.
    case incident
    /// One story filed with `file-story`.
    case story

    /// A phrase for messages: `an integer`, `a list of texts`.
    public var description: String {
        switch self {
        case .bool: "a bool"
        case .int: "an integer"
        case .duration: "a duration"
        case .string: "a text"
        case .null: "null"
        case .dyn: "a value"
        case .list(let e): e == .dyn ? "a list" : "a list of \(e.plural)"
        case .collection(let c): "the map '\(c.key)'"
        case .entity(let c): c == .oidcRoles || c == .images ? "an \(c.noun)" : "a \(c.noun)"
        case .admission: "the admission policy"
        case .incident: "the incident"
        case .story: "a story"
        }
    }

    var plural: String {
        switch self {
        case .bool: "bools"
        case .int: "integers"
        case .duration: "durations"
        case .string: "texts"
        case .list: "lists"
        case .entity(let c): c.key.replacingOccurrences(of: "_", with: " ")
        case .story: "stories"
        default: "values"
        }
    }
}

/// One node of an expression's syntax tree.
public struct ExprNode: Sendable {
    /// What the node is.
    public indirect enum Kind: Sendable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// An integer literal.
        case int(Int)
        /// A duration literal, in seconds.
        case duration(Int)
        /// A text literal.
        case string(String)
        /// `[a, b]`.
        case list([ExprNode])
        /// A name in scope or a bound variable.
        case name(String)
        /// `!x`.
        case not(ExprNode)
        /// `a OP b`.
        case binary(BinaryOperator, ExprNode, ExprNode)
        /// `a.field`.
        case field(ExprNode, String)
        /// `a[b]`.
        case index(ExprNode, ExprNode)
        /// `a.all(x, P)` and friends: the method, its variable, its body.
        case macro(ExprNode, String, variable: String, body: ExprNode)
        /// `a.size()`.
        case sizeMethod(ExprNode)
        /// `size(x)`, `done(...)`, `fired(...)`.
        case call(String, [ExprNode])
    }

    /// The node's kind and children.
    public var kind: Kind
    /// Offset of the node's first token in the expression, in Unicode scalars.
    public var offset: Int
    /// The type the checker found.
    public var type: ExprType = .dyn

    /// Creates a node.
    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }
}

/// A problem in an expression, at a scalar offset of its text.
public struct ExpressionError: Error, Sendable, Hashable {
    /// Offset in Unicode scalars from the start of the expression.
    public var offset: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(offset: Int, _ message: String) {
        self.offset = offset
        self.message = message
    }
}
