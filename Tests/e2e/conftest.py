"""Shared helpers of the game day server's end-to-end tests: the built gameday binary, servers it starts, headless
Chromium sessions with their own HOME and XDG folders, and temporary folders that are always removed."""
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests", "e2e", "fixtures")
GAMEDAY = os.environ.get("GAMEDAY_BIN", os.path.join(ROOT, ".build", "debug", "gameday"))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout=20.0, interval=0.1, what="the condition"):
    """Polls predicate until it returns something truthy; fails the test after timeout seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception as error:  # a page being replaced mid-read: try again
            last = error
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})")


@pytest.fixture
def workdir():
    """A temporary folder (under TMPDIR), removed after the test whatever happens."""
    path = tempfile.mkdtemp(prefix="gameday-e2e-")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def environment(workdir):
    env = dict(os.environ)
    home = os.path.join(workdir, "home")
    os.makedirs(home, exist_ok=True)
    env["GAMEDAY_HOME"] = os.path.join(workdir, "gameday-home")
    env["HOME"] = home
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        env[name] = os.path.join(home, name.lower())
    env["TMPDIR"] = workdir
    return env


class Server:
    """One `gameday serve` process: its links, its output, and a stop that always reaps it."""

    def __init__(self, workdir, args, port=None):
        self.workdir = workdir
        self.args = args
        self.port = port or free_port()
        self.process = None
        self.links = {}
        self.output = []

    def start(self, extra=()):
        command = [GAMEDAY, "serve", *self.args, "--port", str(self.port), *extra]
        self.process = subprocess.Popen(command, cwd=self.workdir, env=environment(self.workdir), stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        self.links = {}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                raise AssertionError("gameday serve stopped: " + self.process.stderr.read())
            self.output.append(line)
            match = re.match(r"^(participant [^:]+|facilitator|scribe|wall): (http://\S+)$", line.strip())
            if match:
                self.links[match.group(1)] = match.group(2)
            if "wall" in self.links:
                return self
        raise AssertionError("gameday serve printed no links")

    def read_rest(self, timeout=60):
        """Everything the process prints until it exits (after stop or kill)."""
        out, err = self.process.communicate(timeout=timeout)
        return out, err

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.communicate(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.communicate(timeout=30)


@pytest.fixture
def servers():
    """Starts servers for a test and stops every one of them at its end."""
    started = []

    def make(workdir, args, port=None):
        server = Server(workdir, args, port)
        started.append(server)
        return server

    try:
        yield make
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def browsers(workdir):
    """Headless Chromium sessions through chromedriver, each with its own profile; all quit at the end."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opened = []

    def make(width=1000, height=1200):
        index = len(opened)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                         "--disable-extensions", "--disable-background-networking", "--disable-sync",
                         f"--user-data-dir={os.path.join(workdir, f'chromium-{index}')}", f"--window-size={width},{height}"):
            options.add_argument(argument)
        service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver", env=environment(workdir),
                          log_output=subprocess.DEVNULL)
        driver = webdriver.Chrome(options=options, service=service)
        driver.set_page_load_timeout(30)
        opened.append(driver)
        return driver

    try:
        yield make
    finally:
        for driver in opened:
            try:
                driver.quit()
            except Exception:
                pass


def drill_path(name="room-drill"):
    return os.path.join(FIXTURES, "drills", f"{name}.yaml")


def scenarios_path():
    return os.path.join(FIXTURES, "scenarios")


def run_gameday(workdir, *args, input=None, timeout=120):
    return subprocess.run([GAMEDAY, *args], cwd=workdir, env=environment(workdir), input=input, capture_output=True,
                          text=True, timeout=timeout)
