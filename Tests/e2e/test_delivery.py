"""Delivery to real local receivers started by the test: webhooks that record posts, one that fails at first, one that
hangs, and an SMTP server (aiosmtpd); the clock keeps its time while a target hangs."""
import http.client
import http.server
import json
import os
import re
import socket
import ssl
import subprocess
import threading
import time
import urllib.parse

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from conftest import GAMEDAY, drill_path, environment, free_port, run_gameday, scenarios_path, wait_for


class Recorder:
    """An HTTP server on loopback that records every POST; the first `failures` posts get 500."""

    def __init__(self, failures=0):
        self.posts = []
        self.failures = failures
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                recorder.posts.append({"path": self.path, "type": self.headers.get("Content-Type"), "body": body.decode()})
                status = 500 if len(recorder.posts) <= recorder.failures else 200
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)


class Hanger:
    """Accepts connections and never answers."""

    def __init__(self):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.held = []
        self.running = True
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self):
        self.socket.settimeout(0.2)
        while self.running:
            try:
                connection, _ = self.socket.accept()
                self.held.append(connection)
            except OSError:
                continue

    def close(self):
        self.running = False
        self.thread.join(10)
        for connection in self.held:
            connection.close()
        self.socket.close()


class Mailbox:
    """An aiosmtpd server on loopback that records each message and the credentials it was sent with."""

    def __init__(self, tls_context=None):
        self.messages = []
        self.logins = []
        box = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                box.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos),
                                     "data": envelope.content.decode("utf-8", "replace"), "tls": session.ssl is not None})
                return "250 OK"

        def authenticator(server, session, envelope, mechanism, auth_data):
            box.logins.append((auth_data.login.decode(), auth_data.password.decode()))
            return AuthResult(success=True)

        self.port = free_port()
        # With a TLS context the server offers STARTTLS and takes neither mail nor credentials before it.
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, authenticator=authenticator,
                                     auth_require_tls=tls_context is not None, tls_context=tls_context,
                                     require_starttls=tls_context is not None)
        self.controller.start()

    def close(self):
        self.controller.stop()


@pytest.fixture
def receivers():
    made = []

    def make(kind, **args):
        receiver = kind(**args)
        made.append(receiver)
        return receiver

    try:
        yield make
    finally:
        for receiver in made:
            receiver.close()


def deliver_file(workdir, recorder, flaky, hanger, mailbox, extra=""):
    path = os.path.join(workdir, "deliver.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""targets:
  - {{name: team-chat, kind: slack, url: "http://127.0.0.1:{recorder.port}/hook", channels: [alert, chat]}}
  - {{name: teams, kind: teams, url: "http://127.0.0.1:{recorder.port}/teams", roles: [security-lead], everyone: false}}
  - {{name: flaky, kind: mattermost, url: "http://127.0.0.1:{flaky.port}/hook", channels: [alert]}}
  - {{name: hang, kind: slack, url: "http://127.0.0.1:{hanger.port}/hook", channels: [email]}}
  - name: mail
    kind: smtp
    host: 127.0.0.1
    port: {mailbox.port}
    from: gameday@example.test
    to: {{security-lead: sec@example.test}}
    default_to: team@example.test
    channels: [email, chat]
{extra}retry: {{attempts: 3, backoff: 1s, timeout: 2s}}
""")
    return path


def page(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode()
    finally:
        connection.close()


def post(port, path, fields):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("POST", path, body=urllib.parse.urlencode(fields),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        return connection.getresponse().status
    finally:
        connection.close()


def clock_of(html):
    minutes, seconds = re.search(r'class="clock">T\+(\d+):(\d\d)', html).groups()
    return int(minutes) * 60 + int(seconds)


def test_injects_reach_webhooks_and_mail_and_the_clock_keeps_its_time(workdir, servers, receivers, monkeypatch):
    recorder, flaky = receivers(Recorder), receivers(Recorder, failures=2)
    hanger, mailbox = receivers(Hanger), receivers(Mailbox)
    path = deliver_file(workdir, recorder, flaky, hanger, mailbox)
    server = servers(workdir, [drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--speed", "60",
                               "--journal", "game.responses.yaml", "--no-record", "--no-reports", "--deliver", path]).start()
    started = time.monotonic()
    facilitator = urllib.parse.urlparse(server.links["facilitator"]).path

    # The hanging target holds up only itself: 12 s after the start, the clock reads at least 11 minutes.
    time.sleep(max(0, 12.5 - (time.monotonic() - started)))
    html = page(server.port, facilitator)
    assert clock_of(html) >= 11 * 60
    wait_for(lambda: "delivery to hang failed for vendor-mail" in page(server.port, facilitator), timeout=20,
             what="the failed target on the facilitator's page")
    wait_for(lambda: "gave up" in page(server.port, facilitator), timeout=20, what="the hanging target given up")

    chats = [json.loads(p["body"]) for p in recorder.posts if p["path"] == "/hook"]
    assert all(p["type"] == "application/json" for p in recorder.posts)
    texts = [c["text"] for c in chats]
    assert sum("Scan found a miner" in t for t in texts) >= 3, (texts, open(os.path.join(workdir, "game.responses.yaml")).read())  # T0, 5m and 10m: not acknowledged, it repeats
    hands = [t for t in texts if "Status update" in t]
    assert len(hands) == 1 and "&lt;script&gt;" in hands[0] and "<script>" not in hands[0]
    assert "[chat] cto" in hands[0]
    teams = [json.loads(p["body"]) for p in recorder.posts if p["path"] == "/teams"]
    assert len(teams) == 1
    card = teams[0]["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["body"][1]["text"] == "Our signing service saw an unusual request."

    # The flaky target: two 500s, then delivered; each attempt is a line of the journal's delivery log.
    journal = open(os.path.join(workdir, "game.responses.yaml"), encoding="utf-8").read()
    flaky_lines = [line for line in journal.splitlines() if "→ flaky" in line and "scan-alert (T+00:00)" in line]
    assert len(flaky_lines) == 3
    assert "1/3: failed (HTTP 500); retry in 1s" in flaky_lines[0]
    assert "2/3: failed (HTTP 500); retry in 2s" in flaky_lines[1]
    assert "3/3: delivered (HTTP 200)" in flaky_lines[2]
    assert json.loads(flaky.posts[0]["body"])["username"] == "gameday"
    hang_lines = [line for line in journal.splitlines() if "→ hang" in line]
    assert len(hang_lines) == 3 and "3/3: failed" in hang_lines[2] and "giving up" in hang_lines[2]

    # Mail: the vendor's mail to the security lead's address, the chat to everyone to the team's. This server offers no
    # STARTTLS and the target does not log in, so mail goes in clear (logging in, see the STARTTLS test below).
    wait_for(lambda: len(mailbox.messages) >= 2, what="two mails")
    by_to = {m["to"][0]: m for m in mailbox.messages}
    assert by_to["sec@example.test"]["from"] == "gameday@example.test"
    assert "Subject: [gameday] email from vendor: Our signing service saw an unusual request." in by_to["sec@example.test"]["data"]
    assert "Status update" in by_to["team@example.test"]["data"]
    assert not by_to["team@example.test"]["tls"] and mailbox.logins == []

    assert libcurl_loaded(server.process.pid)  # loaded for delivery (see the test below)

    csrf = html.split('name="csrf" value="')[1].split('"')[0]
    assert post(server.port, facilitator + "/do", {"op": "end", "csrf": csrf}) == 303
    wait_for(lambda: "Score " in page(server.port, facilitator), timeout=60, what="the score on the facilitator's page")
    server.stop()


def libcurl_loaded(pid):
    with open(f"/proc/{pid}/maps", encoding="utf-8") as maps:
        return any("libcurl" in line for line in maps)


def test_libcurl_is_loaded_only_to_deliver(workdir, servers):
    # Not linked: loading libcurl and the thirty-odd libraries it brings was most of a short command's start-up.
    needed = subprocess.run(["readelf", "--dynamic", GAMEDAY], capture_output=True, text=True, check=True).stdout
    assert "(NEEDED)" in needed and "libcurl" not in needed
    server = servers(workdir, [drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--no-record",
                               "--no-reports"]).start()
    assert server.links and not libcurl_loaded(server.process.pid)
    server.stop()


def test_a_libcurl_that_cannot_send_is_refused_before_the_game_day_starts(workdir):
    # A library named libcurl.so.4 without libcurl's functions, found first through LD_LIBRARY_PATH.
    fake = os.path.join(workdir, "lib")
    os.makedirs(fake)
    source = os.path.join(workdir, "fake.c")
    with open(source, "w", encoding="utf-8") as f:
        f.write("int not_curl(void) { return 0; }\n")
    subprocess.run(["cc", "-shared", "-fPIC", "-Wl,-soname,libcurl.so.4", "-o", os.path.join(fake, "libcurl.so.4"), source],
                   check=True)
    path = os.path.join(workdir, "deliver.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("targets:\n  - {name: chat, kind: slack, url: 'http://127.0.0.1:9/x'}\n")
    env = environment(workdir) | {"LD_LIBRARY_PATH": fake}
    args = [GAMEDAY, "serve", drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--no-record", "--deliver",
            path, "--port", "0"]
    result = subprocess.run(args, cwd=workdir, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"error: --deliver {path}: the library loaded as libcurl has no curl_global_init" in result.stderr


def test_dry_run_sends_nothing_and_facilitate_delivers_too(workdir, servers, receivers, monkeypatch):
    recorder, flaky = receivers(Recorder), receivers(Recorder)
    hanger, mailbox = receivers(Hanger), receivers(Mailbox)
    monkeypatch.setenv("E2E_SMTP_USER", "u")
    monkeypatch.setenv("E2E_SMTP_PASSWORD", "p")
    path = deliver_file(workdir, recorder, flaky, hanger, mailbox)
    server = servers(workdir, [drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--step",
                               "--journal", "dry.responses.yaml", "--no-record", "--no-reports", "--deliver", path, "--dry-run"]).start()
    facilitator = urllib.parse.urlparse(server.links["facilitator"]).path
    csrf = page(server.port, facilitator).split('name="csrf" value="')[1].split('"')[0]
    assert post(server.port, facilitator + "/do", {"op": "wait", "duration": "10m", "csrf": csrf}) == 303
    wait_for(lambda: "dry run, not sent" in open(os.path.join(workdir, "dry.responses.yaml"), encoding="utf-8").read()
             and "all-hands" in open(os.path.join(workdir, "dry.responses.yaml"), encoding="utf-8").read(), what="dry-run lines")
    server.stop()
    assert recorder.posts == [] and flaky.posts == [] and mailbox.messages == [] and hanger.held == []

    # The terminal console delivers the same way (line mode, --step).
    facilitate = run_gameday(workdir, "facilitate", drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--step",
                             "--journal", "console.responses.yaml", "--no-record", "--no-reports", "--deliver", path,
                             input="wait 10m\nend\n", timeout=120)
    assert facilitate.returncode in (0, 1), facilitate.stderr
    chats = [json.loads(p["body"])["text"] for p in recorder.posts if p["path"] == "/hook"]
    assert any("Status update" in t for t in chats) and any("Scan found a miner" in t for t in chats)
    journal = open(os.path.join(workdir, "console.responses.yaml"), encoding="utf-8").read()
    assert "→ team-chat 1/3: delivered (HTTP 200)" in journal
    assert "delivery to hang failed" in facilitate.stdout


def test_a_bad_delivery_file_is_refused_with_its_place(workdir):
    path = os.path.join(workdir, "bad.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("targets:\n  - {name: mail, kind: smtp, host: localhost, from: a@b.c, default_to: t@b.c, password: hunter2}\n"
                "  - {name: chat, kind: slak, url: 'http://127.0.0.1:9/x'}\n")
    result = run_gameday(workdir, "serve", drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--step",
                         "--no-record", "--deliver", path, "--port", "0")
    assert result.returncode == 2
    assert f"{path}:2:79: error: credentials never go in the delivery file" in result.stderr
    assert f"{path}:3:24: error: 'slak' is not a valid kind" in result.stderr and "did you mean 'slack'?" in result.stderr


def test_mail_goes_over_starttls_when_offered_and_never_logs_in_in_clear(workdir, servers, receivers, monkeypatch):
    # A certificate for 127.0.0.1, made for this test; the delivery file trusts it with ca_file.
    cert, key = os.path.join(workdir, "cert.pem"), os.path.join(workdir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    secure, plain = receivers(Mailbox, tls_context=context), receivers(Mailbox)
    monkeypatch.setenv("E2E_SMTP_USER", "gameday-user")
    monkeypatch.setenv("E2E_SMTP_PASSWORD", "s3cret-from-env")
    path = os.path.join(workdir, "deliver.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""targets:
  - {{name: secure, kind: smtp, host: 127.0.0.1, port: {secure.port}, ca_file: {cert}, from: gameday@example.test,
      default_to: team@example.test, username_env: E2E_SMTP_USER, password_env: E2E_SMTP_PASSWORD, channels: [alert]}}
  - {{name: strict, kind: smtp, host: 127.0.0.1, port: {plain.port}, tls: starttls, from: gameday@example.test,
      default_to: team@example.test, username_env: E2E_SMTP_USER, password_env: E2E_SMTP_PASSWORD, channels: [alert]}}
  - {{name: opportunistic, kind: smtp, host: 127.0.0.1, port: {plain.port}, from: gameday@example.test,
      default_to: team@example.test, username_env: E2E_SMTP_USER, password_env: E2E_SMTP_PASSWORD, channels: [alert]}}
retry: {{attempts: 2, backoff: 1s, timeout: 5s}}
""")
    server = servers(workdir, [drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--step",
                               "--journal", "tls.responses.yaml", "--no-record", "--no-reports", "--deliver", path]).start()
    facilitator = urllib.parse.urlparse(server.links["facilitator"]).path
    # The scan alert at T0: over STARTTLS to the server that offers it, credentials only inside TLS.
    wait_for(lambda: secure.messages, what="the alert over STARTTLS")
    assert secure.messages[0]["tls"] and "Scan found a miner" in secure.messages[0]["data"]
    assert secure.logins == [("gameday-user", "s3cret-from-env")]
    # tls: starttls to a server that does not offer it: nothing sent, no credentials, the facilitator told.
    wait_for(lambda: "delivery to strict failed for scan-alert (attempt 2 of 2)" in page(server.port, facilitator), timeout=30,
             what="the refused plain-text delivery")
    # The default, starttls-if-offered, with a login: STARTTLS is required too, so the password is never sent in clear
    # to a server that offers no STARTTLS (or to whoever strips the offer on the way).
    wait_for(lambda: "delivery to opportunistic failed for scan-alert (attempt 2 of 2)" in page(server.port, facilitator), timeout=30,
             what="the refused plain-text login")
    assert plain.messages == [] and plain.logins == []
    assert "s3cret-from-env" not in open(os.path.join(workdir, "tls.responses.yaml"), encoding="utf-8").read()
    server.stop()


def test_a_ca_file_that_cannot_be_read_is_refused_at_its_place(workdir):
    path = os.path.join(workdir, "deliver.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("targets:\n  - {name: m, kind: smtp, host: h, ca_file: nope.pem, from: a@b.c, default_to: c@d.e}\n")
    result = run_gameday(workdir, "serve", drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--deliver", path,
                         "--no-record", "--no-reports")
    assert result.returncode == 2
    assert f"{path}:2:45: error: cannot read the CA file 'nope.pem'" in result.stderr
