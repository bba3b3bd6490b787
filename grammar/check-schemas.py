#!/usr/bin/env python3
"""Check the callflow JSON Schemas and the example files under flows/.

  1. each schema in grammar/ is valid under the JSON Schema 2020-12 metaschema;
  2. every flow file (a YAML mapping with a top-level `callflow` key) under
     flows/ is valid under callflow.schema.json, every include file (under a
     `shared/` folder) under callflow-include.schema.json, and every
     `*.tests.yaml` under scenario.schema.json;
  3. a few deliberately wrong documents embedded below are rejected, and a few
     right ones (a complete example flow among them) are accepted.

YAML files are loaded with yaml.safe_load. PyYAML reads YAML 1.1 while callflow
reads YAML 1.2 (core schema), so before loading, every file is also scanned for
plain scalars the two read differently (`yes`/`no`/`on`/`off` booleans, bare
dates and timestamps, `1:30` sexagesimal numbers, `017` octal...) and for
duplicate keys, which PyYAML would silently overwrite: such a file fails.

Offline: the include schema has no `$id`, so its relative
`callflow.schema.json#/$defs/...` references resolve against its own file, as
an editor (yaml-language-server) resolves them; here the schemas are put in a
referencing.Registry under their file names only (no retrieval), so a
reference that would need the network fails the check.

Usage: python3 grammar/check-schemas.py        (from anywhere)
Exit status 0 when everything passed, 1 otherwise. The last line of output is
"N passed, N failed".
"""

import json
import pathlib
import re
import sys

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

GRAMMAR = pathlib.Path(__file__).resolve().parent
ROOT = GRAMMAR.parent
FLOWS = ROOT / "flows"

SCHEMA_FILES = {
    "flow": "callflow.schema.json",
    "include": "callflow-include.schema.json",
    "scenario": "scenario.schema.json",
}


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, what):
        self.passed += 1
        print(f"PASS  {what}")

    def fail(self, what, details=()):
        self.failed += 1
        print(f"FAIL  {what}")
        for line in details:
            print(f"        {line}")


# --------------------------------------------------------------------------
# YAML: load with safe_load, but refuse what YAML 1.1 and 1.2 read differently

BOOL_12 = {"true", "True", "TRUE", "false", "False", "FALSE"}
INT_12 = re.compile(r"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
FLOAT_12 = re.compile(
    r"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")


def portability_problems(text):
    """Plain scalars PyYAML (YAML 1.1) types differently from YAML 1.2 core,
    and duplicate keys (PyYAML keeps the last one silently)."""
    problems = []
    seen = set()

    def where(node):
        return f"line {node.start_mark.line + 1}, column {node.start_mark.column + 1}"

    def walk(node):
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.style is not None:          # quoted or block scalar: a string
                return
            tag, v = node.tag.rsplit(":", 1)[-1], node.value
            if tag == "bool" and v not in BOOL_12:
                problems.append(f"{where(node)}: `{v}` is a boolean in YAML 1.1 but a string "
                                f"in YAML 1.2; quote it or write true/false")
            elif tag == "timestamp":
                problems.append(f"{where(node)}: `{v}` is a date in YAML 1.1 but a string "
                                f"in YAML 1.2; quote it")
            elif tag == "int" and not INT_12.match(v):
                problems.append(f"{where(node)}: `{v}` is read as a different number by "
                                f"YAML 1.1 and 1.2; quote it")
            elif tag == "int" and re.match(r"^[-+]?0[0-9]+$", v):
                problems.append(f"{where(node)}: `{v}` is octal in YAML 1.1 and decimal "
                                f"in YAML 1.2; quote it")
            elif tag == "float" and not FLOAT_12.match(v):
                problems.append(f"{where(node)}: `{v}` is a number in YAML 1.1 but a string "
                                f"in YAML 1.2; quote it")
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)
        elif isinstance(node, yaml.MappingNode):
            keys = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.tag != "tag:yaml.org,2002:merge":
                    if k.value in keys:
                        problems.append(f"{where(k)}: duplicate key `{k.value}` "
                                        f"(first at {keys[k.value]})")
                    else:
                        keys[k.value] = where(k)
                walk(k)
                walk(v)

    for document in yaml.compose_all(text, Loader=yaml.SafeLoader):
        if document is not None:
            walk(document)
    return problems


def load_yaml(path):
    """(data, problems): problems is a list of strings, empty when all is well."""
    try:
        text = path.read_text(encoding="utf-8")
        problems = portability_problems(text)
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        return None, [f"cannot read YAML: {e}"]
    return data, problems


# --------------------------------------------------------------------------
# schemas

def load_schemas(tally):
    schemas = {}
    for kind, name in SCHEMA_FILES.items():
        path = GRAMMAR / name
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            tally.fail(f"schema {name} is JSON", [str(e)])
            continue
        problems = []
        if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            problems.append("`$schema` is not https://json-schema.org/draft/2020-12/schema")
        for key in ("title", "description"):
            if key not in schema:
                problems.append(f"missing `{key}`")
        if "$id" in schema and '"callflow.schema.json#' in path.read_text(encoding="utf-8"):
            problems.append("has an `$id` and refers to another schema file: the reference would go "
                            "through the `$id` URL, not the file beside it")
        try:
            Draft202012Validator.check_schema(schema)
        except Exception as e:                       # SchemaError
            problems.append(f"not valid under the 2020-12 metaschema: {e}")
        if problems:
            tally.fail(f"schema {name}", problems)
        else:
            tally.ok(f"schema {name} is valid under the 2020-12 metaschema")
        schemas[kind] = schema
    return schemas


def make_validators(schemas):
    registry = Registry().with_resources(
        (SCHEMA_FILES[kind], Resource.from_contents(s, default_specification=DRAFT202012))
        for kind, s in schemas.items())
    return {kind: Draft202012Validator(s, registry=registry) for kind, s in schemas.items()}


def explain(error):
    """The errors that say why. A failed `oneOf`/`anyOf` (a node matching no
    kind) is replaced by the errors of the branch that came closest: not
    another kind (its kind key, the first required key, is present), not
    another shape (no type/const/enum error at the instance itself), fewest
    errors. Ties keep every tied branch (a node with two kind keys)."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return [error]
    branches = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    depth = len(error.absolute_path)

    def score(subs):
        here = [e for e in subs if len(e.absolute_path) == depth]
        # the branch is another kind: its first required key (the kind key) is absent
        other_kind = any(e.validator == "required" and isinstance(e.instance, dict)
                         and e.validator_value and e.validator_value[0] not in e.instance
                         for e in here)
        # the branch is another shape (a string where a list was expected...)
        other_shape = any(e.validator in ("type", "const", "enum") for e in here)
        return (other_kind, other_shape, len(subs))

    ranked = sorted(branches.values(), key=score)
    best = [b for b in ranked if score(b) == score(ranked[0])]
    if score(best[0])[0]:
        return [error]
    out = []
    for branch in best:          # several: the instance looks like several kinds
        for sub in branch:
            out.extend(explain(sub))
    return out


def error_lines(validator, data, limit=6):
    errors = []
    for e in validator.iter_errors(data):
        errors.extend(explain(e))
    errors.sort(key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    lines = []
    for e in errors[:limit]:
        where = "/".join(str(p) for p in e.absolute_path) or "(top)"
        msg = e.message if len(e.message) < 300 else e.message[:300] + "..."
        lines.append(f"at {where}: {msg}")
    if len(errors) > limit:
        lines.append(f"... and {len(errors) - limit} more")
    return lines


def documented(schema, tally, name):
    """Every property in the schema carries a description (shown on hover)."""
    missing = []

    def walk(node, path):
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                for key, sub in props.items():
                    if isinstance(sub, dict) and "description" not in sub:
                        missing.append(f"{path}/properties/{key}")
            for k, v in node.items():
                walk(v, f"{path}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}/{i}")

    walk(schema, "#")
    if missing:
        tally.fail(f"schema {name}: every property has a description", missing[:10])
    else:
        tally.ok(f"schema {name}: every property has a description")


# --------------------------------------------------------------------------
# files under flows/

def classify(path, data):
    if path.name.endswith((".tests.yaml", ".tests.yml")):
        return "scenario"
    if isinstance(data, dict) and "callflow" in data:
        return "flow"
    if "shared" in path.relative_to(FLOWS).parts[:-1]:
        return "include"
    return None


def check_files(validators, tally):
    files = sorted(p for p in FLOWS.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        tally.fail("flows/ holds YAML files", ["none found"])
    counts = {"flow": 0, "include": 0, "scenario": 0}
    for path in files:
        rel = path.relative_to(ROOT)
        data, problems = load_yaml(path)
        kind = classify(path, data)
        if kind is None:
            tally.fail(f"{rel}", ["neither a flow (`callflow:` key), an include (under shared/) "
                                  "nor a scenario file (*.tests.yaml)"])
            continue
        counts[kind] += 1
        if problems:
            tally.fail(f"{rel} loads the same under YAML 1.1 and 1.2", problems)
            if data is None:
                continue
        errors = error_lines(validators[kind], data) if kind in validators else ["no schema"]
        if kind == "include" and isinstance(data, dict) and "callflow" in data:
            errors.append("an include file has no `callflow:` key")
        # the files a flow or a test file names must exist
        if not errors and kind in ("flow", "include"):
            for inc in data.get("include", []) or []:
                target = (path.parent / inc).resolve()
                if not target.is_file():
                    errors.append(f"include `{inc}` does not exist")
                elif FLOWS not in target.parents:
                    errors.append(f"include `{inc}` leaves flows/")
        if not errors and kind == "scenario":
            if not (path.parent / data["flow"]).is_file():
                errors.append(f"flow `{data['flow']}` does not exist")
        if errors:
            tally.fail(f"{rel} is valid under {SCHEMA_FILES[kind]}", errors)
        else:
            tally.ok(f"{rel} is valid under {SCHEMA_FILES[kind]}")
    for kind, n in counts.items():
        if n == 0:
            tally.fail(f"flows/ holds at least one {kind} file")


# --------------------------------------------------------------------------
# embedded documents: (description, schema kind, YAML text, expectation);
# the expectation is True (must be accepted) or a piece of the error message
# that must be among the reasons it is rejected (so it fails for the right reason)

MINIMAL = """
callflow: 1
name: tiny
start: hello
nodes:
  hello: {say: "Hello.", next: bye}
  bye: {hangup: true}
"""

# A complete example flow (acme-support: rules, schedules, queues), dates quoted for PyYAML.
DESIGN_EXAMPLE = """
callflow: 1
name: acme-support
timezone: America/New_York
start: greeting
context:
  caller.tier: {enum: [standard, gold, vip]}
  caller.emergency: bool
  account.id: string
skills: [billing, tech, senior]
schedules:
  office:
    weekly: {mon-fri: "08:00-18:00", sat: "09:00-12:00"}
    holidays: ["2026-12-25", "2027-01-01"]
queues:
  tech: {skills: [tech], max_wait: 10m, callback: true, alert: {depth: 15, wait: 4m}}
  billing: {skills: [billing], max_wait: 8m}
  senior: {skills: [senior], max_wait: 5m}
escalations:
  - name: emergency
    at: start
    when: caller.emergency
    goto: on-call
    critical: true
  - name: vip
    at: start
    when: caller.tier == "vip" and open("office")
    goto: senior-line
  - name: ask-for-human
    at: request
    goto: operator
nodes:
  greeting:
    say: "Thanks for calling Acme."
    next: office-hours
  office-hours:
    hours: office
    open: main-menu
    closed: after-hours
  main-menu:
    menu: "For billing press 1. For technical support press 2. For anyone else press 0."
    options:
      "1": billing-line
      "2": tech-line
      "0": operator
    fallback: operator
  billing-line: {queue: billing, overflow: general-voicemail}
  tech-line: {queue: tech, overflow: general-voicemail, callback: tech-callback}
  senior-line: {queue: senior, priority: 50, overflow: operator}
  operator: {transfer: "+15550100", fallback: general-voicemail}
  on-call: {transfer: "+15550199", fallback: operator}
  after-hours:
    say: "We are closed. Leave a message after the tone."
    next: general-voicemail
  general-voicemail: {voicemail: general}
  tech-callback: {callback: tech}
"""


def with_nodes(extra):
    return MINIMAL + "".join(f"  {line}\n" for line in extra.strip("\n").splitlines())


EMBEDDED = [
    # accepted
    ("a minimal flow", "flow", MINIMAL, True),
    ("the acme-support example flow", "flow", DESIGN_EXAMPLE, True),
    ("a menu with long-form options, `*` and `#` keys", "flow", with_nodes("""
m: {menu: "Press star or pound.", options: {"*": {goto: bye, say: Star, speech: [star]}, "#": bye}, fallback: bye}
"""), True),
    ("a schedule with a list day, a midnight-crossing range and 24:00", "flow", """
callflow: 1
name: late
timezone: Europe/Berlin
start: h
schedules:
  night:
    weekly: {"sat,sun": "22:00-06:00", mon-fri: ["00:00-02:00", "18:00-24:00"]}
nodes:
  h: {hours: night, open: q, closed: q}
  q: {voicemail: night-box}
""", True),
    ("an include file", "include", """
description: shared
skills: [billing]
queues: {billing: {skills: [billing], max_wait: 5m}}
schedules: {office: {weekly: {mon-fri: "09:00-17:00"}}}
context: {caller.vip: {type: bool, default: false}}
""", True),
    ("a scenario file", "scenario", """
flow: acme-support.yaml
tests:
  - name: vip
    at: "2026-11-24T10:00"
    context: {caller.tier: vip}
    events: ["1234#", no_input, {speech: agent}, {lookup: found, values: {account.id: "42"}}, {queue: {wait: 5m, depth: 3}}, overflow]
    expect: {queue: senior}
    path: [greeting, senior-line]
""", True),
    # rejected: the four the brief names
    ("a menu without options", "flow", with_nodes("""
m: {menu: "Press 1.", fallback: bye}
"""), "'options' is a required property"),
    ("an unknown top-level key", "flow", MINIMAL + "owner: ops-team\n", "'owner' was unexpected"),
    ("a bad duration (`5 seconds`)", "flow", with_nodes("""
m: {menu: "Press 1.", timeout: 5 seconds, options: {"1": bye}, fallback: bye}
"""), "'5 seconds' does not match"),
    ("a node with two kinds (say and hangup)", "flow", with_nodes("""
both: {say: "Bye.", hangup: true}
"""), "'hangup' was unexpected"),
    # rejected: more
    ("an empty duration", "flow", with_nodes("""
m: {menu: "Press 1.", timeout: "", options: {"1": bye}, fallback: bye}
"""), 'should be non-empty'),
    ("a duration in the wrong order (`30s1m`)", "flow", with_nodes("""
m: {menu: "Press 1.", timeout: 30s1m, options: {"1": bye}, fallback: bye}
"""), "'30s1m' does not match"),
    ("an unknown key on a node (a transfer's `no_answr`)", "flow", with_nodes("""
t: {transfer: "+15550100", no_answr: bye}
"""), "'no_answr' was unexpected"),
    ("an outcome of another kind (`next` on a menu)", "flow", with_nodes("""
m: {menu: "Press 1.", options: {"1": bye}, next: bye}
"""), "'next' was unexpected"),
    ("a menu option key `10`", "flow", with_nodes("""
m: {menu: "Press 1.", options: {"10": bye, "1": bye}, fallback: bye}
"""), "'10' does not match"),
    ("a transfer to a number without `+`", "flow", with_nodes("""
t: {transfer: "5550100", fallback: bye}
"""), "'5550100' does not match"),
    ("a transfer to `+0...`", "flow", with_nodes("""
t: {transfer: "+05550100", fallback: bye}
"""), "'+05550100' does not match"),
    ("an upper-case node id", "flow", with_nodes("""
Menu: {say: "Hi.", next: bye}
"""), "'Menu' does not match"),
    ("version 2", "flow", MINIMAL.replace("callflow: 1", "callflow: 2"), '1 was expected'),
    ("a missing `nodes`", "flow", "callflow: 1\nname: x\nstart: a\n", "'nodes' is a required property"),
    ("schedules without a timezone", "flow", MINIMAL + """
schedules: {office: {weekly: {mon-fri: "09:00-17:00"}}}
""", "'timezone' is a dependency of 'schedules'"),
    ("an empty time range (`09:00-09:00`)", "flow", MINIMAL + """
timezone: UTC
schedules: {office: {weekly: {mon-fri: "09:00-09:00"}}}
""", "'09:00-09:00' does not match"),
    ("an unknown day (`mon-fry`)", "flow", MINIMAL + """
timezone: UTC
schedules: {office: {weekly: {mon-fry: "09:00-17:00"}}}
""", "'mon-fry' does not match"),
    ("a time `25:00`", "flow", MINIMAL + """
timezone: UTC
schedules: {office: {weekly: {mon: "09:00-25:00"}}}
""", "'09:00-25:00' does not match"),
    ("a queue without max_wait", "flow", MINIMAL + """
queues: {sales: {skills: [sales]}}
""", "'max_wait' is a required property"),
    ("an alert with neither depth nor wait", "flow", MINIMAL + """
queues: {sales: {max_wait: 5m, alert: {}}}
""", 'should be non-empty'),
    ("an escalation rule with `at: later`", "flow", MINIMAL + """
escalations: [{name: r, at: later, when: "true", goto: bye}]
""", "'later' is not one of"),
    ("a start rule without `when`", "flow", MINIMAL + """
escalations: [{name: r, at: start, goto: bye}]
""", "'when' is a required property"),
    ("a priority of 101", "flow", MINIMAL + """
escalations: [{name: r, at: request, goto: bye, priority: 101}]
""", '101 is greater than the maximum of 100'),
    ("an unknown check id in `ignore`", "flow", MINIMAL + "ignore: [dead-ends]\n", "'dead-ends' is not one of"),
    ("a built-in variable declared again", "flow", MINIMAL + "context: {call.failures: number}\n", "'call.failures' should not be valid"),
    ("an unknown context type", "flow", MINIMAL + "context: {caller.age: integer}\n", "'integer' is not one of"),
    ("a collect without `into`", "flow", with_nodes("""
c: {collect: "Enter it.", digits: 4, next: bye, fallback: bye}
"""), "'into' is a required property"),
    ("`hangup: false`", "flow", with_nodes("""
h: {hangup: false}
"""), 'True was expected'),
    ("an include file with a `nodes` key", "include", "nodes: {}\n", "'nodes' was unexpected"),
    ("an include file with a `callflow` key", "include", "callflow: 1\n", "'callflow' was unexpected"),
    ("a scenario that expects two endings", "scenario", """
flow: f.yaml
tests: [{name: t, expect: {queue: a, hangup: true}}]
""", 'has too many properties'),
    ("a scenario with an unknown event", "scenario", """
flow: f.yaml
tests: [{name: t, events: [hangs_up], expect: {hangup: true}}]
""", "'hangs_up'"),
]


def check_embedded(validators, tally):
    for what, kind, text, expectation in EMBEDDED:
        data = yaml.safe_load(text)
        lines = error_lines(validators[kind], data, limit=50)
        accept = expectation is True
        label = f"embedded {kind} ({what}) is {'accepted' if accept else 'rejected'}"
        if accept and lines:
            tally.fail(label, lines)
        elif not accept and not lines:
            tally.fail(label, ["the schema accepted it"])
        elif not accept and not any(expectation in line for line in lines):
            tally.fail(label, [f"rejected, but not with {expectation!r}:"] + lines)
        else:
            tally.ok(label + ("" if accept else f": {lines[0]}"))


def main():
    tally = Tally()
    schemas = load_schemas(tally)
    if len(schemas) == len(SCHEMA_FILES):
        for kind, name in SCHEMA_FILES.items():
            documented(schemas[kind], tally, name)
        try:
            validators = make_validators(schemas)
        except Exception as e:
            tally.fail("schema registry", [str(e)])
        else:
            check_files(validators, tally)
            check_embedded(validators, tally)
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
