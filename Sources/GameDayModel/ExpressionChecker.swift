import Synchronization

/// What an expression may refer to where it is written.
public struct ExpressionScope: Sendable {
    /// Whether `now` is in scope (in `if` and `until`, not in a `check`).
    public var allowsNow: Bool
    /// The inject ids of the drill, for `fired`.
    public var injectIDs: [String] {
        didSet { injects = InjectNames(injectIDs) }
    }
    /// The inject ids prepared for look-ups and hints.
    private(set) var injects: InjectNames
    /// The roles of the world, for `done_by`.
    public var roles: [String]

    /// Creates a scope.
    public init(allowsNow: Bool, injectIDs: [String], roles: [String] = []) {
        self.allowsNow = allowsNow
        self.injectIDs = injectIDs
        self.roles = roles
        injects = InjectNames(injectIDs)
    }

    /// Inject ids as a set, and a suggester built at the first hint, so that checking many `fired` calls stays linear.
    final class InjectNames: Sendable {
        let set: Set<String>
        private let ids: [String]
        private let built = Mutex<NameSuggester?>(nil)
        init(_ ids: [String]) {
            set = Set(ids)
            self.ids = ids
        }
        var suggester: NameSuggester {
            built.withLock { built in
                if let built { return built }
                let made = NameSuggester(ids)
                built = made
                return made
            }
        }
    }

    /// The names every expression sees, with their types.
    public static let globals: [String: ExprType] = {
        var names: [String: ExprType] = [:]
        for c in Collection.allCases { names[c.key] = .collection(c) }
        names["admission"] = .admission
        names["incident"] = .incident
        for list in ["paged", "notified", "acknowledged", "findings", "runbooks"] { names[list] = .list(.string) }
        names["stories"] = .list(.story)
        names["postmortem_scheduled"] = .bool
        names["now"] = .duration
        return names
    }()

    /// Each collection's entity fields with their types, by ordinal (made once: a field is looked up in every
    /// `x.field` of every expression).
    private static let entityFields: [[(String, ExprType)]] = Collection.allCases.map { c in
        c.fields.map { spec in
            let t: ExprType = switch spec.type {
            case .bool: .bool
            case .int: .int
            case .text: .string
            case .list: .list(.string)
            }
            return (spec.name, t)
        }
    }

    /// The fields of a record type, with their types.
    public static func fields(of type: ExprType) -> [(String, ExprType)]? {
        switch type {
        case .entity(let c):
            return entityFields[c.ordinal]
        case .admission: return [("require_signatures", .bool), ("trusted_keys", .list(.string))]
        case .incident: return [("declared", .bool), ("severity", .string)]
        case .story: return [("title", .string), ("owner", .string), ("due", .duration)]
        default: return nil
        }
    }
}

/// Type-checks an expression's tree, filling in each node's type and collecting every error.
public struct ExpressionChecker {
    private let scope: ExpressionScope
    private var variables: [(String, ExprType)] = []
    private(set) var errors: [ExpressionError] = []

    /// Checks `root` as a condition; returns the typed tree and the errors found.
    public static func checkCondition(_ root: ExprNode, in scope: ExpressionScope) -> (ExprNode, [ExpressionError]) {
        var checker = ExpressionChecker(scope: scope)
        let typed = checker.check(root)
        if !Self.isBoolish(typed.type) {
            checker.errors.append(ExpressionError(offset: typed.offset, "a condition must be true or false, but this is \(typed.type)"))
        }
        return (typed, checker.errors)
    }

    private init(scope: ExpressionScope) { self.scope = scope }

    static func isBoolish(_ t: ExprType) -> Bool { t == .bool || t == .null || t == .dyn }

    static func compatible(_ a: ExprType, _ b: ExprType) -> Bool {
        if a == b || a == .null || b == .null || a == .dyn || b == .dyn { return true }
        if case .list(let x) = a, case .list(let y) = b { return compatible(x, y) }
        return false
    }

    private mutating func fail(_ offset: Int, _ message: String) -> ExprType {
        errors.append(ExpressionError(offset: offset, message))
        return .dyn
    }

    private mutating func check(_ node: ExprNode) -> ExprNode {
        var out = node
        switch node.kind {
        case .null: out.type = .null
        case .bool: out.type = .bool
        case .int: out.type = .int
        case .duration: out.type = .duration
        case .string: out.type = .string
        case .list(let items):
            let typed = items.map { check($0) }
            let element = typed.map(\.type).filter { $0 != .null }
            let first = element.first ?? .dyn
            out.kind = .list(typed)
            out.type = .list(element.allSatisfy { $0 == first } ? first : .dyn)
        case .name(let name):
            if let bound = variables.last(where: { $0.0 == name }) {
                out.type = bound.1
            } else if name == "now" {
                out.type = scope.allowsNow ? .duration
                    : fail(node.offset, "'now' can be used only in 'if' and 'until', not in a check (a check is evaluated only when something happens)")
            } else if let t = ExpressionScope.globals[name] {
                out.type = t
            } else {
                let candidates = Array(ExpressionScope.globals.keys) + variables.map(\.0)
                out.type = fail(node.offset, "unknown name '\(name)'\(Suggestion.hint(for: name, in: candidates))")
            }
        case .not(let operand):
            let typed = check(operand)
            out.kind = .not(typed)
            out.type = Self.isBoolish(typed.type) ? .bool : fail(node.offset, "'!' needs true or false, but this is \(typed.type)")
        case .binary(let op, let l, let r):
            let left = check(l), right = check(r)
            out.kind = .binary(op, left, right)
            out.type = binaryType(op, left, right, at: node.offset)
            if op == .plus || op == .minus, let a = Self.constant(left), let b = Self.constant(right), Self.arithmetic(op, a, b) == nil {
                out.type = fail(node.offset, "this \(out.type == .duration ? "duration" : "integer") arithmetic overflows: its result is beyond \(Int.max)")
            }
        case .field(let target, let name):
            let typed = check(target)
            out.kind = .field(typed, name)
            out.type = fieldType(of: typed.type, name, at: node.offset)
        case .index(let target, let index):
            let t = check(target), i = check(index)
            out.kind = .index(t, i)
            out.type = indexType(t.type, i, at: node.offset)
        case .sizeMethod(let target):
            let t = check(target)
            out.kind = .sizeMethod(t)
            out.type = sizable(t.type) ? .int : fail(node.offset, "size() needs a list, a map or a text, but this is \(t.type)")
        case .macro(let target, let method, let variable, let body):
            let t = check(target)
            let element: ExprType
            switch t.type {
            case .list(let e): element = e
            case .collection(let c): element = .entity(c)
            case .null, .dyn: element = .dyn
            default: element = fail(node.offset, "\(method)() needs a list or a map, but this is \(t.type)")
            }
            variables.append((variable, element))
            let b = check(body)
            variables.removeLast()
            out.kind = .macro(t, method, variable: variable, body: b)
            if method == "map" {
                out.type = .list(b.type)
            } else {
                if !Self.isBoolish(b.type) {
                    _ = fail(b.offset, "the body of \(method)() must be true or false, but this is \(b.type)")
                }
                out.type = method == "filter" ? .list(element) : .bool
            }
        case .call(let name, let args):
            let typed = args.map { check($0) }
            out.kind = .call(name, typed)
            out.type = callType(name, typed, at: node.offset)
        }
        return out
    }

    /// The value of a constant integer or duration expression (literals, `+` and `-`), nil when it is not constant or overflows.
    static func constant(_ node: ExprNode) -> Int? {
        switch node.kind {
        case .int(let v), .duration(let v): return v
        case .binary(let op, let l, let r) where op == .plus || op == .minus:
            guard let a = constant(l), let b = constant(r) else { return nil }
            return arithmetic(op, a, b)
        default: return nil
        }
    }

    /// `a + b` or `a - b`, nil on overflow.
    static func arithmetic(_ op: BinaryOperator, _ a: Int, _ b: Int) -> Int? {
        let (v, o) = op == .plus ? a.addingReportingOverflow(b) : a.subtractingReportingOverflow(b)
        return o ? nil : v
    }

    private func sizable(_ t: ExprType) -> Bool {
        switch t {
        case .list, .collection, .string, .null, .dyn: true
        default: false
        }
    }

    private mutating func binaryType(_ op: BinaryOperator, _ l: ExprNode, _ r: ExprNode, at offset: Int) -> ExprType {
        switch op {
        case .and, .or:
            for side in [l, r] where !Self.isBoolish(side.type) {
                return fail(side.offset, "'\(op.rawValue)' needs true or false on both sides, but this is \(side.type)")
            }
            return .bool
        case .equal, .notEqual:
            guard Self.compatible(l.type, r.type) else {
                return fail(offset, "cannot compare \(l.type) with \(r.type)")
            }
            return .bool
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let ordered: Set<ExprType> = [.int, .duration, .string, .null, .dyn]
            guard ordered.contains(l.type), ordered.contains(r.type), Self.compatible(l.type, r.type) else {
                return fail(offset, "'\(op.rawValue)' compares two integers, two durations or two texts, not \(l.type) and \(r.type)")
            }
            return .bool
        case .in:
            switch r.type {
            case .list(let e):
                guard Self.compatible(l.type, e) else {
                    return fail(offset, "\(l.type) can never be in \(r.type)")
                }
            case .collection(let c):
                guard Self.compatible(l.type, .string) else {
                    return fail(offset, "the keys of '\(c.key)' are names (texts), not \(l.type)")
                }
            case .null, .dyn: break
            default:
                return fail(r.offset, "'in' needs a list or a map on its right, but this is \(r.type)")
            }
            return .bool
        case .plus, .minus:
            switch (l.type, r.type) {
            case (.int, .int): return .int
            case (.duration, .duration): return .duration
            case (.null, _), (_, .null):
                if [ExprType.int, .duration, .null, .dyn].contains(l.type), [ExprType.int, .duration, .null, .dyn].contains(r.type) { return .null }
            case (.dyn, _), (_, .dyn):
                if [ExprType.int, .duration, .null, .dyn].contains(l.type), [ExprType.int, .duration, .null, .dyn].contains(r.type) { return .dyn }
            default: break
            }
            return fail(offset, "'\(op.rawValue)' works on two integers or two durations, not \(l.type) and \(r.type)")
        }
    }

    private mutating func fieldType(of target: ExprType, _ name: String, at offset: Int) -> ExprType {
        switch target {
        case .null: return .null
        case .dyn: return .dyn
        case .collection(let c):
            return fail(offset, "'\(c.key)' is a map of \(ExprType.entity(c).plural) by name; pick one with \(c.key)[\"NAME\"], or use \(c.key).exists(x, ...)")
        default:
            guard let fields = ExpressionScope.fields(of: target) else {
                return fail(offset, "\(target) has no fields")
            }
            if let field = fields.first(where: { $0.0 == name }) { return field.1 }
            return fail(offset, "\(target) has no field '\(name)'\(Suggestion.hint(for: name, in: fields.map(\.0)))")
        }
    }

    private mutating func indexType(_ target: ExprType, _ index: ExprNode, at offset: Int) -> ExprType {
        switch target {
        case .list(let e):
            guard Self.compatible(index.type, .int) else { return fail(index.offset, "a list is indexed by an integer, not \(index.type)") }
            return e
        case .collection(let c):
            guard Self.compatible(index.type, .string) else { return fail(index.offset, "'\(c.key)' is indexed by a name (a text), not \(index.type)") }
            return .entity(c)
        case .null: return .null
        case .dyn: return .dyn
        default:
            return fail(offset, "\(target) cannot be indexed")
        }
    }

    private mutating func callType(_ name: String, _ args: [ExprNode], at offset: Int) -> ExprType {
        switch name {
        case "size":
            guard args.count == 1 else { return fail(offset, "size() takes one argument") }
            return sizable(args[0].type) ? .int : fail(args[0].offset, "size() needs a list, a map or a text, but this is \(args[0].type)")
        case "fired":
            guard args.count == 1 else { return fail(offset, "fired() takes one inject id") }
            guard case .string(let id) = args[0].kind else { return fail(args[0].offset, "fired() takes an inject id written as a text, like fired(\"alert\")") }
            guard scope.injects.set.contains(id) else {
                return fail(args[0].offset, "'\(id)' is not an inject of this drill\(scope.injects.suggester.hint(for: id))")
            }
            return .bool
        case "done":
            guard let first = args.first else { return fail(offset, "done() needs a verb, like done(\"revoke-key\", \"prod-signing\")") }
            return doneType("done", verb: first, arguments: args.dropFirst())
        case "done_by":
            guard args.count >= 2 else {
                return fail(offset, "done_by() needs a role and a verb, like done_by(\"comms\", \"notify\", \"customers\")")
            }
            guard case .string(let role) = args[0].kind else {
                return fail(args[0].offset, "done_by() takes the role written as a text, like done_by(\"comms\", \"notify\")")
            }
            guard scope.roles.contains(role) else {
                return fail(args[0].offset, "'\(role)' is not a role of the world\(Suggestion.hint(for: role, in: scope.roles))")
            }
            return doneType("done_by", verb: args[1], arguments: args.dropFirst(2))
        default:
            let functions = ["size", "done", "done_by", "fired"]
            return fail(offset, "unknown function '\(name)'; the functions are size, done, done_by and fired\(Suggestion.hint(for: name, in: functions))")
        }
    }

    /// Checks the verb and the arguments of `done` or `done_by` (spec 9.22).
    private mutating func doneType(_ function: String, verb node: ExprNode, arguments: ArraySlice<ExprNode>) -> ExprType {
        guard case .string(let verb) = node.kind else {
            return fail(node.offset, "\(function)() takes the verb written as a text, like \(function)(\(function == "done" ? "" : "\"on-call\", ")\"revoke-key\")")
        }
        guard let spec = CommandSpec.named(verb), !spec.attackerOnly else {
            let team = CommandSpec.all.filter { !$0.attackerOnly }.map(\.verb)
            return fail(node.offset, "'\(verb)' is not a team command\(Suggestion.hint(for: verb, in: team))")
        }
        for arg in arguments {
            guard Self.compatible(arg.type, .string) else {
                return fail(arg.offset, "the arguments of \(function)() are texts, but this is \(arg.type)")
            }
            if case .string(let word) = arg.kind, word.hasPrefix("--") {
                return fail(arg.offset, "'\(word)' is an option: \(function)() compares the positional words of a command, so an option never matches; leave it out")
            }
        }
        return .bool
    }
}
