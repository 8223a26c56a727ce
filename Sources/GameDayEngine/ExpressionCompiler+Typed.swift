/// A condition compiled to return its truth directly: what `Value.isTrue` of the general evaluator would give.
typealias BoolEvaluator = @Sendable (EvaluationContext, inout [Value]) throws(EvaluationError) -> Bool
/// A text-or-null expression compiled to return its symbol, -1 for null.
typealias SymbolEvaluator = @Sendable (EvaluationContext, inout [Value]) throws(EvaluationError) -> Int32
/// An entity-or-null expression of a known collection compiled to return the entity's position, -1 for null.
typealias EntityEvaluator = @Sendable (EvaluationContext, inout [Value]) throws(EvaluationError) -> Int

/// Typed closures for the shapes conditions take (and, or, not, text comparisons, membership, fields, all/exists over
/// a collection), which pass bools, symbols and entity positions instead of boxed values. Every other shape falls
/// back to the general closures, so the answer (and any run-time defect) is the general evaluator's, exactly.
extension ExpressionCompiler {
    /// `node` as a condition: its truth where the general evaluator gives `.bool(true)`, else false.
    mutating func compileBool(_ node: ExprNode) -> BoolEvaluator {
        switch node.kind {
        case .bool(let b):
            return { _, _ in b }
        case .not(let operand) where operand.type == .bool || operand.type == .null:
            // `!null` is true, `!false` is true: both are "not true".
            let inner = compileBool(operand)
            return { ctx, locals throws(EvaluationError) in !(try inner(ctx, &locals)) }
        case .binary(.and, let l, let r):
            let a = compileBool(l), b = compileBool(r)
            return { ctx, locals throws(EvaluationError) in
                guard try a(ctx, &locals) else { return false }
                return try b(ctx, &locals)
            }
        case .binary(.or, let l, let r):
            let a = compileBool(l), b = compileBool(r)
            return { ctx, locals throws(EvaluationError) in
                if try a(ctx, &locals) { return true }
                return try b(ctx, &locals)
            }
        case .binary(let op, let l, let r) where op == .equal || op == .notEqual:
            if let a = typedSymbol(l), let b = typedSymbol(r) {
                // Null equals only null: -1 == -1.
                let wantEqual = op == .equal
                return { ctx, locals throws(EvaluationError) in (try a(ctx, &locals) == b(ctx, &locals)) == wantEqual }
            }
        case .binary(.in, let l, let r):
            if let item = typedSymbol(l), let list = typedTextList(r) {
                return { ctx, locals throws(EvaluationError) in
                    let s = try item(ctx, &locals)
                    guard s >= 0 else { return false }
                    return try list(ctx, &locals, s)
                }
            }
        case .field(let target, let name) where node.type == .bool:
            if case .entity(let c) = target.type, let field = c.fieldIndex(name), let entity = typedEntity(target) {
                return { ctx, locals throws(EvaluationError) in
                    let i = try entity(ctx, &locals)
                    return i >= 0 && ctx.state.get(c, i, field).isTrue
                }
            }
        case .name("postmortem_scheduled") where !scopes.contains(where: { $0.0 == "postmortem_scheduled" }):
            reads.insert(.postmortem)
            return { ctx, _ in ctx.state.postmortemScheduled }
        case .macro(let target, let method, let variable, let body) where method == "all" || method == "exists":
            if case .name(let collectionName) = target.kind, !scopes.contains(where: { $0.0 == collectionName }),
               let collection = Collection(rawValue: collectionName) {
                reads.insert(.collection(collection))
                let slot = scopes.count
                scopes.append((variable, slot))
                entitySlots[slot] = collection
                maxLocals = max(maxLocals, scopes.count)
                let test = compileBool(body)
                scopes.removeLast()
                entitySlots[slot] = nil
                let wantAll = method == "all"
                let position = collection.ordinal
                return { ctx, locals throws(EvaluationError) in
                    for i in ctx.state.sortedOrder[position] {
                        locals[slot] = .entity(collection, i)
                        if try test(ctx, &locals) != wantAll { return !wantAll }
                    }
                    return wantAll
                }
            }
        default:
            break
        }
        let general = compile(node)
        return { ctx, locals throws(EvaluationError) in try general(ctx, &locals).isTrue }
    }

    /// A text expression as a symbol (-1 for null), or nil when its shape is not one of the typed ones.
    mutating func typedSymbol(_ node: ExprNode) -> SymbolEvaluator? {
        switch node.kind {
        case .string(let text):
            let s = symbols.intern(text)
            return { _, _ in s }
        case .null:
            return { _, _ in -1 }
        case .field(let target, let name) where node.type == .string:
            guard case .entity(let c) = target.type, let field = c.fieldIndex(name), c.fields[field].type == .text,
                  let entity = typedEntity(target) else { return nil }
            return { ctx, locals throws(EvaluationError) in
                let i = try entity(ctx, &locals)
                return i < 0 ? -1 : ctx.state.get(c, i, field).symbol ?? -1
            }
        default:
            return nil
        }
    }

    /// An entity expression of a known collection as a position (-1 for null), or nil for other shapes: a collection
    /// indexed by a text (`images["x"]`, `images[w.image]`) or a variable bound by a typed `all`/`exists`.
    mutating func typedEntity(_ node: ExprNode) -> EntityEvaluator? {
        switch node.kind {
        case .index(let container, let key):
            guard case .name(let collectionName) = container.kind, !scopes.contains(where: { $0.0 == collectionName }),
                  let collection = Collection(rawValue: collectionName), let name = typedSymbol(key) else { return nil }
            reads.insert(.collection(collection))
            return { ctx, locals throws(EvaluationError) in
                let s = try name(ctx, &locals)
                return s < 0 ? -1 : ctx.state.find(collection, s) ?? -1
            }
        case .name(let variable):
            guard let bound = scopes.last(where: { $0.0 == variable }), entitySlots[bound.1] != nil else { return nil }
            let slot = bound.1
            return { _, locals in
                if case .entity(_, let i) = locals[slot] { return i }
                return -1
            }
        default:
            return nil
        }
    }

    /// A list-of-texts expression as a membership test, or nil for other shapes: the team's records and
    /// `admission.trusted_keys`. Null never contains anything.
    mutating func typedTextList(_ node: ExprNode) -> (@Sendable (EvaluationContext, inout [Value], Int32) throws(EvaluationError) -> Bool)? {
        switch node.kind {
        case .name(let name) where !scopes.contains(where: { $0.0 == name }):
            switch name {
            case "paged": reads.insert(.paged); return { ctx, _, s in ctx.state.paged.contains(s) }
            case "notified": reads.insert(.notified); return { ctx, _, s in ctx.state.notified.contains(s) }
            case "acknowledged": reads.insert(.acknowledged); return { ctx, _, s in ctx.state.acknowledged.contains(s) }
            case "findings": reads.insert(.findings); return { ctx, _, s in ctx.state.findings.contains(s) }
            case "runbooks": reads.insert(.runbooks); return { ctx, _, s in ctx.state.runbooks.contains(s) }
            default: return nil
            }
        case .field(let target, "trusted_keys"):
            guard case .name("admission") = target.kind, !scopes.contains(where: { $0.0 == "admission" }) else { return nil }
            reads.insert(.admission)
            return { ctx, _, s in ctx.state.trustedKeys.contains(s) }
        default:
            return nil
        }
    }
}
