/// Parses an expression's tokens into a syntax tree, by precedence climbing.
public struct ExpressionParser {
    /// The longest expression, in Unicode scalars (spec 1).
    public static let maxLength = 4096
    /// The deepest nesting of an expression (spec 9.11).
    public static let maxDepth = 64

    private var tokens: [ExprToken]
    private var position = 0
    private var depth = 0

    /// Parses `text`, or throws the first syntax error.
    public static func parse(_ text: String) throws(ExpressionError) -> ExprNode {
        // No more bytes than the limit means no more scalars; only a longer text has its scalars counted.
        if text.utf8.count > maxLength, case let length = text.unicodeScalars.count, length > maxLength {
            throw ExpressionError(offset: 0, "the expression is \(length) characters long; the limit is \(maxLength)")
        }
        var parser = ExpressionParser(tokens: try ExpressionLexer.tokenize(text))
        if case .end = parser.peek.kind {
            throw ExpressionError(offset: 0, "the expression is empty")
        }
        let node = try parser.parseOr()
        guard case .end = parser.peek.kind else {
            throw ExpressionError(offset: parser.peek.offset, "unexpected \(parser.describe(parser.peek)) after the end of the expression")
        }
        return node
    }

    private init(tokens: [ExprToken]) { self.tokens = tokens }

    private var peek: ExprToken { tokens[position] }

    private func describe(_ token: ExprToken) -> String {
        switch token.kind {
        case .identifier(let n): "'\(n)'"
        case .int(let v): "'\(v)'"
        case .duration(let v): "'\(DurationText.format(v))'"
        case .string: "text"
        case .symbol(let s): "'\(s)'"
        case .end: "end of expression"
        }
    }

    private mutating func advance() -> ExprToken {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    private func isSymbol(_ s: String) -> Bool {
        if case .symbol(let t) = peek.kind { return t == s }
        return false
    }

    private mutating func expect(_ s: String, _ what: String) throws(ExpressionError) {
        guard isSymbol(s) else {
            throw ExpressionError(offset: peek.offset, "expected \(what), found \(describe(peek))")
        }
        _ = advance()
    }

    private mutating func enter(_ offset: Int) throws(ExpressionError) {
        depth += 1
        if depth > Self.maxDepth {
            throw ExpressionError(offset: offset, "the expression nests deeper than \(Self.maxDepth) levels")
        }
    }

    private mutating func parseOr() throws(ExpressionError) -> ExprNode {
        var left = try parseAnd()
        while isSymbol("||") {
            let op = advance()
            let right = try parseAnd()
            left = ExprNode(.binary(.or, left, right), at: op.offset)
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> ExprNode {
        var left = try parseComparison()
        while isSymbol("&&") {
            let op = advance()
            let right = try parseComparison()
            left = ExprNode(.binary(.and, left, right), at: op.offset)
        }
        return left
    }

    private mutating func parseComparison() throws(ExpressionError) -> ExprNode {
        var left = try parseAdditive()
        while true {
            let op: BinaryOperator
            switch peek.kind {
            case .symbol("=="): op = .equal
            case .symbol("!="): op = .notEqual
            case .symbol("<"): op = .less
            case .symbol("<="): op = .lessOrEqual
            case .symbol(">"): op = .greater
            case .symbol(">="): op = .greaterOrEqual
            case .identifier("in"): op = .in
            default: return left
            }
            let token = advance()
            let right = try parseAdditive()
            left = ExprNode(.binary(op, left, right), at: token.offset)
        }
    }

    private mutating func parseAdditive() throws(ExpressionError) -> ExprNode {
        var left = try parseUnary()
        while isSymbol("+") || isSymbol("-") {
            let token = advance()
            let right = try parseUnary()
            left = ExprNode(.binary(token.kind == .symbol("+") ? .plus : .minus, left, right), at: token.offset)
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionError) -> ExprNode {
        if isSymbol("!") {
            let token = advance()
            try enter(token.offset)
            defer { depth -= 1 }
            return ExprNode(.not(try parseUnary()), at: token.offset)
        }
        if isSymbol("-") {
            throw ExpressionError(offset: peek.offset, "there is no unary minus; write the comparison the other way round")
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(ExpressionError) -> ExprNode {
        var node = try parsePrimary()
        while true {
            if isSymbol(".") {
                _ = advance()
                guard case .identifier(let name) = peek.kind else {
                    throw ExpressionError(offset: peek.offset, "expected a field or method name after '.', found \(describe(peek))")
                }
                let nameToken = advance()
                if isSymbol("(") {
                    node = try parseMethod(on: node, name: name, at: nameToken.offset)
                } else {
                    var field = ExprNode(.field(node, name), at: nameToken.offset)
                    field.type = .dyn
                    node = field
                }
            } else if isSymbol("[") {
                let open = advance()
                try enter(open.offset)
                let index = try parseOr()
                depth -= 1
                try expect("]", "']'")
                node = ExprNode(.index(node, index), at: open.offset)
            } else {
                return node
            }
        }
    }

    private mutating func parseMethod(on target: ExprNode, name: String, at offset: Int) throws(ExpressionError) -> ExprNode {
        let open = advance()
        try enter(open.offset)
        defer { depth -= 1 }
        switch name {
        case "size":
            try expect(")", "')': size() takes no arguments")
            return ExprNode(.sizeMethod(target), at: offset)
        case "all", "exists", "filter", "map":
            guard case .identifier(let variable) = peek.kind else {
                throw ExpressionError(offset: peek.offset, "\(name)() needs a variable name first, as in \(name)(x, ...)")
            }
            _ = advance()
            try expect(",", "',' after the variable of \(name)()")
            let body = try parseOr()
            try expect(")", "')' to close \(name)()")
            return ExprNode(.macro(target, name, variable: variable, body: body), at: offset)
        default:
            let hint = Suggestion.hint(for: name, in: ["all", "exists", "filter", "map", "size"])
            throw ExpressionError(offset: offset, "unknown method '\(name)'; the methods are all, exists, filter, map and size\(hint)")
        }
    }

    private mutating func parseArguments() throws(ExpressionError) -> [ExprNode] {
        var args: [ExprNode] = []
        if isSymbol(")") { _ = advance(); return args }
        while true {
            args.append(try parseOr())
            if isSymbol(",") { _ = advance(); continue }
            try expect(")", "',' or ')'")
            return args
        }
    }

    private mutating func parsePrimary() throws(ExpressionError) -> ExprNode {
        let token = advance()
        switch token.kind {
        case .int(let v): return ExprNode(.int(v), at: token.offset)
        case .duration(let v): return ExprNode(.duration(v), at: token.offset)
        case .string(let s): return ExprNode(.string(s), at: token.offset)
        case .identifier("true"): return ExprNode(.bool(true), at: token.offset)
        case .identifier("false"): return ExprNode(.bool(false), at: token.offset)
        case .identifier("null"): return ExprNode(.null, at: token.offset)
        case .identifier("in"):
            throw ExpressionError(offset: token.offset, "unexpected 'in'")
        case .identifier(let name):
            if isSymbol("(") {
                let open = advance()
                try enter(open.offset)
                defer { depth -= 1 }
                return ExprNode(.call(name, try parseArguments()), at: token.offset)
            }
            return ExprNode(.name(name), at: token.offset)
        case .symbol("("):
            try enter(token.offset)
            defer { depth -= 1 }
            let inner = try parseOr()
            try expect(")", "')'")
            return inner
        case .symbol("["):
            try enter(token.offset)
            defer { depth -= 1 }
            var items: [ExprNode] = []
            if isSymbol("]") { _ = advance(); return ExprNode(.list(items), at: token.offset) }
            while true {
                items.append(try parseOr())
                if isSymbol(",") { _ = advance(); continue }
                try expect("]", "',' or ']'")
                return ExprNode(.list(items), at: token.offset)
            }
        case .end:
            throw ExpressionError(offset: token.offset, "the expression ends too early")
        default:
            throw ExpressionError(offset: token.offset, "unexpected \(describe(token))")
        }
    }
}
