"""Tokens, CSRF and escaping: a page or feed without its token, with another role's token, a forged form, a drill whose
messages carry script."""
import http.client
import os
import signal
import urllib.parse

from selenium.webdriver.common.by import By

from conftest import drill_path, run_gameday, scenarios_path, wait_for


def request(server, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read(200_000) if "event-stream" not in (response.getheader("Content-Type") or "") else b""
        return response.status, dict(response.getheaders()), data.decode("utf-8", "replace")
    finally:
        connection.close()


def path_of(link):
    return urllib.parse.urlparse(link).path


def form(fields):
    return urllib.parse.urlencode(fields), {"Content-Type": "application/x-www-form-urlencoded"}


def test_tokens_csrf_and_headers(workdir, servers):
    server = servers(workdir, [drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--step",
                               "--journal", "game.responses.yaml", "--no-record", "--no-reports"]).start()
    scribe = path_of(server.links["scribe"])
    oncall = path_of(server.links["participant on-call"])
    facilitator = path_of(server.links["facilitator"])

    # No token, a wrong token, a token one character off: no page, no feed, no form.
    for path in ["/", "/v/", "/v", "/v/" + "0" * 64, scribe[:-1] + ("0" if scribe[-1] != "0" else "1"), scribe + "x",
                 "/v/%00", scribe.upper() if scribe.upper() != scribe else scribe + "0"]:
        status, _, _ = request(server, "GET", path)
        assert status == 404, path
    assert request(server, "GET", "/v/" + "0" * 64 + "/events")[0] == 404
    assert request(server, "POST", "/v/" + "0" * 64 + "/do", *form({"op": "wait"}))[0] == 404

    # The scribe's page: a strict CSP with a nonce, no framing, no referrer; the CSRF token is in its forms.
    status, headers, html = request(server, "GET", scribe)
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'nonce-" in csp and "unsafe-inline" not in csp
    nonce = csp.split("script-src 'nonce-")[1].split("'")[0]
    assert html.count(f'nonce="{nonce}"') == 2 and html.count("<script") == 1
    assert headers["X-Frame-Options"] == "DENY" and headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert " on" not in html.split("<script")[0].replace(" one", "").replace(" only", "").replace(" on-call", "").lower().split(">")[0]
    scribe_csrf = html.split('name="csrf" value="')[1].split('"')[0]
    second = request(server, "GET", scribe)[1]["Content-Security-Policy"]
    assert second != csp  # a fresh nonce each time

    before = open(f"{workdir}/game.responses.yaml", encoding="utf-8").read()
    # A forged form: no CSRF token, a wrong one, another view's token.
    assert request(server, "POST", scribe + "/do", *form({"op": "record", "line": "on-call: ack scan-alert"}))[0] == 403
    assert request(server, "POST", scribe + "/do", *form({"op": "record", "line": "on-call: ack scan-alert", "csrf": "0" * 64}))[0] == 403
    oncall_html = request(server, "GET", oncall)[2]
    oncall_csrf = oncall_html.split('name="csrf" value="')[1].split('"')[0]
    assert oncall_csrf != scribe_csrf
    assert request(server, "POST", scribe + "/do", *form({"op": "record", "line": "on-call: ack scan-alert", "csrf": oncall_csrf}))[0] == 403
    # Another role's token: a participant cannot do what the scribe or the facilitator does, even with its own CSRF token.
    assert request(server, "POST", oncall + "/do", *form({"op": "record", "line": "on-call: ack scan-alert", "csrf": oncall_csrf}))[0] == 403
    assert request(server, "POST", oncall + "/do", *form({"op": "end", "csrf": oncall_csrf}))[0] == 403
    assert request(server, "POST", scribe + "/do", *form({"op": "end", "csrf": scribe_csrf}))[0] == 403
    assert open(f"{workdir}/game.responses.yaml", encoding="utf-8").read() == before
    # The wall gets no debrief before the end; a participant never.
    assert request(server, "GET", oncall + "/debrief")[0] == 403
    # The real thing works.
    status, headers, _ = request(server, "POST", scribe + "/do", *form({"op": "record", "line": "on-call: ack scan-alert", "csrf": scribe_csrf}))
    assert status == 303 and headers["Location"] == scribe
    assert "ack scan-alert" in open(f"{workdir}/game.responses.yaml", encoding="utf-8").read()
    # Facilitator's page shows the script text, escaped.
    fac = request(server, "GET", facilitator)[2]
    assert "<i>for</i>" not in fac and "Room drill &lt;i&gt;for&lt;/i&gt;" in fac


def test_a_drill_whose_messages_carry_script_is_neutralised(workdir, servers, browsers):
    server = servers(workdir, [drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--step",
                               "--journal", "game.responses.yaml", "--no-record", "--no-reports"]).start()
    facilitator, oncall, wall = browsers(), browsers(), browsers()
    facilitator.get(server.links["facilitator"])
    oncall.get(server.links["participant on-call"])
    wall.get(server.links["wall"])
    for driver in (facilitator, oncall, wall):
        wait_for(lambda d=driver: d.find_element(By.ID, "conn").text == "live", what="the live feed")
    facilitator.find_element(By.ID, "wait-for").send_keys("10m")
    facilitator.find_element(By.ID, "wait-for").submit()
    wait_for(lambda: "window.pwned = 1" in oncall.find_element(By.ID, "messages").text, what="the chat with script")
    wait_for(lambda: "window.pwned = 1" in wall.find_element(By.ID, "injects").text, what="the chat on the wall")
    for driver in (facilitator, oncall, wall):
        assert driver.execute_script("return window.pwned === undefined")
        assert driver.find_elements(By.CSS_SELECTOR, "main script, main img") == []
    # Reloaded, the page is server-rendered the same way.
    oncall.refresh()
    wait_for(lambda: "window.pwned = 1" in oncall.find_element(By.ID, "messages").text, what="the reloaded page")
    assert oncall.execute_script("return window.pwned === undefined")


def test_loopback_by_default_and_another_address_only_when_meant(workdir, servers):
    args = [drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--step", "--no-record", "--no-reports"]
    default = servers(workdir, args + ["--journal", "loopback.responses.yaml"]).start()
    assert all(link.startswith(f"http://127.0.0.1:{default.port}/v/") for link in default.links.values())
    default.stop()

    # Another address without --allow-network: refused before anything is written.
    refused = run_gameday(workdir, "serve", *args, "--journal", "refused.responses.yaml", "--host", "0.0.0.0", "--port", "0")
    assert refused.returncode == 2
    assert "--host 0.0.0.0 would let anyone on that network who gets a link join; add --allow-network" in refused.stderr
    assert not os.path.exists(os.path.join(workdir, "refused.responses.yaml"))

    # With it: the server listens there and warns on stderr.
    network = servers(workdir, args + ["--journal", "network.responses.yaml", "--host", "0.0.0.0", "--allow-network"]).start()
    assert all(link.startswith(f"http://0.0.0.0:{network.port}/v/") for link in network.links.values())
    assert request(network, "GET", path_of(network.links["wall"]))[0] == 200
    network.process.send_signal(signal.SIGTERM)
    _, err = network.read_rest()
    assert "warning: listening on 0.0.0.0: anyone on that network with a link can join this game day" in err
