"""A whole game day under --step in five real browser sessions: facilitator, scribe, two participants and the wall."""
import json
import os

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import drill_path, run_gameday, scenarios_path, wait_for


def text_of(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def injects_shown(driver):
    return [li.get_attribute("data-inject") for li in driver.find_elements(By.CSS_SELECTOR, "#messages li[data-inject]")]


def submit(driver, op, **fields):
    """Clicks the button of the form whose hidden op is `op` (and whose hidden fields match)."""
    for form in driver.find_elements(By.CSS_SELECTOR, "form"):
        ops = [i.get_attribute("value") for i in form.find_elements(By.CSS_SELECTOR, "input[name=op]")]
        if op not in ops:
            continue
        if all(form.find_elements(By.CSS_SELECTOR, f"input[name={k}][value='{v}']") for k, v in fields.items()):
            form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            return
    raise AssertionError(f"no form for {op} {fields} on {driver.current_url}")


def journal(workdir):
    with open(os.path.join(workdir, "game.responses.yaml"), encoding="utf-8") as f:
        return f.read()


def test_a_whole_game_day_in_five_browsers(workdir, servers, browsers):
    args = [drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--step", "--journal", "game.responses.yaml",
            "--no-record", "--out", "debrief"]
    server = servers(workdir, args).start()
    assert set(server.links) == {"participant on-call", "participant security-lead", "facilitator", "scribe", "wall"}
    tokens = {link.rsplit("/", 1)[1] for link in server.links.values()}
    assert len(tokens) == 5 and all(len(t) == 64 for t in tokens)

    facilitator, scribe, oncall, security, wall = (browsers() for _ in range(5))
    pages = {"facilitator": facilitator, "scribe": scribe, "participant on-call": oncall,
             "participant security-lead": security, "wall": wall}
    for name, driver in pages.items():
        driver.get(server.links[name])
    for driver in pages.values():
        wait_for(lambda d=driver: text_of(d, "conn") == "live", what="the live feed")

    # T0: the scan alert goes to the on-call only.
    wait_for(lambda: injects_shown(oncall) == ["scan-alert"], what="the scan alert on the on-call's page")
    assert injects_shown(security) == []
    assert "Scan found a miner" in text_of(oncall, "messages")
    # The world sheet has no spoilers, and the search finds a name.
    sheet = oncall.find_element(By.ID, "sheet").text
    assert "ghcr-push-token" in sheet and "payments-api:evil" in sheet
    assert "malicious" not in sheet and "exposed" not in sheet and "compromised" not in sheet
    oncall.find_element(By.ID, "sheet-filter").send_keys("push-token")
    wait_for(lambda: [li.text for li in oncall.find_elements(By.CSS_SELECTOR, "#sheet li") if li.is_displayed()]
             and all("push-token" in li.text for li in oncall.find_elements(By.CSS_SELECTOR, "#sheet li") if li.is_displayed()),
             what="the world sheet's filter")

    # The facilitator moves the clock to 5m: the vendor's mail reaches the security lead, the alert repeats for the on-call.
    submit(facilitator, "wait")
    wait_for(lambda: injects_shown(security) == ["vendor-mail"], what="the vendor mail on the security lead's page")
    wait_for(lambda: injects_shown(oncall) == ["scan-alert", "scan-alert"], what="the repeated alert")
    assert "T+05:00" in text_of(wall, "clock")

    # The on-call asks the scribe to acknowledge; the scribe records it; the answer comes back and the journal has it.
    oncall.find_element(By.ID, "ask").send_keys("ack scan-alert")
    oncall.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(lambda: "ack scan-alert" in text_of(scribe, "pending"), what="the request on the scribe's page")
    wait_for(lambda: "Waiting for the scribe" in text_of(oncall, "asked"), what="the participant's pending request")
    request = scribe.find_element(By.CSS_SELECTOR, "#pending li.request")
    request.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(lambda: "on-call $ ack scan-alert — applied" in text_of(scribe, "answers"), what="the scribe's answer")
    assert "{at: 5m1s, by: on-call, do: 'ack scan-alert'}" in journal(workdir)
    wait_for(lambda: text_of(oncall, "asked") == "", what="the request leaving the participant's page")

    # A mistyped entry is held and struck before it applies; the struck entry stays in the journal as a comment.
    scribe.find_element(By.ID, "line").send_keys("security-lead: revoke-key prod-signin")
    scribe.find_element(By.CSS_SELECTOR, "button[value=hold]").click()
    wait_for(lambda: "revoke-key prod-signin" in text_of(scribe, "pending"), what="the held entry")
    held = scribe.find_element(By.CSS_SELECTOR, "#pending li.draft").get_attribute("data-entry")
    submit(scribe, "strike", n=held)
    wait_for(lambda: "revoke-key prod-signin" not in text_of(scribe, "pending"), what="the struck entry going")
    text = journal(workdir)
    assert f"# draft {held} at 5m1s by security-lead: revoke-key prod-signin" in text
    assert f"# struck {held}" in text and "do: 'revoke-key prod-signin'" not in text

    # Completion, then the right command recorded at a time the scribe gives; a rejected one is answered with its reason.
    scribe.find_element(By.ID, "line").send_keys("at 6m security-lead: revoke-key prod-si")
    scribe.find_element(By.CSS_SELECTOR, "button[value=complete]").click()
    wait_for(lambda: scribe.find_element(By.ID, "line").get_attribute("value") == "at 6m security-lead: revoke-key prod-signing ",
             what="completion of the key's name")
    scribe.find_element(By.CSS_SELECTOR, "button[value=record]").click()
    wait_for(lambda: "security-lead $ revoke-key prod-signing — applied" in text_of(scribe, "answers"), what="the revoke")
    scribe.find_element(By.ID, "line").send_keys("on-call: cordon prod-eu-9")
    scribe.find_element(By.CSS_SELECTOR, "button[value=record]").click()
    wait_for(lambda: "REJECTED: node 'prod-eu-9' not found" in text_of(scribe, "answers"), what="the rejection")
    assert "{at: 6m, by: security-lead, do: 'revoke-key prod-signing'}" in journal(workdir)

    # A free-text decision, with its role and time.
    scribe.find_element(By.ID, "decision-text").send_keys("Rotate every signing key today")
    scribe.find_element(By.CSS_SELECTOR, "#decision-role option[value=security-lead]").click()
    scribe.find_element(By.ID, "decision-at").send_keys("7m")
    scribe.find_element(By.ID, "decision-text").submit()
    wait_for(lambda: "{at: 7m, by: security-lead, do: 'note ''Decision: Rotate every signing key today'''}" in journal(workdir),
             what="the decision in the journal")

    # 10m: a chat to everyone, on both participants' pages and on the wall; its script is shown, never run.
    submit(facilitator, "wait")
    wait_for(lambda: "all-hands" in injects_shown(security) and "all-hands" in injects_shown(oncall), what="the chat to everyone")
    assert "<script>window.pwned = 1</script>" in text_of(oncall, "messages")
    wait_for(lambda: "<script>window.pwned = 1</script>" in text_of(wall, "injects"), what="the chat on the wall")
    for driver in pages.values():
        assert driver.execute_script("return window.pwned === undefined")
    assert "Room drill <i>for</i> the browser tests" in facilitator.title

    # 12m: the attacker's silent move: the facilitator sees it, the wall and the participants never do.
    submit(facilitator, "wait")
    wait_for(lambda: "attacker-move" in text_of(facilitator, "log"), what="the silent move on the facilitator's page")
    wait_for(lambda: "T+12:00" in text_of(wall, "clock"), what="the wall's clock at 12m")
    wall_text = wall.find_element(By.TAG_NAME, "body").text
    for text in [wall_text, text_of(oncall, "messages"), text_of(security, "messages")]:
        assert "attacker" not in text and "compromise" not in text and "silent" not in text
    assert injects_shown(oncall) == ["all-hands", "scan-alert", "scan-alert"]  # newest first
    assert len(wall.find_elements(By.CSS_SELECTOR, "#injects li")) == 4
    assert "in acknowledged" not in wall_text and "state ==" not in wall_text
    assert "MET" not in wall_text and "OPEN" not in wall_text and "met at" not in wall_text
    assert "The signing key is revoked" in text_of(wall, "deadlines")
    assert "met at T+06:00" in text_of(facilitator, "deadlines")

    # The server is killed; it resumes from its journal on the same port, and every page reconnects by itself.
    server.kill()
    for driver in pages.values():
        wait_for(lambda d=driver: text_of(d, "conn") != "live", what="the pages noticing the server went away")
    server.args = [drill_path(), "--scenarios", scenarios_path(), "--step", "--resume", "game.responses.yaml", "--no-record",
                   "--out", "debrief"]
    links = dict(server.links)
    server.start()
    assert server.links == links
    for driver in pages.values():
        wait_for(lambda d=driver: text_of(d, "conn") == "live", timeout=30, what="the pages reconnecting")
    assert "T+12:00" in text_of(wall, "clock")
    facilitator.find_element(By.ID, "wait-for").send_keys("3m")
    facilitator.find_element(By.ID, "wait-for").submit()
    wait_for(lambda: "T+15:00" in text_of(oncall, "clock") and "T+15:00" in text_of(wall, "clock"), what="the clock on the reconnected pages")

    # The end: the wall shows the score and the debrief's link; the debrief opens.
    submit(facilitator, "end")
    wait_for(lambda: "Score" in text_of(wall, "result"), timeout=60, what="the score on the wall")
    wall.find_element(By.LINK_TEXT, "Read the debrief").click()
    wait_for(lambda: "Room drill" in wall.title, what="the debrief")
    # A stepped session's debrief says so and gives drill times only, never a wall-clock time that did not happen.
    debrief = wall.find_element(By.TAG_NAME, "body").text
    assert "live, stepped" in debrief and "T+06:00" in debrief
    assert " UTC" not in debrief
    assert "# pace: step" in journal(workdir)
    server.stop()

    # The journal replays with gameday run to the identical report.
    replay = run_gameday(workdir, "run", drill_path(), "--scenarios", scenarios_path(), "--responses", "game.responses.yaml",
                         "--no-record", "--out", "replayed")
    assert replay.returncode in (0, 1), replay.stderr
    with open(os.path.join(workdir, "debrief", "report.json"), encoding="utf-8") as f:
        live = json.load(f)
    with open(os.path.join(workdir, "replayed", "report.json"), encoding="utf-8") as f:
        replayed = json.load(f)
    assert live == replayed
    with open(os.path.join(workdir, "replayed", "report.html"), encoding="utf-8") as f:
        replayed_html = f.read()
    assert "live, stepped" in replayed_html and "replayed from its journal" in replayed_html and " UTC" not in replayed_html
    assert [a["do"] for a in live["actions"]] == ["ack scan-alert", "revoke-key prod-signing", "cordon prod-eu-9",
                                                       "note 'Decision: Rotate every signing key today'"]


def test_every_page_reads_on_a_phone_and_every_control_has_a_label(workdir, servers, browsers):
    server = servers(workdir, [drill_path(), "--scenarios", scenarios_path(), "--team", "blue", "--step", "--journal",
                               "phone.responses.yaml", "--no-record", "--no-reports"]).start()
    phone = browsers(width=390, height=844)
    for name, link in server.links.items():
        phone.get(link)
        wait_for(lambda: text_of(phone, "conn") == "live", what=f"the live feed of the {name}'s page")
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), name
        wide = phone.execute_script("return Array.from(document.querySelectorAll('main *')).filter(function(e){"
                                    "var r=e.getBoundingClientRect();return r.width>0&&r.right>window.innerWidth+1;}).length")
        assert wide == 0, name
        # Every visible field is labelled, every button says what it does (keyboard and screen-reader use).
        unlabelled = phone.execute_script(
            "return Array.from(document.querySelectorAll('input:not([type=hidden]),select')).filter(function(e){"
            "return !(e.id&&document.querySelector('label[for=\"'+e.id+'\"]'))&&!e.getAttribute('aria-label');}).map(function(e){return e.outerHTML;})")
        assert unlabelled == [], (name, unlabelled)
        assert all(b.text.strip() for b in phone.find_elements(By.CSS_SELECTOR, "button")), name
        # The first control is reached with Tab.
        if name != "wall":
            phone.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
            assert phone.execute_script("return document.activeElement.matches('input,button,select,a')"), name
