#!/usr/bin/env python3
"""Writes seed inputs for one fuzz target from the project's fixtures: usage: fuzz-seeds.py TARGET OUTDIR

yaml: every YAML file of the project (drills, scenarios, logs, invalid fixtures, the spec's examples, the
yaml-test-suite cases); drill, scenario, responses: the files of that kind; expression: every `check`, `if` and
`until` of the drills; command-line: every `do` and effect; journal: teams, roles and `do` lines in the journal
target's input format (team, then actions separated by U+001E; an action is ROLE U+001F LINE); runbook: the
runbooks and runbook fixtures (Markdown); aliases: every alias file.
"""
import hashlib
import os
import sys

import yaml

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FOLDERS = ["drills", "scenarios", "runbooks", "Sources/GameDayRunbook/Catalog", "Tests", "schema/tests", "../shared/spec/examples",
           "../shared/spec/examples-v1.1", "../shared/spec/runbook-examples"]


def yaml_files():
    for folder in FOLDERS:
        base = os.path.join(ROOT, folder)
        for current, dirs, names in os.walk(base):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.endswith((".yaml", ".yml")):
                    yield os.path.join(current, name)


def kind(path):
    parts = path.split(os.sep)
    if "scenarios" in parts:
        return "scenario"
    if "responses" in parts or path.endswith(".responses.yaml"):
        return "responses"
    return "drill"


def documents():
    for path in yaml_files():
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError:
            continue
        try:
            data = yaml.safe_load(raw)
        except Exception:
            data = None
        yield path, raw, data


def walk(value, keys, seen=None):
    """(key, value) for every key in `keys`, visiting each shared node once (the invalid fixtures hold alias bombs)."""
    seen = set() if seen is None else seen
    if isinstance(value, (dict, list)):
        if id(value) in seen:
            return
        seen.add(id(value))
    if isinstance(value, dict):
        for key, item in value.items():
            if key in keys and isinstance(item, (str, list)):
                yield key, item
            yield from walk(item, keys, seen)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, keys, seen)


def markdown_files():
    for folder in ["runbooks", "Tests/GameDayRunbookTests/Fixtures", "../shared/spec/runbook-examples"]:
        base = os.path.join(ROOT, folder)
        for current, dirs, names in os.walk(base):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.endswith(".md"):
                    yield os.path.join(current, name)


def seeds(target):
    if target == "runbook":
        for path in markdown_files():
            with open(path, "rb") as handle:
                yield handle.read()
        return
    for path, raw, data in documents():
        if target == "aliases":
            if isinstance(data, dict) and "aliases" in data or "aliases" in os.path.basename(path):
                yield raw
            continue
        if target == "yaml":
            yield raw
        elif target in ("drill", "scenario", "responses"):
            if kind(path) == target:
                yield raw
        elif target == "expression":
            for _, text in walk(data, {"check", "if", "until"}):
                if isinstance(text, str):
                    yield text.encode()
        elif target in ("command-line", "journal"):
            lines = []
            for key, value in walk(data, {"do", "effects"}):
                lines += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
            if target == "command-line":
                for line in lines:
                    yield line.encode()
            elif lines:
                team = data.get("team", "") if isinstance(data, dict) else ""
                roles = ["on-call", "security-lead", ""]
                actions = [(roles[i % 3] + "\x1f" if roles[i % 3] else "") + line for i, line in enumerate(lines)]
                yield (str(team or "") + "\x1e" + "\x1e".join(actions)).encode()


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    target, out = argv[1], argv[2]
    os.makedirs(out, exist_ok=True)
    count = 0
    for seed in seeds(target):
        name = hashlib.sha1(seed).hexdigest()
        with open(os.path.join(out, name), "wb") as handle:
            handle.write(seed)
        count += 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
