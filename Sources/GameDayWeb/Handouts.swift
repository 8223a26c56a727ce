import GameDayConsole
import GameDayEngine
import GameDayReports

/// Printable handouts of a drill: a card per role, inject cards for a facilitator who runs the day on paper, and
/// the world sheet. Static HTML without scripts or external assets, laid out for A4 and US Letter: each role card
/// is one page; inject cards never break across pages.
public struct Handouts: Sendable {
    /// The drill.
    public let drill: Drill

    /// Handouts of `drill`.
    public init(drill: Drill) { self.drill = drill }

    private func e(_ text: String) -> String { HTMLText.escape(text) }

    /// The files: name → HTML.
    public func files() -> [(name: String, html: String)] {
        [("index.html", index()), ("roles.html", roleCards()), ("injects.html", injectCards()), ("world.html", worldSheet())]
    }

    static let css = """
    @page{size:auto;margin:14mm}*{box-sizing:border-box}
    body{font:11pt/1.4 "DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#000;background:#fff;margin:0 auto;max-width:46rem;padding:1rem}
    h1{font-size:17pt;margin:0 0 .3rem}h2{font-size:13pt;margin:.8rem 0 .3rem}h3{font-size:11pt;margin:.6rem 0 .2rem;text-transform:capitalize}
    .card{border:1.5pt solid #000;border-radius:4pt;padding:10pt 12pt;margin:0 0 12pt;break-inside:avoid;overflow-wrap:anywhere}
    .role{break-after:page;min-height:0}.role:last-child{break-after:auto}
    .meta{color:#333;font-size:9.5pt;margin:0 0 4pt}.message{white-space:pre-wrap;font-size:12pt;margin:4pt 0}
    .silent{border-style:dashed}.note{font-size:9pt;color:#333}
    table{border-collapse:collapse;width:100%;table-layout:fixed}td,th{border-bottom:.5pt solid #999;padding:2pt 4pt;text-align:left;vertical-align:top;overflow-wrap:anywhere}
    th{width:38%}code{font-family:"DejaVu Sans Mono","Liberation Mono",monospace;font-size:9.5pt;overflow-wrap:anywhere}
    ul{padding-left:1.1rem;margin:.2rem 0}.cmds{columns:2;column-gap:10pt;font-size:7.5pt;line-height:1.25;padding-left:0;list-style:none}
    .cmds li{break-inside:avoid;margin:0 0 1.5pt}.cmds code{font-size:7.5pt}.cols{columns:2;column-gap:1.2rem}.cols li{break-inside:avoid}
    @media screen{body{padding:1.5rem}}
    """

    private func document(_ title: String, _ body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(e(title)) — \(e(drill.title))</title><style>\(Self.css)</style></head>
        <body>\(body)</body></html>

        """
    }

    private func index() -> String {
        document("Handouts", """
        <h1>\(e(drill.title))</h1><p class="meta">Drill \(e(drill.id)) · \(e(drill.severity.rawValue)) · \(e(DurationText.format(drill.duration)))</p>
        <ul><li><a href="roles.html">Role cards</a> (one page per role: hand one to each participant)</li>
        <li><a href="world.html">World sheet</a> (for everyone: the names the team can act on)</li>
        <li><a href="injects.html">Inject cards</a> (for the facilitator only: they hold the script)</li></ul>
        """)
    }

    private func person(_ role: String) -> String {
        guard let entity = drill.world.entity(.roles, role) else { return "" }
        let name = entity["person", in: .roles]?.text
        let backup = entity["backup", in: .roles]?.text
        return [name.map { e($0) }, backup.map { "backup: " + e($0) }].compactMap { $0 }.joined(separator: " · ")
    }

    private func roleCards() -> String {
        var body = ""
        let verbs = CommandSpec.all.filter { !$0.attackerOnly }
        for role in drill.roles {
            body += "<section class=\"card role\"><h1>\(e(role))</h1><p class=\"meta\">\(e(drill.title)) · your role in this game day"
            let who = person(role)
            if !who.isEmpty { body += " · \(who)" }
            body += "</p><h2>What you do</h2><p>Say what you would do, as you would do it for real; the scribe records it as a command "
            body += "and the simulated pipeline answers. Ask for what you do not know: investigating a topic can reveal findings.</p>"
            body += "<h2>Who you can page</h2><ul>"
            for other in drill.world.names(.roles) where other != role {
                let p = person(other)
                body += "<li><code>page \(e(other))</code>\(p.isEmpty ? "" : " — \(p)")</li>"
            }
            body += "</ul><h2>Commands the scribe records</h2><ul class=\"cmds\">"
            for spec in verbs {
                body += "<li><code>\(e(spec.usage))</code> — \(e(spec.summary))</li>"
            }
            body += "</ul></section>"
        }
        return document("Role cards", body)
    }

    private func injectCards() -> String {
        var body = "<h1>Inject cards</h1><p class=\"meta\">For the facilitator: read out or hand over each card at its time. Dashed cards are silent moves: never read them out.</p>"
        for inject in drill.injects.sorted(by: { $0.at < $1.at }) {
            let silent = inject.channel == .silent
            body += "<section class=\"card\(silent ? " silent" : "")\"><p class=\"meta\"><b>\(e(DurationText.clock(inject.at)))</b> · \(e(inject.channel.rawValue)) · <code>\(e(inject.id))</code>"
            if let from = inject.from { body += " · from \(e(from))" }
            body += inject.to.map { " · hand to <b>\(e($0))</b>" } ?? (silent ? "" : " · to everyone")
            body += "</p>"
            if let message = inject.message { body += "<p class=\"message\">\(e(message.trimmingCharacters(in: .whitespacesAndNewlines)))</p>" }
            var notes: [String] = []
            if silent { notes.append("silent: the \(inject.actor.rawValue)'s move; the team does not see it") }
            if let every = inject.repeatEvery { notes.append("repeats every \(DurationText.format(every)) until acknowledged") }
            if let detection = inject.requiresDetection { notes.append("only if the detection \(detection) is on") }
            if inject.condition != nil { notes.append("only if its condition holds (see the drill)") }
            if !notes.isEmpty { body += "<p class=\"note\">\(e(notes.joined(separator: "; ")))</p>" }
            body += "</section>"
        }
        if let notes = drill.facilitatorNotes {
            body += "<section class=\"card\"><h2>Facilitator notes</h2><p>\(e(notes.trimmingCharacters(in: .whitespacesAndNewlines)))</p></section>"
        }
        return document("Inject cards", body)
    }

    private func worldSheet() -> String {
        let sheet = WorldSheet(drill: drill)
        var body = "<h1>The world</h1><p class=\"meta\">\(e(drill.title)) · the names you can act on · \(e(sheet.admission))</p>"
        for section in sheet.sections {
            body += "<h3>\(e(section.collection.rawValue.replacingOccurrences(of: "_", with: " ")))</h3><table><tbody>"
            for row in section.rows {
                body += "<tr><th><code>\(e(row.name))</code></th><td>\(e(row.facts.joined(separator: "; ")))</td></tr>"
            }
            body += "</tbody></table>"
        }
        return document("World sheet", body)
    }
}
