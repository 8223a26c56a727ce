#!/usr/bin/env python3
"""Validate gameday YAML files (scenarios, drills, response logs, alias files)
against the JSON Schemas in schema/.

usage: check-schemas.py [--expect-invalid] [--kind KIND] [--schema-dir DIR] FILE_OR_DIR...

Directories are searched recursively for *.yaml and *.yml (hidden folders are
skipped). The schema of each file is picked from its path, else its content:

  1. under a `scenarios/` folder                          -> scenario
  2. named `*.responses.yaml` or under a `responses/` folder -> responses
  3. first top-level key `scenario`                       -> scenario
  4. top-level `aliases` and neither `drill` nor `scenario` -> aliases
  5. top-level `drill` with `actions` or `injected`, or no `title` and only
     response-log keys                                    -> responses
  6. top-level `drill`, under a `drills/` folder, or not
     readable as YAML at all                              -> drill
  7. otherwise (a delivery config, any other tool's YAML) -> skipped: it is
     not a kind this script knows, and is reported as `PATH: skipped (...)`
(`--kind` forces one kind for every file, and then nothing is skipped.)

YAML is read the way the spec types it, not by YAML 1.1 rules: only `true` and
`false` are bools, only `-?[0-9]+` are integers, `-?[0-9]+.[0-9]+` are numbers
(for `weight`, `penalty`, `max_penalty`, ...), only plain `null`, `~` and
empty values are null; every other scalar (`yes`, `on`, `0:15`, `1e3`, dates)
is text. `<<` is an ordinary key. Duplicate keys, tags other than !!str !!int
!!bool !!null !!map !!seq, more than one document, nesting deeper than 64 and
more than 100 000 nodes (after alias expansion) are errors.

Output: one line per file, `PATH: ok`, or one `PATH: error at /json/pointer:
message (line L, column C)` line per error (`/` is the document root), then
exactly `N passed, M failed`.

With --expect-invalid every file must be REJECTED (negative tests): a rejected
file passes and prints `PATH: ok (rejected: ...)`. When such a file has a line
`# expect-error: TEXT`, one of its errors must contain TEXT.

Exit status: 0 when every file passed, 1 when some failed, 2 on a usage error,
a missing dependency or a broken schema.
"""
import argparse
import datetime
import decimal
import difflib
import json
import os
import re
import sys

try:
    import yaml
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode
except ImportError as exc:  # never skip silently
    print(f"check-schemas: PyYAML is required but cannot be imported ({exc}); "
          "install it with `pip install pyyaml` or `apt-get install python3-yaml`", file=sys.stderr)
    sys.exit(2)
try:
    import jsonschema
    from jsonschema import Draft7Validator, FormatChecker, ValidationError, validators
except ImportError as exc:
    print(f"check-schemas: jsonschema is required but cannot be imported ({exc}); "
          "install it with `pip install jsonschema` or `apt-get install python3-jsonschema`", file=sys.stderr)
    sys.exit(2)

KINDS = ("scenario", "drill", "responses", "aliases")
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 100_000

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
# Implicit decimals get a private tag so that an explicit `!!float` stays an error.
DECIMAL_TAG = "tag:gameday.invalid,2026:decimal"

INT_RE = re.compile(r"^-?[0-9]+$")
DECIMAL_RE = re.compile(r"^-?[0-9]+\.[0-9]+$")
BOOL_RE = re.compile(r"^(?:true|false)$")
NULL_RE = re.compile(r"^(?:~|null|)$")


class SpecLoader(yaml.SafeLoader):
    """SafeLoader whose implicit resolvers type plain scalars like the spec.

    Only `true`/`false` are bools, `-?[0-9]+` integers, `-?[0-9]+.[0-9]+`
    decimals, plain `null`/`~`/empty nulls; everything else (quoted scalars
    always) is a string. No merge key (`<<`), timestamps, floats, octals,
    sexagesimals or `yes`/`on`.
    """

    yaml_implicit_resolvers = {}


SpecLoader.add_implicit_resolver(BOOL_TAG, BOOL_RE, list("tf"))
SpecLoader.add_implicit_resolver(INT_TAG, INT_RE, list("-0123456789"))
SpecLoader.add_implicit_resolver(DECIMAL_TAG, DECIMAL_RE, list("-0123456789"))
SpecLoader.add_implicit_resolver(NULL_TAG, NULL_RE, ["~", "n", ""])


class Problem(Exception):
    """A file error: JSON pointer (list of tokens), message, optional (line, column)."""

    def __init__(self, pointer, message, mark=None):
        super().__init__(message)
        self.pointer = list(pointer)
        self.message = message
        self.mark = mark


def mark_of(yaml_mark):
    return (yaml_mark.line + 1, yaml_mark.column + 1) if yaml_mark is not None else None


class Document:
    """A YAML file turned into plain data, with the source position of every node."""

    def __init__(self, data, value_marks, key_marks, problems):
        self.data = data
        self.value_marks = value_marks  # tuple(pointer) -> (line, column) of the value
        self.key_marks = key_marks      # tuple(pointer) -> (line, column) of its mapping key
        self.problems = problems


def load_document(path):
    """Read PATH with SpecLoader and build data; raises Problem for fatal errors."""
    size = os.path.getsize(path)
    if size > MAX_FILE_BYTES:
        raise Problem([], f"the file is {size} bytes, more than the limit of {MAX_FILE_BYTES}")
    with open(path, "rb") as handle:
        raw = handle.read()
    loader = SpecLoader(raw)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        text = ", ".join(part for part in (exc.context, exc.problem) if part)
        raise Problem([], f"YAML: {text}", mark_of(exc.problem_mark or exc.context_mark))
    except yaml.YAMLError as exc:
        raise Problem([], f"YAML: {exc}")
    except RecursionError:
        raise Problem([], f"nesting deeper than {MAX_DEPTH}")
    finally:
        loader.dispose()
    if root is None:
        raise Problem([], "the file holds no YAML document")

    value_marks, key_marks, problems = {}, {}, []
    count = [0]

    def build(node, pointer, depth):
        count[0] += 1
        if count[0] > MAX_NODES:
            raise Problem(pointer, f"more than {MAX_NODES} nodes after alias expansion", mark_of(node.start_mark))
        value_marks.setdefault(tuple(pointer), mark_of(node.start_mark))
        if isinstance(node, ScalarNode):
            return scalar(node, pointer)
        if depth + 1 > MAX_DEPTH:
            raise Problem(pointer, f"nesting deeper than {MAX_DEPTH}", mark_of(node.start_mark))
        if isinstance(node, SequenceNode):
            if node.tag != SEQ_TAG:
                problems.append(Problem(pointer, f"tag {node.tag} is not allowed", mark_of(node.start_mark)))
            return [build(item, pointer + [str(i)], depth + 1) for i, item in enumerate(node.value)]
        if node.tag != MAP_TAG:
            problems.append(Problem(pointer, f"tag {node.tag} is not allowed", mark_of(node.start_mark)))
        result, first_seen = {}, {}
        for key_node, value_node in node.value:
            count[0] += 1
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(pointer, "a mapping key must be a scalar", mark_of(key_node.start_mark)))
                continue
            if key_node.tag not in (STR_TAG, INT_TAG, BOOL_TAG, NULL_TAG, DECIMAL_TAG):
                problems.append(Problem(pointer, f"tag {key_node.tag} is not allowed", mark_of(key_node.start_mark)))
            key = key_node.value  # a key is a name: its text as written
            child = pointer + [key]
            if key in result:
                line = first_seen[key][0]
                problems.append(Problem(child, f"duplicate key {key!r} (first at line {line})",
                                        mark_of(key_node.start_mark)))
                continue
            first_seen[key] = mark_of(key_node.start_mark)
            key_marks[tuple(child)] = first_seen[key]
            result[key] = build(value_node, child, depth + 1)
        return result

    def scalar(node, pointer):
        tag, value, mark = node.tag, node.value, mark_of(node.start_mark)
        if tag == STR_TAG:
            return value
        if tag == INT_TAG:
            if INT_RE.match(value) and "\n" not in value:
                return int(value, 10)
            problems.append(Problem(pointer, f"{value!r} is not an integer (-?[0-9]+)", mark))
            return value
        if tag == BOOL_TAG:
            if value in ("true", "false"):
                return value == "true"
            problems.append(Problem(pointer, f"{value!r} is not a bool (true or false)", mark))
            return value
        if tag == NULL_TAG:
            if value in ("", "~", "null"):
                return None
            problems.append(Problem(pointer, f"{value!r} is not null", mark))
            return value
        if tag == DECIMAL_TAG:
            return decimal.Decimal(value)
        problems.append(Problem(pointer, f"tag {tag} is not allowed (only !!str, !!int, !!bool, !!null, !!map, !!seq)", mark))
        return value

    data = build(root, [], 0)
    return Document(data, value_marks, key_marks, problems)


# ---------------------------------------------------------------- schemas

def ecma_regex(pattern):
    """Translate an ECMA-262 pattern for Python's re: `$` means end of input
    (Python's `$` also matches before a final newline)."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "$":
            ch = r"\Z"
        out.append(ch)
        i += 1
    return re.compile("".join(out))


_regex_cache = {}


def pattern_keyword(validator, pattern, instance, schema):
    if not validator.is_type(instance, "string"):
        return
    regex = _regex_cache.get(pattern)
    if regex is None:
        regex = _regex_cache[pattern] = ecma_regex(pattern)
    if not regex.search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


SpecValidator = validators.extend(Draft7Validator, {"pattern": pattern_keyword})

format_checker = FormatChecker(formats=())


@format_checker.checks("date-time", raises=ValueError)
def is_date_time(value):
    if not isinstance(value, str):
        return True
    text = value.upper()
    text = re.sub(r":60(?=[.Z+-])", ":59", text)  # a leap second is a valid RFC 3339 time
    datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return True


def load_schemas(schema_dir):
    schemas = {}
    for kind in KINDS:
        path = os.path.join(schema_dir, f"{kind}.schema.json")
        try:
            with open(path, encoding="utf-8") as handle:
                schema = json.load(handle)
            Draft7Validator.check_schema(schema)
        except (OSError, ValueError, jsonschema.SchemaError) as exc:
            print(f"check-schemas: cannot use {path}: {exc}", file=sys.stderr)
            sys.exit(2)
        schemas[kind] = schema
    # The schema files are self-contained for editors; a definition they share
    # must be the same everywhere.
    seen = {}
    for kind, schema in schemas.items():
        for name, definition in schema.get("definitions", {}).items():
            if name in seen and seen[name][1] != definition:
                print(f"check-schemas: definition {name!r} differs between {seen[name][0]}.schema.json "
                      f"and {kind}.schema.json; keep shared definitions identical", file=sys.stderr)
                sys.exit(2)
            seen.setdefault(name, (kind, definition))
    return {kind: SpecValidator(schema, format_checker=format_checker) for kind, schema in schemas.items()}


# ---------------------------------------------------------------- kinds

RESPONSE_KEYS = {"drill", "team", "started", "ended_at", "actions", "injected"}


def kind_of(path, data):
    parts = os.path.normpath(os.path.abspath(path)).split(os.sep)
    folders, base = parts[:-1], parts[-1]
    if "scenarios" in folders:
        return "scenario"
    if base.endswith((".responses.yaml", ".responses.yml")) or "responses" in folders:
        return "responses"
    if isinstance(data, dict) and data:
        keys = list(data)
        if keys[0] == "scenario":
            return "scenario"
        if "aliases" in data and "drill" not in data and "scenario" not in data:
            return "aliases"
        if "drill" in data and ("actions" in data or "injected" in data
                                or ("title" not in data and set(keys) <= RESPONSE_KEYS)):
            return "responses"
        if "drill" in data:
            return "drill"
    if data is None or "drills" in folders:
        return "drill"
    return None  # not a kind this script knows: another tool's file


# ---------------------------------------------------------------- messages

def describe_value(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the bool {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, decimal.Decimal):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def describe_types(types):
    types = [types] if isinstance(types, str) else list(types)
    words = []
    if "string" in types:
        words.append("text")
    elif "boolean" in types and len(types) == 1:
        words.append("true or false")
    else:
        names = {"integer": "an integer", "number": "a number", "boolean": "true or false"}
        words += [names[t] for t in ("integer", "number", "boolean") if t in types]
    if "integer" in types and "string" not in types and "number" not in types:
        words[-1] = "an integer (plain, -?[0-9]+)"
    names = {"object": "a mapping", "array": "a list", "null": "null"}
    words += [names[t] for t in ("object", "array", "null") if t in types]
    return " or ".join(words)


def hint(word, candidates):
    close = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def pointer_text(tokens):
    if not tokens:
        return "/"
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def explain(error):
    """Yield (pointer tokens, message, use_key_mark) for one jsonschema error."""
    pointer = list(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance, validator = error.instance, error.validator
    if error.context:
        best = jsonschema.exceptions.best_match(error.context)
        yield from explain(best)
        return
    if "propertyNames" in error.absolute_schema_path:
        pointer.append(instance)  # the offending key itself
        yield pointer, f"bad name {instance!r}: {schema.get('patternErrorMessage', error.message)}", True
        return
    if isinstance(schema.get("errorMessage"), str):
        message = schema["errorMessage"]
        if validator == "required":
            message += f" (missing {error.message.split(chr(39))[1]!r})"
        yield pointer, message, False
        return
    if (validator in ("type", "minimum", "minLength") and "patternErrorMessage" in schema
            and instance is not None and not isinstance(instance, (list, dict))):
        yield pointer, f"{instance!r}: {schema['patternErrorMessage']}", False
        return
    if validator == "additionalProperties" and isinstance(instance, dict):
        known = list(schema.get("properties", {}))
        extras = [k for k in instance if k not in known]
        for key in extras:
            yield pointer + [key], f"unknown field {key!r}{hint(key, known)}", True
        return
    if validator == "type":
        yield pointer, f"expected {describe_types(error.validator_value)}, got {describe_value(instance)}", False
        return
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield pointer, f"missing required field {missing!r}", False
        return
    if validator == "dependencies":
        for prop, needs in error.validator_value.items():
            if prop in instance:
                for need in needs:
                    if need not in instance:
                        yield pointer, f"{prop!r} needs {need!r} as well", False
        return
    if validator == "enum":
        values = error.validator_value
        yield pointer, (f"{describe_value(instance)} is not one of "
                        f"{', '.join(map(str, values))}{hint(instance, values)}"), False
        return
    if validator == "pattern":
        message = schema.get("patternErrorMessage")
        yield pointer, f"{instance!r}: {message}" if message else error.message, False
        return
    if validator == "minLength" and instance == "":
        yield pointer, "must not be empty", False
        return
    if validator in ("exclusiveMinimum", "minimum", "maximum", "exclusiveMaximum"):
        words = {"exclusiveMinimum": "more than", "minimum": "at least",
                 "maximum": "at most", "exclusiveMaximum": "less than"}
        yield pointer, f"{instance} must be {words[validator]} {error.validator_value}", False
        return
    if validator == "uniqueItems":
        seen, dups = [], []
        for item in instance:
            if item in seen and item not in dups:
                dups.append(item)
            seen.append(item)
        yield pointer, f"duplicate entries: {', '.join(map(str, dups))}", False
        return
    if validator == "format":
        yield pointer, f"{instance!r} is not a valid {error.validator_value}", False
        return
    yield pointer, error.message, False


def check_file(path, validators_by_kind, forced_kind):
    """Return (kind, [(pointer tokens, message, (line, column) or None)])."""
    try:
        doc = load_document(path)
    except Problem as problem:
        return forced_kind or kind_of(path, None), [(problem.pointer, problem.message, problem.mark)]
    except OSError as exc:
        return forced_kind or kind_of(path, None), [([], f"cannot read: {exc.strerror}", None)]
    kind = forced_kind or kind_of(path, doc.data if doc.data is not None else {})
    if kind is None:
        return None, []
    found = [(p.pointer, p.message, p.mark) for p in doc.problems]
    for error in validators_by_kind[kind].iter_errors(doc.data):
        for pointer, message, at_key in explain(error):
            key = tuple(str(t) for t in pointer)
            mark = (doc.key_marks.get(key) if at_key else None) or doc.value_marks.get(key)
            found.append((pointer, message, mark))
    unique = []
    for item in found:
        if item not in unique:
            unique.append(item)
    unique.sort(key=lambda item: (item[2] or (0, 0), pointer_text(item[0])))
    return kind, unique


def render(path, pointer, message, mark):
    where = f" (line {mark[0]}, column {mark[1]})" if mark else ""
    return f"{path}: error at {pointer_text(pointer)}: {message}{where}"


def collect(paths):
    files, missing = [], []
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files += [os.path.join(folder, n) for n in sorted(names) if n.endswith((".yaml", ".yml"))]
        elif os.path.isfile(path):
            files.append(path)
        else:
            missing.append(path)
    return files, missing


def expected_error(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                match = re.match(r"\s*#\s*expect-error:\s*(.+?)\s*$", line)
                if match:
                    return match.group(1)
    except OSError:
        pass
    return None


def main(argv):
    parser = argparse.ArgumentParser(
        prog="check-schemas.py",
        description="Validate gameday scenarios, drills, response logs and alias files against schema/*.schema.json.")
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    parser.add_argument("--expect-invalid", action="store_true",
                        help="every file must fail validation (negative tests)")
    parser.add_argument("--kind", choices=KINDS, help="validate every file as this kind")
    parser.add_argument("--schema-dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schema"),
                        help="folder holding the *.schema.json files (default: ../schema beside this script)")
    args = parser.parse_args(argv)

    validators_by_kind = load_schemas(os.path.normpath(args.schema_dir))
    files, missing = collect(args.paths)
    for path in missing:
        print(f"check-schemas: no such file or directory: {path}", file=sys.stderr)
    if missing:
        return 2
    if not files:
        print("check-schemas: no .yaml or .yml files found in " + ", ".join(args.paths), file=sys.stderr)
        return 2

    passed = failed = 0
    for path in files:
        kind, errors = check_file(path, validators_by_kind, args.kind)
        if kind is None:
            print(f"{path}: skipped (not a scenario, drill, response log or alias catalog)")
            if args.expect_invalid:
                failed += 1
            continue
        if not args.expect_invalid:
            if errors:
                failed += 1
                for pointer, message, mark in errors:
                    print(render(path, pointer, message, mark))
            else:
                passed += 1
                print(f"{path}: ok")
            continue
        wanted = expected_error(path)
        lines = [render(path, *error) for error in errors]
        if not errors:
            failed += 1
            print(f"{path}: error at /: expected the {kind} schema to reject this file, but it is valid")
        elif wanted and not any(wanted in line for line in lines):
            failed += 1
            print(f"{path}: error at /: expected an error containing {wanted!r}, got:")
            for line in lines:
                print("    " + line)
        else:
            passed += 1
            first = lines[0][len(path) + 2:]
            print(f"{path}: ok (rejected as {kind}: {first})")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
