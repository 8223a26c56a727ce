#!/usr/bin/env python3
"""Writes Tests/HardeningTests/Fixtures/yaml-conformance.json: YAML syntax cases written for this project, each
with the verdict of PyYAML's pure-Python parser (an implementation independent of libyaml and of gameday): valid,
or invalid at a 1-based line. The Swift test (YAMLConformanceTests) loads every case with gameday's YAML loader:
a valid case must not be refused as invalid YAML, an invalid one must be refused as invalid YAML at the same line,
and none may crash or hang. Re-run this script after adding a case; review the diff.
"""
import json
import os
import sys

import yaml

CASES = [
    # name, yaml text
    ("block-mapping", "a: 1\nb: two\n"),
    ("block-sequence", "- a\n- b\n-\n  - nested\n"),
    ("flow-mapping", "{a: 1, b: [x, y], c: {d: e}}\n"),
    ("flow-sequence", "[a, 'b', \"c\", [d], {e: f}]\n"),
    ("empty-flow", "a: []\nb: {}\n"),
    ("trailing-comma-flow", "[a, b, ]\n"),
    ("anchors-and-aliases", "base: &b {x: 1}\nuse: *b\nlist: [*b, *b]\n"),
    ("anchor-on-scalar", "a: &s text\nb: *s\n"),
    ("undefined-alias", "a: *nothing\n"),
    ("alias-as-key", "a: &k key\n*k : value\n"),
    ("explicit-key", "? complex key\n: value\n"),
    ("explicit-key-sequence", "? - a\n  - b\n: value\n"),
    ("literal-block", "text: |\n  line one\n  line two\n"),
    ("folded-block", "text: >\n  folded\n  lines\n\n  para\n"),
    ("literal-strip-keep", "a: |-\n  x\nb: |+\n  y\n\n"),
    ("literal-indent-indicator", "a: |2\n   two more\n"),
    ("block-scalar-bad-indent", "a: |\n    deep\n  shallow\n"),
    ("single-quoted-escape", "a: 'it''s'\n"),
    ("double-quoted-escapes", "a: \"tab\\t nl\\n \\u00e9 \\x41 \\U0001F600 \\\\ \\\"\"\n"),
    ("double-quoted-bad-escape", "a: \"\\q\"\n"),
    ("double-quoted-unterminated", "a: \"never closed\nb: c\n"),
    ("single-quoted-unterminated", "a: 'never closed\n"),
    ("multiline-plain", "a: one\n  two\n  three\n"),
    ("multiline-double-quoted", "a: \"one\n  two\"\n"),
    ("comment-lines", "# heading\na: 1 # trailing\n# end\n"),
    ("comment-without-space", "a: 1#not a comment\n"),
    ("document-markers", "---\na: 1\n...\n"),
    ("two-documents", "---\na: 1\n---\nb: 2\n"),
    ("yaml-directive", "%YAML 1.1\n---\na: 1\n"),
    ("yaml-directive-twice", "%YAML 1.1\n%YAML 1.1\n---\na: 1\n"),
    ("tag-directive", "%TAG !e! tag:example.com,2026:\n---\na: !e!x 1\n"),
    ("undefined-tag-handle", "a: !e!x 1\n"),
    ("standard-tags", "a: !!str 1\nb: !!int 2\nc: !!map {}\nd: !!seq []\n"),
    ("verbatim-tag", "a: !<tag:yaml.org,2002:str> x\n"),
    ("directive-without-document", "%YAML 1.1\na: 1\n"),
    ("bad-indentation", "a:\n  b: 1\n c: 2\n"),
    ("sequence-in-mapping-bad-indent", "a:\n  - 1\n - 2\n"),
    ("mapping-after-scalar", "a: b: c\n"),
    ("tab-indentation", "a:\n\tb: 1\n"),
    ("tab-after-colon", "a:\tb\n"),
    ("tab-in-flow", "[a,\tb]\n"),
    ("unclosed-flow-sequence", "a: [1, 2\nb: 3\n"),
    ("unclosed-flow-mapping", "a: {b: 1\n"),
    ("extra-closing-bracket", "a: [1]]\n"),
    ("flow-missing-comma", "{a: 1 b: 2}\n"),
    ("colon-in-plain", "url: http://example.com:8080/x\n"),
    ("plain-starting-with-indicator", "a: @x\n"),
    ("plain-starting-with-backtick", "a: `x`\n"),
    ("plain-with-hash", "a: b#c\n"),
    ("dash-without-space", "-a\n"),
    ("empty-values", "a:\nb: ~\nc: null\n"),
    ("key-only-document", "a\n"),
    ("long-simple-key", "k" * 1100 + ": v\n"),
    ("long-explicit-key", "? " + "k" * 1100 + "\n: v\n"),
    ("crlf-line-breaks", "a: 1\r\nb:\r\n  - x\r\n"),
    ("cr-line-breaks", "a: 1\rb: 2\r"),
    ("bom-then-document", "\ufeffa: 1\n"),
    ("bom-in-the-middle", "a: 1\n\ufeffb: 2\n"),
    ("nel-and-line-separator", "a: one\u0085b: two\u2028c: three\n"),
    ("control-character", "a: b\u0007c\n"),
    ("delete-character", "a: b\u007fc\n"),
    ("wide-characters", "漢字: 値\nemoji: 😀\n"),
    ("combining-marks", "e\u0301: a\u0301\n"),
    ("private-use", "a: \ue000\n"),
    ("deep-flow", "[" * 30 + "]" * 30 + "\n"),
    ("deep-block", "".join("  " * i + "k%d:\n" % i for i in range(30)) + "  " * 30 + "v\n"),
    ("anchor-without-node", "a: &x\nb: 1\n"),
    ("alias-with-anchor", "a: &x 1\nb: &y *x\n"),
    ("question-mark-plain", "a: ?x\n"),
    ("flow-key-with-colon", "{a:1}\n"),
    ("quoted-key", "'a': 1\n\"b\": 2\n"),
    ("empty-document", ""),
    ("only-comments", "# nothing\n"),
    ("document-end-only", "...\n"),
    ("stray-document-end", "a: 1\n...\nb: 2\n"),
    ("invalid-utf8", None),
    ("nul-byte", "a: \u0000\n"),
    ("reserved-directive", "%FOO bar\n---\na: 1\n"),
    ("set-syntax", "? a\n? b\n"),
    ("block-in-flow", "[a, - b]\n"),
    ("mapping-in-sequence-compact", "- a: 1\n  b: 2\n- c: 3\n"),
    ("sequence-of-sequences", "- - a\n  - b\n- - c\n"),
    ("indented-top-level-sequence", "a:\n- b\n- c\n"),
]

RAW = {"invalid-utf8": b"a: \xff\xfe\n"}

# Where PyYAML (YAML 1.1) and the YAML 1.2 specification disagree, the verdict is the specification's, with why.
OVERRIDES = {
    "tab-after-colon": ({"valid": True}, "YAML 1.2 (6.2): a tab is separation white space after the colon; PyYAML refuses it"),
    "tab-in-flow": ({"valid": True}, "YAML 1.2 (6.2): a tab separates flow entries; PyYAML refuses it"),
    "bom-in-the-middle": ({"valid": False, "line": 2}, "YAML 1.2 (5.2): a byte-order mark may not appear inside a document; PyYAML takes it as text"),
    "reserved-directive": ({"valid": False, "line": 1},
                           "YAML 1.2 (6.8.1) says to ignore a reserved directive with a warning; libyaml refuses it, which is stricter and safe"),
}


def verdict(data):
    try:
        for _ in yaml.parse(data, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return {"valid": False, "line": mark.line + 1 if mark else 1, "problem": error.problem}
    except yaml.YAMLError as error:
        # A reader error (a character YAML forbids) has a position, not a mark.
        position = getattr(error, "position", 0)
        text = data if isinstance(data, bytes) else data.encode()
        line = 1 + text[:position].count(b"\n") if isinstance(data, bytes) else 1 + data[:position].count("\n")
        return {"valid": False, "line": line, "problem": str(error).splitlines()[0]}
    return {"valid": True}


def main():
    out = []
    for name, text in CASES:
        data = RAW.get(name, text)
        entry = {"name": name}
        if isinstance(data, bytes):
            entry["bytes"] = list(data)
        else:
            entry["yaml"] = data
        entry.update(verdict(data))
        entry["reference"] = "PyYAML"
        if name in OVERRIDES:
            expected, why = OVERRIDES[name]
            for key in ("valid", "line", "problem"):
                entry.pop(key, None)
            entry.update(expected)
            entry["reference"] = why
        out.append(entry)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "HardeningTests", "Fixtures", "yaml-conformance.json")
    with open(os.path.normpath(path), "w", encoding="utf-8") as handle:
        json.dump(out, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    print(f"{len(out)} cases, {sum(1 for e in out if not e['valid'])} invalid")


if __name__ == "__main__":
    sys.exit(main())
