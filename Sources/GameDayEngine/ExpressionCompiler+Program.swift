/// Compiling conditions into a `CheckProgram`: the typed shapes of `compileBool` as nodes, every other shape as a
/// general closure, so that a program's answer is the general evaluator's exactly.
extension ExpressionCompiler {
    /// Adds `expression` as a condition to `program`; returns its root node.
    mutating func emitCondition(_ expression: Expression, into program: inout CheckProgram) -> Int32 {
        scopes = []
        entitySlots = [:]
        storySlots = []
        guard expression.root.type == .bool || expression.root.type == .null else {
            return program.addGeneral(compile(expression.root))
        }
        return emitBool(expression.root, into: &program)
    }

    /// `node` as a condition node: true where the general evaluator gives `.bool(true)`.
    private mutating func emitBool(_ node: ExprNode, into program: inout CheckProgram) -> Int32 {
        switch node.kind {
        case .bool(let b):
            return program.add(.constant(b))
        case .null:
            return program.add(.constant(false))
        case .not(let operand) where operand.type == .bool || operand.type == .null:
            // `!null` is true, `!false` is true: both are "not true".
            let inner = emitBool(operand, into: &program)
            return program.add(.not(inner))
        case .binary(.and, let l, let r):
            let a = emitBool(l, into: &program), b = emitBool(r, into: &program)
            return program.add(.and(a, b))
        case .binary(.or, let l, let r):
            let a = emitBool(l, into: &program), b = emitBool(r, into: &program)
            return program.add(.or(a, b))
        case .binary(let op, let l, let r) where op == .equal || op == .notEqual:
            if let a = emitSymbol(l, into: &program), let b = emitSymbol(r, into: &program) {
                // A field against a literal, the usual shape, is one node.
                for (field, other) in [(a, b), (b, a)] {
                    if case .node(let n) = field, case .constant(let k) = other,
                       case .textField(let c, let f, let e) = program.nodes[Int(n)] {
                        return program.add(.fieldIs(c, field: f, entity: e, symbol: k, equal: op == .equal))
                    }
                }
                return program.add(.symbolsEqual(a, b, op == .equal))
            }
            if let comparison = emitComparison(op, l, r, into: &program) { return comparison }
        case .binary(let op, let l, let r) where op == .less || op == .lessOrEqual || op == .greater || op == .greaterOrEqual:
            if let comparison = emitComparison(op, l, r, into: &program) { return comparison }
        case .binary(.in, let l, let r):
            if let record = typedRecord(r), let item = emitSymbol(l, into: &program) {
                if case .node(let n) = item, case .textField(let c, let f, let e) = program.nodes[Int(n)] {
                    return program.add(.fieldIn(record, c, field: f, entity: e))
                }
                return program.add(.contains(record, item))
            }
        case .field(let target, let name) where node.type == .bool:
            if name == "declared", isFree(target, "incident") { return program.add(.incidentDeclared) }
            if name == "require_signatures", isFree(target, "admission") { return program.add(.requireSignatures) }
            if case .entity(let c) = target.type, let field = c.fieldIndex(name), let entity = emitEntity(target, into: &program) {
                return program.add(.flag(c, field: Int32(field), entity: entity))
            }
        case .name("postmortem_scheduled") where !isBound("postmortem_scheduled"):
            return program.add(.postmortemScheduled)
        case .macro(let target, let method, let variable, let body) where method == "all" || method == "exists":
            if case .name(let collectionName) = target.kind, !isBound(collectionName), let collection = Collection(rawValue: collectionName) {
                let slot = scopes.count
                scopes.append((variable, slot))
                entitySlots[slot] = collection
                let test = emitBool(body, into: &program)
                scopes.removeLast()
                entitySlots[slot] = nil
                return program.add(.quantifier(all: method == "all", collection, slot: Int32(slot), body: test))
            }
            if isFree(target, "stories") {
                let slot = scopes.count
                scopes.append((variable, slot))
                storySlots.insert(slot)
                let test = emitBool(body, into: &program)
                scopes.removeLast()
                storySlots.remove(slot)
                return program.add(.storyQuantifier(all: method == "all", slot: Int32(slot), body: test))
            }
        case .call("fired", let args):
            guard case .string(let id) = args[0].kind, let index = injectIndex[id] else { return program.add(.constant(false)) }
            return program.add(.fired(Int32(index)))
        case .call(let name, let args) where name == "done" || name == "done_by":
            if let done = emitDone(byRole: name == "done_by", args, into: &program) { return done }
        default:
            break
        }
        return program.addGeneral(compile(node))
    }

    /// A `done`/`done_by` whose words are all literal texts, as the general evaluator reads it; nil for other shapes.
    private mutating func emitDone(byRole: Bool, _ args: [ExprNode], into program: inout CheckProgram) -> Int32? {
        var role: Int32 = -1
        if byRole {
            guard case .string(let text) = args[0].kind else { return program.add(.constant(false)) }
            role = symbols.intern(text)
        }
        guard case .string(let verb) = args[byRole ? 1 : 0].kind else { return program.add(.constant(false)) }
        var wanted = [symbols.intern(verb)]
        for node in args.dropFirst(byRole ? 2 : 1) {
            guard case .string(let text) = node.kind else { return nil }
            wanted.append(symbols.intern(text))
        }
        let key = byRole ? [EvaluationContext.roleMarker, role] + wanted : wanted
        return program.addDone(CheckProgram.AppliedKey(wanted: wanted, by: role, key: key))
    }

    /// Two integer (or two duration) operands compared, as the general evaluator orders them; nil for other shapes.
    private mutating func emitComparison(_ op: BinaryOperator, _ l: ExprNode, _ r: ExprNode, into program: inout CheckProgram) -> Int32? {
        guard let (a, aIsDuration) = emitInteger(l, into: &program), let (b, bIsDuration) = emitInteger(r, into: &program),
              aIsDuration == bIsDuration else { return nil }
        let comparison: CheckProgram.Comparison
        switch op {
        case .equal: comparison = .equal
        case .notEqual: comparison = .notEqual
        case .less: comparison = .less
        case .lessOrEqual: comparison = .lessOrEqual
        case .greater: comparison = .greater
        case .greaterOrEqual: comparison = .greaterOrEqual
        default: return nil
        }
        return program.add(.compare(comparison, a, b))
    }

    /// An integer operand that is never null (a literal, a record's or collection's size) and whether it is a
    /// duration; nil for other shapes.
    private mutating func emitInteger(_ node: ExprNode, into program: inout CheckProgram) -> (Int32, Bool)? {
        switch node.kind {
        case .int(let i):
            return (program.add(.integer(i)), false)
        case .duration(let d):
            return (program.add(.integer(d)), true)
        case .call("size", let args) where args.count == 1:
            return emitSize(args[0], into: &program).map { ($0, false) }
        case .sizeMethod(let target):
            return emitSize(target, into: &program).map { ($0, false) }
        default:
            return nil
        }
    }

    private mutating func emitSize(_ node: ExprNode, into program: inout CheckProgram) -> Int32? {
        guard case .name(let name) = node.kind, !isBound(name) else { return nil }
        if let collection = Collection(rawValue: name) { return program.add(.entityCount(collection)) }
        if name == "stories" { return program.add(.count(.stories)) }
        return typedRecord(node).map { program.add(.count($0)) }
    }

    /// A text operand as a symbol (-1 for null), or nil when its shape is not one of the typed ones.
    private mutating func emitSymbol(_ node: ExprNode, into program: inout CheckProgram) -> CheckProgram.SymbolRef? {
        switch node.kind {
        case .string(let text):
            return .constant(symbols.intern(text))
        case .null:
            return .constant(-1)
        case .field(let target, let name) where node.type == .string:
            if name == "severity", isFree(target, "incident") { return .node(program.add(.incidentSeverity)) }
            if name == "title" || name == "owner", case .name(let variable) = target.kind,
               let bound = scopes.last(where: { $0.0 == variable }), storySlots.contains(bound.1) {
                return .node(program.add(.storyText(slot: Int32(bound.1), owner: name == "owner")))
            }
            guard case .entity(let c) = target.type, let field = c.fieldIndex(name), c.fields[field].type == .text,
                  let entity = emitEntity(target, into: &program) else { return nil }
            return .node(program.add(.textField(c, field: Int32(field), entity: entity)))
        default:
            return nil
        }
    }

    /// An entity operand of a known collection as a position (-1 for null): a collection indexed by a text, or a
    /// variable bound by a typed `all`/`exists`; nil for other shapes.
    private mutating func emitEntity(_ node: ExprNode, into program: inout CheckProgram) -> CheckProgram.EntityRef? {
        switch node.kind {
        case .index(let container, let key):
            guard case .name(let collectionName) = container.kind, !isBound(collectionName),
                  let collection = Collection(rawValue: collectionName), let name = emitSymbol(key, into: &program) else { return nil }
            if case .constant(let s) = name { return .named(collection, s) }
            return .node(program.add(.entityNamed(collection, name: name)))
        case .name(let variable):
            guard let bound = scopes.last(where: { $0.0 == variable }), entitySlots[bound.1] != nil else { return nil }
            return .local(Int32(bound.1))
        default:
            return nil
        }
    }

    /// The record list a name (or `admission.trusted_keys`) reads, when it is not a bound variable.
    private func typedRecord(_ node: ExprNode) -> CheckProgram.Record? {
        switch node.kind {
        case .name(let name) where !isBound(name):
            switch name {
            case "paged": return .paged
            case "notified": return .notified
            case "acknowledged": return .acknowledged
            case "findings": return .findings
            case "runbooks": return .runbooks
            default: return nil
            }
        case .field(let target, "trusted_keys"):
            guard case .name("admission") = target.kind, !isBound("admission") else { return nil }
            return .trustedKeys
        default:
            return nil
        }
    }

    private func isBound(_ name: String) -> Bool {
        scopes.contains { $0.0 == name }
    }

    /// Whether `node` is the name `name` of the state, not a variable that hides it.
    private func isFree(_ node: ExprNode, _ name: String) -> Bool {
        if case .name(let n) = node.kind, n == name { return !isBound(name) }
        return false
    }
}
