/// The options of the command vocabulary, so that the engine reads them by position, not by hashing strings.
enum OptionName: String, Sendable, CaseIterable {
    case all = "--all"
    case `as` = "--as"
    case backend = "--backend"
    case due = "--due"
    case egress = "--egress"
    case ephemeral = "--ephemeral"
    case from = "--from"
    case key = "--key"
    case malicious = "--malicious"
    case owner = "--owner"
    case registry = "--registry"
    case signWith = "--sign-with"
    case subject = "--subject"
    case using = "--using"

    /// The option's position in a compiled command's option table.
    var position: Int {
        switch self {
        case .all: 0
        case .as: 1
        case .backend: 2
        case .due: 3
        case .egress: 4
        case .ephemeral: 5
        case .from: 6
        case .key: 7
        case .malicious: 8
        case .owner: 9
        case .registry: 10
        case .signWith: 11
        case .subject: 12
        case .using: 13
        }
    }
}
