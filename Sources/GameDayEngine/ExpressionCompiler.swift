/// Compiles type-checked expressions into closures over the run's flat state.
struct ExpressionCompiler {
    var symbols: SymbolTable
    let injectIndex: [String: Int]
    var reads: Dependencies = []
    var scopes: [(String, Int)] = []
    /// The slots of variables bound to an entity of a collection by a typed `all`/`exists`.
    var entitySlots: [Int: Collection] = [:]
    /// The slots of variables bound to a story by a typed `stories.all`/`stories.exists` (check programs only).
    var storySlots: Set<Int> = []
    var maxLocals = 0

    init(symbols: SymbolTable, injectIDs: [String]) {
        self.symbols = symbols
        injectIndex = Dictionary(uniqueKeysWithValues: injectIDs.enumerated().map { ($1, $0) })
    }

    mutating func compile(_ expression: Expression) -> CompiledExpression {
        reads = []
        scopes = []
        entitySlots = [:]
        maxLocals = 0
        let evaluate = compile(expression.root)
        let condition = expression.root.type == .bool || expression.root.type == .null ? compileBool(expression.root) : nil
        return CompiledExpression(evaluate: evaluate, condition: condition, reads: reads, localCount: maxLocals, text: expression.text)
    }

    mutating func compile(_ node: ExprNode) -> Evaluator {
        switch node.kind {
        case .null: return { _, _ in .null }
        case .bool(let b): return { _, _ in .bool(b) }
        case .int(let i): return { _, _ in .int(i) }
        case .duration(let d): return { _, _ in .duration(d) }
        case .string(let s):
            let sym = symbols.intern(s)
            return { _, _ in .text(sym) }
        case .list(let items):
            if items.allSatisfy({ if case .string = $0.kind { return true }; return false }) {
                let syms = items.map { node -> Int32 in
                    if case .string(let s) = node.kind { return symbols.intern(s) }
                    return -1
                }
                return { _, _ in .texts(syms) }
            }
            let compiled = items.map { compile($0) }
            return { ctx, locals throws(EvaluationError) in
                var out: [Value] = []
                out.reserveCapacity(compiled.count)
                for c in compiled { out.append(try c(ctx, &locals)) }
                return .list(out)
            }
        case .name(let name):
            return compileName(name)
        case .not(let operand):
            let inner = compile(operand)
            return { ctx, locals throws(EvaluationError) in
                let v = try inner(ctx, &locals)
                switch v {
                case .bool(let b): return .bool(!b)
                case .null: return .bool(true)
                default: throw EvaluationError(message: "'!' applied to a value that is not true or false")
                }
            }
        case .binary(let op, let l, let r):
            if let fast = compileFastPath(op, l, r) { return fast }
            return compileBinary(op, compile(l), compile(r))
        case .field(let target, let name):
            return compileField(compile(target), name, type: target.type)
        case .index(let target, let index):
            let t = compile(target), i = compile(index)
            return { ctx, locals throws(EvaluationError) in
                let container = try t(ctx, &locals)
                let key = try i(ctx, &locals)
                return try Self.index(container, key, ctx)
            }
        case .sizeMethod(let target):
            let t = compile(target)
            return { ctx, locals throws(EvaluationError) in try Self.size(try t(ctx, &locals), ctx) }
        case .macro(let target, let method, let variable, let body):
            let t = compile(target)
            let slot = scopes.count
            scopes.append((variable, slot))
            maxLocals = max(maxLocals, scopes.count)
            let b = compile(body)
            scopes.removeLast()
            return Self.macro(method, t, b, slot: slot)
        case .call(let name, let args):
            switch name {
            case "size":
                let t = compile(args[0])
                return { ctx, locals throws(EvaluationError) in try Self.size(try t(ctx, &locals), ctx) }
            case "fired":
                reads.insert(.firings)
                guard case .string(let id) = args[0].kind, let index = injectIndex[id] else { return { _, _ in .bool(false) } }
                return { ctx, _ in .bool(ctx.fired[index]) }
            case "done", "done_by":
                let byRole = name == "done_by"
                var roleText: String?
                if byRole {
                    guard case .string(let text) = args[0].kind else { return { _, _ in .bool(false) } }
                    roleText = text
                }
                let role = roleText.map { symbols.intern($0) } ?? -1
                let verbArgument = args[byRole ? 1 : 0]
                guard case .string(let verb) = verbArgument.kind else { return { _, _ in .bool(false) } }
                let verbSymbol = symbols.intern(verb)
                // Only an applied action with this verb can change the answer.
                reads.insert(.verb(verbSymbol))
                let restNodes = Array(args.dropFirst(byRole ? 2 : 1))
                // All literal words (the usual case): compare without building a list on every evaluation.
                let literals = restNodes.map { node -> Int32? in if case .string(let t) = node.kind { symbols.intern(t) } else { nil } }
                if literals.allSatisfy({ $0 != nil }) {
                    let wanted = [verbSymbol] + literals.map { $0! }
                    let key = byRole ? [EvaluationContext.roleMarker, role] + wanted : wanted
                    let by = byRole ? role : -1
                    return { ctx, _ in .bool(ctx.hasApplied(wanted, by: by, key: key)) }
                }
                let rest = restNodes.map { compile($0) }
                return { ctx, locals throws(EvaluationError) in
                    var wanted: [Int32] = [verbSymbol]
                    for a in rest {
                        guard let s = try a(ctx, &locals).symbol else { return .null }
                        wanted.append(s)
                    }
                    let key = byRole ? [EvaluationContext.roleMarker, role] + wanted : wanted
                    return .bool(ctx.hasApplied(wanted, by: byRole ? role : -1, key: key))
                }
            default:
                return { _, _ throws(EvaluationError) in throw EvaluationError(message: "unknown function '\(name)'") }
            }
        }
    }

    /// Closures for the shapes most checks take, which skip boxing values:
    /// `"x" in paged` (and the other record lists), and `coll["name"].field == "text"` (or `!=`).
    private mutating func compileFastPath(_ op: BinaryOperator, _ l: ExprNode, _ r: ExprNode) -> Evaluator? {
        if op == .in, case .string(let text) = l.kind, case .name(let list) = r.kind, !scopes.contains(where: { $0.0 == list }) {
            let item = symbols.intern(text)
            let read: (@Sendable (WorldState) -> [Int32])?
            switch list {
            case "paged": reads.insert(.paged); read = { $0.paged }
            case "notified": reads.insert(.notified); read = { $0.notified }
            case "acknowledged": reads.insert(.acknowledged); read = { $0.acknowledged }
            case "findings": reads.insert(.findings); read = { $0.findings }
            case "runbooks": reads.insert(.runbooks); read = { $0.runbooks }
            default: read = nil
            }
            if let read { return { ctx, _ in .bool(read(ctx.state).contains(item)) } }
        }
        if op == .equal || op == .notEqual, case .string(let text) = r.kind, case .field(let target, let fieldName) = l.kind,
           case .index(let container, let key) = target.kind, case .name(let collectionName) = container.kind,
           !scopes.contains(where: { $0.0 == collectionName }), let collection = Collection(rawValue: collectionName),
           case .string(let entityName) = key.kind, let field = collection.fieldIndex(fieldName),
           collection.fields[field].type == .text {
            reads.insert(.collection(collection))
            let entity = symbols.intern(entityName), value = symbols.intern(text)
            let wantEqual = op == .equal
            return { ctx, _ in
                // A missing entity gives null, and null equals only null.
                guard let index = ctx.state.find(collection, entity) else { return .bool(!wantEqual) }
                return .bool((ctx.state.get(collection, index, field).symbol == value) == wantEqual)
            }
        }
        return nil
    }

    private mutating func compileName(_ name: String) -> Evaluator {
        if let bound = scopes.last(where: { $0.0 == name }) {
            let slot = bound.1
            return { _, locals in locals[slot] }
        }
        if let collection = Collection(rawValue: name) {
            reads.insert(.collection(collection))
            return { _, _ in .collection(collection) }
        }
        switch name {
        case "admission": reads.insert(.admission); return { _, _ in .admission }
        case "incident": reads.insert(.incident); return { _, _ in .incident }
        case "paged": reads.insert(.paged); return { ctx, _ in .texts(ctx.state.paged) }
        case "notified": reads.insert(.notified); return { ctx, _ in .texts(ctx.state.notified) }
        case "acknowledged": reads.insert(.acknowledged); return { ctx, _ in .texts(ctx.state.acknowledged) }
        case "findings": reads.insert(.findings); return { ctx, _ in .texts(ctx.state.findings) }
        case "runbooks": reads.insert(.runbooks); return { ctx, _ in .texts(ctx.state.runbooks) }
        case "stories": reads.insert(.stories); return { ctx, _ in .list(ctx.state.stories.indices.map { Value.story($0) }) }
        case "postmortem_scheduled": reads.insert(.postmortem); return { ctx, _ in .bool(ctx.state.postmortemScheduled) }
        case "now": reads.insert(.clock); return { ctx, _ in .duration(ctx.now) }
        default: return { _, _ throws(EvaluationError) in throw EvaluationError(message: "unknown name '\(name)'") }
        }
    }

    private func compileField(_ target: @escaping Evaluator, _ name: String, type: ExprType) -> Evaluator {
        switch type {
        case .entity(let c):
            guard let field = c.fieldIndex(name) else { break }
            return { ctx, locals throws(EvaluationError) in
                let v = try target(ctx, &locals)
                switch v {
                case .entity(let cc, let i): return ctx.state.get(cc, i, field)
                case .null: return .null
                default: throw EvaluationError(message: "no field '\(name)' on this value")
                }
            }
        case .admission where name == "trusted_keys":
            return { ctx, locals throws(EvaluationError) in
                if case .null = try target(ctx, &locals) { return .null }
                return .texts(ctx.state.trustedKeys)
            }
        case .admission where name == "require_signatures":
            return { ctx, locals throws(EvaluationError) in
                if case .null = try target(ctx, &locals) { return .null }
                return .bool(ctx.state.requireSignatures)
            }
        case .incident where name == "declared":
            return { ctx, locals throws(EvaluationError) in
                if case .null = try target(ctx, &locals) { return .null }
                return .bool(ctx.state.incidentDeclared)
            }
        default: break
        }
        return { ctx, locals throws(EvaluationError) in
            try Self.field(try target(ctx, &locals), name, ctx)
        }
    }

    static func field(_ v: Value, _ name: String, _ ctx: EvaluationContext) throws(EvaluationError) -> Value {
        switch v {
        case .null: return .null
        case .entity(let c, let i):
            guard let f = c.fieldIndex(name) else { break }
            return ctx.state.get(c, i, f)
        case .admission:
            if name == "require_signatures" { return .bool(ctx.state.requireSignatures) }
            if name == "trusted_keys" { return .texts(ctx.state.trustedKeys) }
        case .incident:
            if name == "declared" { return .bool(ctx.state.incidentDeclared) }
            if name == "severity" { return ctx.state.incidentSeverity.map(Value.text) ?? .null }
        case .story(let i):
            let story = ctx.state.stories[i]
            if name == "title" { return .text(story.title) }
            if name == "owner" { return .text(story.owner) }
            if name == "due" { return story.due.map(Value.duration) ?? .null }
        default: break
        }
        throw EvaluationError(message: "no field '\(name)' on this value")
    }

    static func index(_ container: Value, _ key: Value, _ ctx: EvaluationContext) throws(EvaluationError) -> Value {
        if case .null = key { return .null }
        switch container {
        case .null: return .null
        case .collection(let c):
            guard let s = key.symbol else { throw EvaluationError(message: "'\(c.key)' is indexed by a name") }
            guard let i = ctx.state.find(c, s) else { return .null }
            return .entity(c, i)
        case .texts(let list):
            guard case .int(let i) = key else { throw EvaluationError(message: "a list is indexed by an integer") }
            guard i >= 0, i < list.count else { throw EvaluationError(message: "index \(i) is out of range for a list of \(list.count)") }
            return .text(list[i])
        case .list(let list):
            guard case .int(let i) = key else { throw EvaluationError(message: "a list is indexed by an integer") }
            guard i >= 0, i < list.count else { throw EvaluationError(message: "index \(i) is out of range for a list of \(list.count)") }
            return list[i]
        default:
            throw EvaluationError(message: "this value cannot be indexed")
        }
    }

    static func size(_ v: Value, _ ctx: EvaluationContext) throws(EvaluationError) -> Value {
        switch v {
        case .null: return .null
        case .texts(let l): return .int(l.count)
        case .list(let l): return .int(l.count)
        case .collection(let c): return .int(ctx.state.entities[c.ordinal].count)
        case .text(let s): return .int(ctx.symbols[s].unicodeScalars.count)
        default: throw EvaluationError(message: "size() of a value that has no size")
        }
    }

    static func elements(_ v: Value, _ ctx: EvaluationContext) throws(EvaluationError) -> [Value]? {
        switch v {
        case .null: return nil
        case .texts(let l): return l.map(Value.text)
        case .list(let l): return l
        case .collection(let c): return ctx.state.sortedOrder[c.ordinal].map { .entity(c, $0) }
        default: throw EvaluationError(message: "this value is not a list or a map")
        }
    }

    static func macro(_ method: String, _ target: @escaping Evaluator, _ body: @escaping Evaluator, slot: Int) -> Evaluator {
        switch method {
        case "all", "exists":
            let wantAll = method == "all"
            return { ctx, locals throws(EvaluationError) in
                let v = try target(ctx, &locals)
                if case .collection(let c) = v {
                    for i in ctx.state.sortedOrder[c.ordinal] {
                        locals[slot] = .entity(c, i)
                        let r = try body(ctx, &locals).isTrue
                        if wantAll != r { return .bool(!wantAll) }
                    }
                    return .bool(wantAll)
                }
                guard let items = try elements(v, ctx) else { return .null }
                for item in items {
                    locals[slot] = item
                    let r = try body(ctx, &locals).isTrue
                    if wantAll != r { return .bool(!wantAll) }
                }
                return .bool(wantAll)
            }
        case "filter":
            return { ctx, locals throws(EvaluationError) in
                guard let items = try elements(try target(ctx, &locals), ctx) else { return .null }
                var out: [Value] = []
                for item in items {
                    locals[slot] = item
                    if try body(ctx, &locals).isTrue { out.append(item) }
                }
                return .list(out)
            }
        default:
            return { ctx, locals throws(EvaluationError) in
                guard let items = try elements(try target(ctx, &locals), ctx) else { return .null }
                var out: [Value] = []
                out.reserveCapacity(items.count)
                for item in items {
                    locals[slot] = item
                    out.append(try body(ctx, &locals))
                }
                return .list(out)
            }
        }
    }

    private func compileBinary(_ op: BinaryOperator, _ l: @escaping Evaluator, _ r: @escaping Evaluator) -> Evaluator {
        switch op {
        case .and:
            return { ctx, locals throws(EvaluationError) in
                guard try l(ctx, &locals).isTrue else { return .bool(false) }
                return .bool(try r(ctx, &locals).isTrue)
            }
        case .or:
            return { ctx, locals throws(EvaluationError) in
                if try l(ctx, &locals).isTrue { return .bool(true) }
                return .bool(try r(ctx, &locals).isTrue)
            }
        case .equal:
            return { ctx, locals throws(EvaluationError) in .bool(try Self.equal(try l(ctx, &locals), try r(ctx, &locals))) }
        case .notEqual:
            return { ctx, locals throws(EvaluationError) in .bool(!(try Self.equal(try l(ctx, &locals), try r(ctx, &locals)))) }
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return { ctx, locals throws(EvaluationError) in
                let a = try l(ctx, &locals), b = try r(ctx, &locals)
                guard let order = try Self.compare(a, b, ctx) else { return .bool(false) }
                switch op {
                case .less: return .bool(order < 0)
                case .lessOrEqual: return .bool(order <= 0)
                case .greater: return .bool(order > 0)
                default: return .bool(order >= 0)
                }
            }
        case .in:
            return { ctx, locals throws(EvaluationError) in
                let item = try l(ctx, &locals), container = try r(ctx, &locals)
                if case .null = item { return .null }
                switch container {
                case .null: return .null
                case .texts(let list):
                    guard let s = item.symbol else { return .bool(false) }
                    return .bool(list.contains(s))
                case .list(let list):
                    for element in list where try Self.equal(element, item) { return .bool(true) }
                    return .bool(false)
                case .collection(let c):
                    guard let s = item.symbol else { throw EvaluationError(message: "the keys of '\(c.key)' are names") }
                    return .bool(ctx.state.find(c, s) != nil)
                default:
                    throw EvaluationError(message: "'in' needs a list or a map on its right")
                }
            }
        case .plus, .minus:
            // Checked in one step: negating the right operand first would itself overflow for Int.min.
            let plus = op == .plus
            return { ctx, locals throws(EvaluationError) in
                let a = try l(ctx, &locals), b = try r(ctx, &locals)
                switch (a, b) {
                case (.int(let x), .int(let y)):
                    let (v, o) = plus ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
                    if o { throw EvaluationError(message: "integer overflow") }
                    return .int(v)
                case (.duration(let x), .duration(let y)):
                    let (v, o) = plus ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
                    if o { throw EvaluationError(message: "duration overflow") }
                    return .duration(v)
                case (.null, _), (_, .null): return .null
                default: throw EvaluationError(message: "'\(op.rawValue)' needs two integers or two durations")
                }
            }
        }
    }

    /// Equality: null equals only null; lists compare item by item.
    static func equal(_ a: Value, _ b: Value) throws(EvaluationError) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.text(let x), .text(let y)): return x == y
        case (.entity(let c1, let i1), .entity(let c2, let i2)): return c1 == c2 && i1 == i2
        case (.story(let x), .story(let y)): return x == y
        case (.admission, .admission), (.incident, .incident): return true
        case (.collection(let x), .collection(let y)): return x == y
        case (.texts, _), (.list, _):
            guard let xs = listItems(a), let ys = listItems(b) else { break }
            guard xs.count == ys.count else { return false }
            for (x, y) in zip(xs, ys) where !(try equal(x, y)) { return false }
            return true
        default: break
        }
        throw EvaluationError(message: "cannot compare values of different types")
    }

    private static func listItems(_ v: Value) -> [Value]? {
        switch v {
        case .texts(let l): return l.map(Value.text)
        case .list(let l): return l
        default: return nil
        }
    }

    /// Ordering of two integers, durations or texts; nil when either is null.
    static func compare(_ a: Value, _ b: Value, _ ctx: EvaluationContext) throws(EvaluationError) -> Int? {
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.int(let x), .int(let y)), (.duration(let x), .duration(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.text(let x), .text(let y)):
            if x == y { return 0 }
            return NameOrder.precedes(ctx.symbols[x], ctx.symbols[y]) ? -1 : 1
        default: throw EvaluationError(message: "cannot order values of different types")
        }
    }
}
