import Foundation

/// Finds the password for a PostgreSQL URL the way libpq does: `PGPASSWORD`, else the first matching line of the
/// password file (`PGPASSFILE`, else `~/.pgpass`): `HOST:PORT:DATABASE:USER:PASSWORD`, `*` matching anything and
/// `\` escaping `:` and `\`. A file that group or others can read is ignored, as libpq ignores it.
struct PostgresPassword: Sendable {
    /// The password, when one was found.
    var password: String?
    /// Why the password file was not used, when that may explain a failed login.
    var note: String?

    /// The password for `url`.
    static func lookup(_ url: PostgresURL, environment: [String: String]) -> PostgresPassword {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return PostgresPassword(password: password) }
        let file: String
        if let path = environment["PGPASSFILE"], !path.isEmpty {
            file = path
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            file = URL(fileURLWithPath: home).appendingPathComponent(".pgpass").path
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file) else { return PostgresPassword() }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            return PostgresPassword(note: "\(file) was ignored: group or others can read it (chmod 600 \(file))")
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            return PostgresPassword(note: "\(file) could not be read")
        }
        return PostgresPassword(password: match(text, host: url.passwordHost, port: url.port, database: url.database, user: url.user))
    }

    /// The password of the first line of a password file that matches, or nil.
    static func match(_ text: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix("#") { continue }
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The fields of one line: split at `:`, with `\:` and `\\` kept as the character.
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
