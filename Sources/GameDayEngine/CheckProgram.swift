/// A drill's checks compiled to one flat array of nodes over symbols and entity positions, so that evaluating a check
/// after an event calls no closure and boxes no value on the shapes checks take (and, or, not, text comparisons,
/// membership in the team's records, fields, `all`/`exists` over a collection or the stories, sizes, `done`, `fired`). Any other
/// shape is a `general` node that calls the general closure, so every answer, and every run-time defect, is the
/// general evaluator's exactly.
struct CheckProgram: Sendable {
    /// One node; its operands are positions of earlier nodes.
    enum Node: Sendable {
        // Conditions.
        /// A literal truth.
        case constant(Bool)
        /// `!a`: true unless `a` is true.
        case not(Int32)
        /// `a && b`.
        case and(Int32, Int32)
        /// `a || b`.
        case or(Int32, Int32)
        /// Two symbols are equal (`true`) or differ (`false`); null (-1) equals only null.
        case symbolsEqual(SymbolRef, SymbolRef, Bool)
        /// Two integer nodes compared.
        case compare(Comparison, Int32, Int32)
        /// A symbol, not null, is in one of the records.
        case contains(Record, SymbolRef)
        /// A text field of an entity equals (`true`) or differs from (`false`) a literal's symbol: `symbolsEqual` of a
        /// `textField` and a constant in one node.
        case fieldIs(Collection, field: Int32, entity: EntityRef, symbol: Int32, equal: Bool)
        /// A text field of an entity, not null, is in one of the records: `contains` of a `textField` in one node.
        case fieldIn(Record, Collection, field: Int32, entity: EntityRef)
        /// A bool field of an entity (false for a null entity).
        case flag(Collection, field: Int32, entity: EntityRef)
        /// `all` (`true`) or `exists` over a collection, binding each entity in name order to a local slot.
        case quantifier(all: Bool, Collection, slot: Int32, body: Int32)
        /// `stories.all` (`true`) or `stories.exists`, binding each story in filing order to a local slot.
        case storyQuantifier(all: Bool, slot: Int32, body: Int32)
        /// `postmortem_scheduled`.
        case postmortemScheduled
        /// `incident.declared`.
        case incidentDeclared
        /// `admission.require_signatures`.
        case requireSignatures
        /// `fired("id")` of the inject at this position.
        case fired(Int32)
        /// `done`/`done_by` with literal words: the entry of `appliedKeys`.
        case done(Int32)
        /// Any other condition: the general closure at this position of `generals`, true when it gives true.
        case general(Int32)
        // Symbols (-1 for null).
        /// A text field of an entity.
        case textField(Collection, field: Int32, entity: EntityRef)
        /// `incident.severity`.
        case incidentSeverity
        /// The title (`false`) or owner (`true`) of the story bound to a local slot.
        case storyText(slot: Int32, owner: Bool)
        // Entity positions (-1 for null).
        /// `collection[name]`.
        case entityNamed(Collection, name: SymbolRef)
        // Integers, as the general evaluator's `.int` or `.duration` (never null; checks cannot read `now`).
        /// A literal integer or duration.
        case integer(Int)
        /// `size(record)`.
        case count(Record)
        /// `size(collection)`: its entities.
        case entityCount(Collection)
    }

    /// A symbol operand: a literal's (-1 for `null`), or a symbol node's.
    enum SymbolRef: Sendable {
        case constant(Int32)
        case node(Int32)
    }

    /// An entity operand: the one bound to a local slot by a quantifier, the one a literal name gives in a
    /// collection, or an entity node's.
    enum EntityRef: Sendable {
        case local(Int32)
        case named(Collection, Int32)
        case node(Int32)
    }

    /// A list of the team's records (or admission's trusted keys) that membership and `size` read.
    enum Record: UInt8, Sendable {
        case paged, notified, acknowledged, findings, runbooks, trustedKeys, stories
    }

    /// An integer comparison.
    enum Comparison: UInt8, Sendable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    }

    /// What `done` looks for: the verb and words, the role (-1: any) and the prefix key (see `EvaluationContext.hasApplied`).
    struct AppliedKey: Sendable {
        let wanted: [Int32]
        let by: Int32
        let key: [Int32]
    }

    /// The nodes, operands first.
    private(set) var nodes: [Node] = []
    /// The checks' root nodes: the outcomes', then the forbidden moves', then the exposures', in file order.
    private(set) var roots: [Int32] = []
    /// What each of those checks reads.
    private(set) var reads: [Dependencies] = []
    /// With at most 64 checks: per bit of `Dependencies`, a mask of the checks that read it (nil with more checks).
    private(set) var readers: [UInt64]? = Array(repeating: 0, count: 64)
    /// The closures of `general` nodes.
    private(set) var generals: [Evaluator] = []
    /// The keys of `done` nodes.
    private(set) var appliedKeys: [AppliedKey] = []

    /// Makes the condition at `root`, which reads `reads`, the next check.
    mutating func addCheck(root: Int32, reads: Dependencies) {
        roots.append(root)
        self.reads.append(reads)
        let check = roots.count - 1
        if check >= 64 { readers = nil }
        guard readers != nil else { return }
        var bits = reads.rawValue
        while bits != 0 {
            readers![bits.trailingZeroBitCount] |= 1 << UInt64(check)
            bits &= bits &- 1
        }
    }

    /// Appends `node`; returns its position.
    mutating func add(_ node: Node) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    /// Appends a `general` node for `evaluate`.
    mutating func addGeneral(_ evaluate: @escaping Evaluator) -> Int32 {
        generals.append(evaluate)
        return add(.general(Int32(generals.count - 1)))
    }

    /// Appends a `done` node for `key`.
    mutating func addDone(_ key: AppliedKey) -> Int32 {
        appliedKeys.append(key)
        return add(.done(Int32(appliedKeys.count - 1)))
    }

    /// Whether the condition at `root` holds; `locals` holds the bound variables of general closures. The context is
    /// `inout` only so that it is passed by reference: nothing here changes it.
    func holds(_ root: Int32, in ctx: inout EvaluationContext, locals: inout [Value]) throws(EvaluationError) -> Bool {
        try condition(root, &ctx, &locals)
    }

    private func condition(_ n: Int32, _ ctx: inout EvaluationContext, _ locals: inout [Value]) throws(EvaluationError) -> Bool {
        switch nodes[Int(n)] {
        case .constant(let b):
            return b
        case .not(let a):
            return !(try condition(a, &ctx, &locals))
        case .and(let a, let b):
            guard try condition(a, &ctx, &locals) else { return false }
            return try condition(b, &ctx, &locals)
        case .or(let a, let b):
            if try condition(a, &ctx, &locals) { return true }
            return try condition(b, &ctx, &locals)
        case .symbolsEqual(let a, let b, let wantEqual):
            return (try symbol(a, &ctx, &locals) == symbol(b, &ctx, &locals)) == wantEqual
        case .compare(let comparison, let a, let b):
            let x = integer(a, ctx), y = integer(b, ctx)
            switch comparison {
            case .equal: return x == y
            case .notEqual: return x != y
            case .less: return x < y
            case .lessOrEqual: return x <= y
            case .greater: return x > y
            case .greaterOrEqual: return x >= y
            }
        case .fieldIs(let collection, let field, let e, let k, let equal):
            return (try textField(collection, field, e, &ctx, &locals) == k) == equal
        case .fieldIn(let record, let collection, let field, let e):
            let s = try textField(collection, field, e, &ctx, &locals)
            return s >= 0 && Self.contains(record, s, ctx)
        case .contains(let record, let item):
            let s = try symbol(item, &ctx, &locals)
            return s >= 0 && Self.contains(record, s, ctx)
        case .flag(let collection, let field, let e):
            let i = try entity(e, &ctx, &locals)
            guard i >= 0 else { return false }
            if case .bool(true) = ctx.state.entities[collection.ordinal][i].fields[Int(field)] { return true }
            return false
        case .quantifier(let all, let collection, let slot, let body):
            let position = collection.ordinal
            for j in ctx.state.sortedOrder[position].indices {
                locals[Int(slot)] = .entity(collection, ctx.state.sortedOrder[position][j])
                if try condition(body, &ctx, &locals) != all { return !all }
            }
            return all
        case .storyQuantifier(let all, let slot, let body):
            for i in ctx.state.stories.indices {
                locals[Int(slot)] = .story(i)
                if try condition(body, &ctx, &locals) != all { return !all }
            }
            return all
        case .postmortemScheduled:
            return ctx.state.postmortemScheduled
        case .incidentDeclared:
            return ctx.state.incidentDeclared
        case .requireSignatures:
            return ctx.state.requireSignatures
        case .fired(let index):
            return ctx.fired[Int(index)]
        case .done(let index):
            return ctx.hasApplied(appliedKeys[Int(index)].wanted, by: appliedKeys[Int(index)].by, key: appliedKeys[Int(index)].key)
        case .general(let index):
            return try generals[Int(index)](ctx, &locals).isTrue
        case .textField, .incidentSeverity, .storyText, .entityNamed, .integer, .count, .entityCount:
            preconditionFailure("check node \(n) is not a condition")
        }
    }

    /// Whether `record` holds symbol `s`.
    @inline(__always) private static func contains(_ record: Record, _ s: Int32, _ ctx: EvaluationContext) -> Bool {
        switch record {
        case .paged: return ctx.state.paged.contains(s)
        case .notified: return ctx.state.notified.contains(s)
        case .acknowledged: return ctx.state.acknowledged.contains(s)
        case .findings: return ctx.state.findings.contains(s)
        case .runbooks: return ctx.state.runbooks.contains(s)
        case .trustedKeys: return ctx.state.trustedKeys.contains(s)
        case .stories: return false
        }
    }

    /// The symbol of text field `field` of an entity, -1 when the entity or the field is null.
    @inline(__always) private func textField(_ collection: Collection, _ field: Int32, _ e: EntityRef, _ ctx: inout EvaluationContext,
                                             _ locals: inout [Value]) throws(EvaluationError) -> Int32 {
        let i = try entity(e, &ctx, &locals)
        guard i >= 0 else { return -1 }
        if case .text(let s) = ctx.state.entities[collection.ordinal][i].fields[Int(field)] { return s }
        return -1
    }

    @inline(__always) private func symbol(_ r: SymbolRef, _ ctx: inout EvaluationContext, _ locals: inout [Value]) throws(EvaluationError) -> Int32 {
        switch r {
        case .constant(let s): return s
        case .node(let n): return try symbol(node: n, &ctx, &locals)
        }
    }

    private func symbol(node n: Int32, _ ctx: inout EvaluationContext, _ locals: inout [Value]) throws(EvaluationError) -> Int32 {
        switch nodes[Int(n)] {
        case .textField(let collection, let field, let e):
            return try textField(collection, field, e, &ctx, &locals)
        case .incidentSeverity:
            return ctx.state.incidentSeverity ?? -1
        case .storyText(let slot, let owner):
            guard case .story(let i) = locals[Int(slot)] else { return -1 }
            return owner ? ctx.state.stories[i].owner : ctx.state.stories[i].title
        default:
            preconditionFailure("check node \(n) is not a text")
        }
    }

    @inline(__always) private func entity(_ r: EntityRef, _ ctx: inout EvaluationContext, _ locals: inout [Value]) throws(EvaluationError) -> Int {
        switch r {
        case .local(let slot):
            if case .entity(_, let i) = locals[Int(slot)] { return i }
            return -1
        case .named(let collection, let name):
            return ctx.state.find(collection, name) ?? -1
        case .node(let n):
            guard case .entityNamed(let collection, let name) = nodes[Int(n)] else { preconditionFailure("check node \(n) is not an entity") }
            let s = try symbol(name, &ctx, &locals)
            return s < 0 ? -1 : ctx.state.find(collection, s) ?? -1
        }
    }

    private func integer(_ n: Int32, _ ctx: EvaluationContext) -> Int {
        switch nodes[Int(n)] {
        case .integer(let i): return i
        case .count(let record):
            switch record {
            case .paged: return ctx.state.paged.count
            case .notified: return ctx.state.notified.count
            case .acknowledged: return ctx.state.acknowledged.count
            case .findings: return ctx.state.findings.count
            case .runbooks: return ctx.state.runbooks.count
            case .trustedKeys: return ctx.state.trustedKeys.count
            case .stories: return ctx.state.stories.count
            }
        case .entityCount(let collection): return ctx.state.entities[collection.ordinal].count
        default: preconditionFailure("check node \(n) is not an integer")
        }
    }
}
