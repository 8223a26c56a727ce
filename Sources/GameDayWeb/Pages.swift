import GameDayConsole
import GameDayEngine
import GameDayReports

/// The server-rendered pages: one per view, with live regions (`<div id=... data-live>`) that the page's one small
/// script replaces from the feed. Every string from the drill or the room goes through the reports' HTML escaper.
struct Pages {
    let game: GameSnapshot
    let view: ViewKind
    let csrf: String
    let token: String

    private func e(_ text: String) -> String { HTMLText.escape(text) }
    private func t(_ seconds: Int) -> String { DurationText.clock(seconds) }

    /// The live regions of the page: id → inner HTML.
    func regions() -> [String: String] {
        var out = ["clock": clockRegion()]
        switch view {
        case .participant(let role):
            out["messages"] = messagesRegion(game.messages.filter { $0.isFor(role: role) })
            out["findings"] = findingsRegion()
            out["asked"] = askedRegion(role: role)
        case .scribe:
            out["pending"] = pendingRegion()
            out["answers"] = logRegion(game.scribeLog, limit: 40)
            out["actions"] = actionsRegion()
            out["candidates"] = candidatesRegion()
        case .facilitator:
            out["coming"] = comingRegion()
            out["cues"] = cuesRegion()
            out["deadlines"] = deadlinesRegion(withState: true)
            out["log"] = logRegion(game.facilitatorLog, limit: 80)
            out["delivery"] = deliveryRegion()
            out["result"] = resultRegion()
        case .wall:
            out["injects"] = wallInjectsRegion()
            out["deadlines"] = deadlinesRegion(withState: false)
            out["result"] = resultRegion()
        }
        return out
    }

    /// The whole page.
    func page(nonce: String) -> String {
        let r = regions()
        func live(_ id: String, _ tag: String = "div") -> String { "<\(tag) id=\"\(id)\" class=\"live\" aria-live=\"polite\">\(r[id] ?? "")</\(tag)>" }
        var body = ""
        switch view {
        case .participant(let role):
            body += "<section><h2>Messages to \(e(role)) and everyone</h2>\(live("messages"))</section>"
            body += """
            <section><h2>Ask the scribe to record an action</h2>
            <form method="post" action="/v/\(token)/do">\(hidden("request"))
            <label for="ask">What you do (a command, or say it in words)</label>
            <input id="ask" name="text" maxlength="500" autocomplete="off" placeholder="revoke-key nw-build-signing" required>
            <button type="submit">Ask the scribe</button></form>\(live("asked"))</section>
            """
            body += "<section><h2>Findings the team has revealed</h2>\(live("findings"))</section>"
            body += worldSheetSection()
        case .scribe:
            body += scribeForm()
            body += "<section><h2>Held entries and requests</h2>\(live("pending"))</section>"
            body += "<section><h2>Answers</h2>\(live("answers"))</section>"
            body += decisionForm()
            body += "<section><h2>Recorded actions</h2>\(live("actions"))</section>"
        case .facilitator:
            body += facilitatorControls()
            body += live("result")
            body += live("delivery")
            body += "<section><h2>Coming up</h2>\(live("coming"))</section>"
            body += "<section><h2>Facilitator notes: cues</h2>\(live("cues"))</section>"
            body += "<section><h2>Outcomes and deadlines</h2>\(live("deadlines"))</section>"
            body += "<section><h2>Everything that happened</h2>\(live("log"))</section>"
        case .wall:
            body += live("result")
            body += "<section><h2>Deadlines</h2>\(live("deadlines"))</section>"
            body += "<section><h2>Injects so far</h2>\(live("injects"))</section>"
        }
        let who = switch view {
        case .participant(let role): "Participant: \(e(role))"
        case .facilitator: "Facilitator"
        case .scribe: "Scribe"
        case .wall: "Wall"
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>\(who) — \(e(game.drill.title))</title>
        <style nonce="\(nonce)">\(Self.css)</style></head>
        <body class="\(viewClass)"><header><h1>\(e(game.drill.title))</h1><p class="who">\(who)\(game.team.map { " · team \(e($0))" } ?? "")
         · <span id="conn" class="conn">connecting…</span></p>\(live("clock", "p"))</header>
        <main>\(body)</main>
        <script nonce="\(nonce)">\(Self.script)</script>
        </body></html>
        """
    }

    private var viewClass: String {
        switch view {
        case .participant: "participant"
        case .facilitator: "facilitator"
        case .scribe: "scribe"
        case .wall: "wall"
        }
    }

    private func hidden(_ op: String) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\"><input type=\"hidden\" name=\"op\" value=\"\(e(op))\">"
    }

    private func button(_ op: String, _ label: String, fields: [String: String] = [:], classes: String = "") -> String {
        var out = "<form class=\"inline\" method=\"post\" action=\"/v/\(token)/do\">\(hidden(op))"
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { out += "<input type=\"hidden\" name=\"\(e(name))\" value=\"\(e(value))\">" }
        return out + "<button type=\"submit\" class=\"\(classes)\">\(label)</button></form>"
    }

    // MARK: - Regions

    private func clockRegion() -> String {
        var out = "<span class=\"clock\">\(e(game.clockText))</span>"
        if let phase = game.phase, !game.ended { out += " · phase <b>\(e(phase.rawValue))</b>" }
        if game.ended { out += " · <b>the drill is over</b>" }
        return out
    }

    private func messagesRegion(_ messages: [InjectMessage]) -> String {
        guard !messages.isEmpty else { return "<p class=\"empty\">Nothing yet.</p>" }
        var out = "<ol class=\"messages\" reversed>"
        for m in messages.reversed() {
            out += "<li class=\"msg ch-\(e(m.channel.rawValue))\" data-inject=\"\(e(m.id))\"><p class=\"meta\"><span class=\"chan\">\(e(m.channel.rawValue))</span> "
            out += "<time>\(e(t(m.at)))</time>"
            if let from = m.from { out += " from <b>\(e(from))</b>" }
            out += m.to.map { " to <b>\(e($0))</b>" } ?? " to everyone"
            if m.firing > 1 { out += " <span class=\"repeat\">(again, \(m.firing)×)</span>" }
            out += "</p><p class=\"text\">\(e(m.message))</p></li>"
        }
        return out + "</ol>"
    }

    private func findingsRegion() -> String {
        guard !game.findings.isEmpty else { return "<p class=\"empty\">None yet: investigate a topic to find out more.</p>" }
        return "<ul>" + game.findings.map { "<li><b>\(e($0.topic))</b>: \(e($0.text.trimmingCharacters(in: .whitespacesAndNewlines)))</li>" }.joined() + "</ul>"
    }

    private func askedRegion(role: String) -> String {
        let mine = game.pending.filter { $0.kind == .request && $0.by == role }
        guard !mine.isEmpty else { return "" }
        return "<p>Waiting for the scribe:</p><ul>" + mine.map { "<li>\(e($0.line))</li>" }.joined() + "</ul>"
    }

    private func pendingRegion() -> String {
        guard !game.pending.isEmpty else { return "<p class=\"empty\">Nothing held, nothing asked.</p>" }
        var out = "<ul class=\"pending\">"
        var drafts = 0
        for entry in game.pending {
            let who = entry.by.map { e($0) + ": " } ?? ""
            if entry.kind == .draft {
                drafts += 1
                out += "<li class=\"draft\" data-entry=\"\(entry.number)\"><span class=\"num\">\(entry.number)</span> <time>\(e(t(entry.at)))</time> <code>\(who)\(e(entry.line))</code> "
                out += button("apply", "Apply", fields: ["n": String(entry.number)]) + button("strike", "Strike", fields: ["n": String(entry.number)], classes: "danger") + "</li>"
            } else {
                out += "<li class=\"request\" data-entry=\"\(entry.number)\"><span class=\"num\">\(entry.number)</span> <time>\(e(t(entry.at)))</time> <b>\(who)</b>asks: “\(e(entry.line))”"
                out += "<form class=\"inline\" method=\"post\" action=\"/v/\(token)/do\">\(hidden("confirm"))<input type=\"hidden\" name=\"n\" value=\"\(entry.number)\">"
                out += "<label class=\"sr\" for=\"confirm-\(entry.number)\">Command to record for \(entry.by.map(e) ?? "the team")</label>"
                out += "<input id=\"confirm-\(entry.number)\" name=\"line\" value=\"\(e(entry.line))\" list=\"vocabulary\" autocomplete=\"off\"><button type=\"submit\">Record</button></form>"
                out += button("dismiss", "Dismiss", fields: ["n": String(entry.number)], classes: "danger") + "</li>"
            }
        }
        out += "</ul>"
        if drafts > 1 { out += button("apply-all", "Apply all held entries") }
        return out
    }

    private func candidatesRegion() -> String {
        guard !game.scribeCandidates.isEmpty else { return "" }
        return "<p class=\"candidates\">Completions: " + game.scribeCandidates.map { "<code>\(e($0))</code>" }.joined(separator: " ") + "</p>"
    }

    private func logRegion(_ lines: [ConsoleLine], limit: Int) -> String {
        guard !lines.isEmpty else { return "<p class=\"empty\">Nothing yet.</p>" }
        return "<ol class=\"log\" reversed>" + lines.suffix(limit).reversed().map { "<li class=\"\(styleClass($0.style))\">\(e($0.text))</li>" }.joined() + "</ol>"
    }

    private func styleClass(_ style: ConsoleLine.Style) -> String {
        switch style {
        case .inject: "s-inject"
        case .attacker: "s-attacker"
        case .applied: "s-applied"
        case .rejected: "s-rejected"
        case .finding: "s-finding"
        case .progress: "s-progress"
        case .heading: "s-heading"
        case .info: "s-info"
        case .muted: "s-muted"
        case .error: "s-error"
        }
    }

    private func actionsRegion() -> String {
        guard !game.actions.isEmpty else { return "<p class=\"empty\">None yet.</p>" }
        var out = "<table><thead><tr><th>Time</th><th>Role</th><th>Command</th><th>Answer</th></tr></thead><tbody>"
        for a in game.actions.reversed() {
            let answer = a.outcome.reason.map { "<span class=\"s-rejected\">rejected: \(e($0))</span>" } ?? "<span class=\"s-applied\">applied</span>"
            out += "<tr><td>\(e(t(a.at)))</td><td>\(e(a.by ?? "team"))</td><td><code>\(e(a.command))</code></td><td>\(answer)</td></tr>"
        }
        return out + "</tbody></table>"
    }

    private func comingRegion() -> String {
        guard !game.comingUp.isEmpty else { return "<p class=\"empty\">Nothing more is due.</p>" }
        var out = "<ul class=\"coming\">"
        for due in game.comingUp.prefix(12) {
            guard let inject = game.drill.inject(due.id) else { continue }
            out += "<li><time>\(e(t(due.at)))</time> <b>\(e(inject.id))</b> [\(e(inject.channel.rawValue))]"
            if let to = inject.to { out += " to \(e(to))" }
            if inject.requiresDetection != nil { out += " <span class=\"muted\">(needs detection \(e(inject.requiresDetection!)))</span>" }
            if let message = inject.message { out += "<br><span class=\"text\">\(e(message.trimmingCharacters(in: .whitespacesAndNewlines)))</span>" }
            if due.at > game.now, due.at == inject.at, game.vocabulary.pendingInjects.contains(inject.id) {
                out += " " + button("inject", "Bring forward", fields: ["id": inject.id])
            }
            out += "</li>"
        }
        return out + "</ul>"
    }

    private func cuesRegion() -> String {
        guard !game.cues.isEmpty else { return "<p class=\"empty\">The notes name no times.</p>" }
        return "<ul class=\"cues\">" + game.cues.map { cue in
            let state = cue.at <= game.now ? "now" : "later"
            return "<li class=\"cue-\(state)\"><time>\(e(t(cue.at)))</time> \(state == "now" ? "<b>cue:</b> " : "")\(e(cue.text))</li>"
        }.joined() + "</ul>"
    }

    private func deadlinesRegion(withState: Bool) -> String {
        guard !game.drill.outcomes.isEmpty else { return "<p class=\"empty\">No deadlines.</p>" }
        var out = "<ul class=\"deadlines\">"
        for d in game.deadlines {
            out += "<li>"
            if withState { out += "<span class=\"state st-\(d.state.rawValue)\">\(d.state.rawValue)</span> " }
            out += "<b>\(e(d.title))</b> <span class=\"muted\">(\(e(d.phase.rawValue)))</span> "
            if let due = d.due {
                let left = due - game.now
                out += "due <time>\(e(t(due)))</time> · " + (left >= 0 ? "<span class=\"countdown\">\(e(DurationText.clock(left).replacingOccurrences(of: "T+", with: ""))) left</span>" : "<span class=\"passed\">passed</span>")
            } else {
                out += "<span class=\"muted\">no deadline yet</span>"
            }
            if withState, let at = d.metAt { out += " · met at \(e(t(at)))" }
            out += "</li>"
        }
        return out + "</ul>"
    }

    private func wallInjectsRegion() -> String {
        guard !game.messages.isEmpty else { return "<p class=\"empty\">Nothing yet.</p>" }
        var out = "<p class=\"count\">\(game.messages.count) so far</p><ol class=\"messages\" reversed>"
        for m in game.messages.reversed() {
            out += "<li class=\"msg ch-\(e(m.channel.rawValue))\"><p class=\"meta\"><span class=\"chan\">\(e(m.channel.rawValue))</span> <time>\(e(t(m.at)))</time>"
            if let to = m.to {
                out += " to <b>\(e(to))</b></p>"
            } else {
                out += " to everyone</p><p class=\"text\">\(e(m.message))</p>"
            }
            out += "</li>"
        }
        return out + "</ol>"
    }

    private func deliveryRegion() -> String {
        guard !game.deliveryProblems.isEmpty else { return "" }
        return "<div class=\"alert\" role=\"alert\"><h2>Delivery problems</h2><ul>" + game.deliveryProblems.suffix(5).map { "<li>\(e($0))</li>" }.joined() + "</ul></div>"
    }

    private func resultRegion() -> String {
        guard game.ended else { return "" }
        guard let result = game.result else { return "<p class=\"result\">The drill is over; scoring…</p>" }
        var out = "<div class=\"result\"><h2>\(e(result.scoreLine))</h2>"
        if result.reportFolder != nil { out += "<p><a href=\"/v/\(token)/debrief\">Read the debrief</a></p>" }
        return out + "</div>"
    }

    // MARK: - Static parts

    private func worldSheetSection() -> String {
        var out = "<section><h2>The world</h2><p class=\"muted\">\(e(game.sheet.admission))</p>"
        out += "<label for=\"sheet-filter\">Search the world</label><input id=\"sheet-filter\" type=\"search\" autocomplete=\"off\" placeholder=\"ghcr-push-token\">"
        out += "<div id=\"sheet\">"
        for section in game.sheet.sections {
            out += "<h3>\(e(section.collection.rawValue.replacingOccurrences(of: "_", with: " ")))</h3><ul class=\"sheet\">"
            for row in section.rows {
                out += "<li data-name=\"\(e(row.name.lowercased()))\"><code>\(e(row.name))</code>"
                if !row.facts.isEmpty { out += " <span class=\"facts\">\(e(row.facts.joined(separator: "; ")))</span>" }
                out += "</li>"
            }
            out += "</ul>"
        }
        return out + "</div></section>"
    }

    private func scribeForm() -> String {
        var options = game.vocabulary.verbs.map { "<option value=\"\(e($0))\">" }
        options += game.vocabulary.roles.map { "<option value=\"\(e($0)): \">" }
        return """
        <section><h2>Record an action</h2>
        <form method="post" action="/v/\(token)/do"><input type="hidden" name="csrf" value="\(csrf)">
        <label for="line">ROLE: COMMAND, optionally starting with a time (at 12m on-call: ack ALERT)</label>
        <input id="line" name="line" value="\(e(game.scribeLine))" list="vocabulary" autocomplete="off" autofocus maxlength="1000" placeholder="on-call: ack trivy-alert">
        <datalist id="vocabulary">\(options.joined())</datalist>
        <div class="buttons"><button type="submit" name="op" value="record">Record now</button>
        <button type="submit" name="op" value="hold">Hold (check, then apply)</button>
        <button type="submit" name="op" value="complete">Complete</button></div></form>
        <div id="candidates" class="live">\(candidatesRegion())</div>
        \(game.isStep ? button("wait", "Clock to the next inject") : "")</section>
        """
    }

    private func decisionForm() -> String {
        let roles = game.vocabulary.roles.map { "<option value=\"\(e($0))\">\(e($0))</option>" }.joined()
        return """
        <section><h2>Record a decision</h2>
        <form method="post" action="/v/\(token)/do">\(hidden("decision"))
        <label for="decision-text">Decision (free text, recorded as a note)</label>
        <input id="decision-text" name="text" maxlength="1000" required autocomplete="off">
        <label for="decision-role">Who decided</label><select id="decision-role" name="role"><option value="">the team</option>\(roles)</select>
        <label for="decision-at">At (drill time; empty: now)</label><input id="decision-at" name="at" size="8" placeholder="12m" autocomplete="off">
        <button type="submit">Record the decision</button></form></section>
        """
    }

    private func facilitatorControls() -> String {
        var out = "<section class=\"controls\"><h2>Clock</h2><div class=\"buttons\">"
        if game.isStep {
            out += button("wait", "To the next inject")
            out += "<form class=\"inline\" method=\"post\" action=\"/v/\(token)/do\">\(hidden("wait"))<label for=\"wait-for\">Move on by</label>"
            out += "<input id=\"wait-for\" name=\"duration\" size=\"6\" placeholder=\"5m\" required><button type=\"submit\">Wait</button></form>"
        } else {
            out += button("pause", "Pause") + button("resume", "Resume")
        }
        out += button("end", "End the drill and score", classes: "danger")
        return out + "</div></section>"
    }

    static let css = """
    :root{color-scheme:light dark;--fg:#111;--bg:#fff;--mut:#555;--line:#ccc;--acc:#0b57d0;--bad:#b3261e;--ok:#146c2e}
    @media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#121212;--mut:#aaa;--line:#444;--acc:#8ab4f8;--bad:#f2b8b5;--ok:#7dd68a}}
    *{box-sizing:border-box}body{font:16px/1.45 system-ui,sans-serif;margin:0;color:var(--fg);background:var(--bg)}
    header{padding:.6rem 1rem;border-bottom:1px solid var(--line)}h1{font-size:1.25rem;margin:0}h2{font-size:1.05rem;margin:.2rem 0 .5rem}
    h3{font-size:.95rem;margin:.6rem 0 .2rem;text-transform:capitalize}
    main{padding:0 1rem 2rem;max-width:60rem}section{margin:1rem 0;overflow-wrap:anywhere}
    .who{margin:.2rem 0;color:var(--mut)}.clock{font-variant-numeric:tabular-nums;font-weight:600}
    .wall .clock{font-size:2rem}.wall main{max-width:none}.wall .deadlines{font-size:1.3rem}
    label{display:block;margin:.4rem 0 .1rem}input,select,button{font:inherit;padding:.45rem .6rem;max-width:100%}
    input[type=search],#line,#ask,#decision-text{width:100%}
    button{border:1px solid var(--acc);background:var(--acc);color:var(--bg);border-radius:.3rem;cursor:pointer;margin:.2rem .2rem .2rem 0}
    button.danger{background:transparent;color:var(--bad);border-color:var(--bad)}
    :focus-visible{outline:3px solid var(--acc);outline-offset:2px}
    .inline{display:inline}.inline label{display:inline;margin:0 .3rem}.buttons{display:flex;flex-wrap:wrap;gap:.2rem}
    ol,ul{padding-left:1.2rem}.messages{list-style:none;padding:0}.msg{border-left:4px solid var(--acc);padding:.2rem .6rem;margin:.5rem 0}
    .msg .meta{margin:0;color:var(--mut);font-size:.9rem}.msg .text{margin:.2rem 0;white-space:pre-wrap}
    .chan{text-transform:uppercase;font-weight:700;font-size:.8rem}.ch-alert,.ch-page{border-color:var(--bad)}
    .empty,.muted,.s-muted{color:var(--mut)}.s-rejected,.s-error,.passed{color:var(--bad)}.s-applied,.st-met{color:var(--ok)}
    .st-late{color:var(--bad)}.state{font-weight:700;text-transform:uppercase;font-size:.8rem}
    .log{font-family:ui-monospace,monospace;font-size:.85rem;white-space:pre-wrap}
    table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:.25rem;text-align:left;vertical-align:top}
    code{font-family:ui-monospace,monospace}.num{font-weight:700}.alert{border:2px solid var(--bad);padding:.4rem .8rem;margin:1rem 0}
    .result{border:2px solid var(--ok);padding:.4rem .8rem;margin:1rem 0}.cue-now{font-weight:600}.conn{font-size:.85rem}
    .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.hidden{display:none}
    @media (max-width:40rem){body{font-size:15px}main{padding:0 .6rem 2rem}table,thead,tbody,tr,td,th{display:block}thead{display:none}td{border:0}tr{border-bottom:1px solid var(--line)}}
    """

    /// The only script: the live feed (server-sent events that replace the live regions) and the world sheet's filter.
    static let script = """
    (function(){var c=document.getElementById('conn');var es=new EventSource(location.pathname+'/events');
    es.onopen=function(){c.textContent='live';};es.onerror=function(){c.textContent='reconnecting…';};
    es.onmessage=function(m){var d=JSON.parse(m.data);c.textContent='live';for(var k in d){var el=document.getElementById(k);
    if(el&&el.innerHTML!==d[k]&&!el.contains(document.activeElement)){el.innerHTML=d[k];}}};
    var f=document.getElementById('sheet-filter');if(f){f.addEventListener('input',function(){var q=f.value.toLowerCase();
    document.querySelectorAll('#sheet li').forEach(function(li){li.classList.toggle('hidden',q!==''&&li.textContent.toLowerCase().indexOf(q)<0);});});}})();
    """
}
