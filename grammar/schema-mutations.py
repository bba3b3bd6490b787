#!/usr/bin/env python3
"""Mutate the example flows and require the JSON Schema and the linter to agree.

Hundreds of seeded mutations of the flows under flows/ (a value of the wrong
type, a key removed, an unknown or misspelt key added, a second kind on a node,
an empty text, a list entry repeated) are each judged twice: by
grammar/callflow.schema.json and by `callflow lint`. The two must agree on
valid or invalid, where "invalid" for the linter means an error of a check
about the form of the file: yaml-syntax, input-limit, duplicate-key,
unknown-key, invalid-value, invalid-schedule.

Known exceptions, where the schema cannot follow the linter (each documented
in docs/decisions.md, "Issue 12"):
  - references: a node, queue, schedule, skill or variable name that is not
    defined (`undefined-reference`), and conditions (`expression`): the
    schema sees names and text, not what they name or mean;
  - graph checks (`dead-end`, `trap-loop`, `unreachable-menu`...): a missing
    outcome is a dead end the schema does not require, since `fallback` and
    optional outcomes make "required" depend on the rest of the node;
  - what depends on a definition elsewhere in the file: a `set` or a default
    whose value does not fit the variable's declared type, a queue node
    without `callback` when its queue offers callbacks, a `collect` whose
    `into` is not a declared variable, the same name in a flow and an include.
Such disagreements are counted as exceptions, by the check ids of the
linter's findings; any other disagreement fails.

Usage: python3 grammar/schema-mutations.py [--count N] [--seed S] [CALLFLOW]
(CALLFLOW defaults to .build/debug/callflow). Exit status 1 on any
disagreement that is not a known exception. The last line reads
"N mutations: A agree, E known exceptions, D disagree".
"""

import copy
import json
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

GRAMMAR = pathlib.Path(__file__).resolve().parent
ROOT = GRAMMAR.parent
FLOWS = ROOT / "flows"

FORM_CHECKS = {"yaml-syntax", "input-limit", "duplicate-key", "unknown-key", "invalid-value", "invalid-schedule"}

# Linter findings the schema cannot express (see the docstring); a mutation
# the linter refuses only for these, and the schema accepts, is an exception.
SEMANTIC_CHECKS = {"undefined-reference", "expression"}
# invalid-value findings that depend on a definition elsewhere in the file.
SEMANTIC_MESSAGES = (
    "is not one of",            # a value that is not one of an enum's values
    "must be a bool", "must be a number", "must be a string", "must be a duration", "must be an enum",
    "offers callbacks",         # a queue node without `callback` when its queue offers them
    "names a string variable",  # a callback's `number` naming a declared variable that is not a string
    "the flow uses schedules but has no 'timezone'",
    "offers no callbacks",      # a queue node with `callback` when its queue offers none
)
# duplicate-key findings about names across list items or files (two rules named alike, a name
# defined in a flow and an include): the schema's uniqueItems compares whole items only.
SEMANTIC_DUPLICATES = ("is already defined",)


def schema_validator():
    schemas = {name: json.loads((GRAMMAR / name).read_text(encoding="utf-8"))
               for name in ("callflow.schema.json", "callflow-include.schema.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(s, default_specification=DRAFT202012)) for name, s in schemas.items())
    return Draft202012Validator(schemas["callflow.schema.json"], registry=registry)


# --------------------------------------------------------------------------
# mutations

WRONG_VALUES = [5, 2.5, True, "", [], {}, ["x"], {"bogus": 1}, None, "not a valid thing"]


def paths(node, prefix=()):
    """Every (path, value) below node."""
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, prefix + (index,))


def parent_of(root, path):
    node = root
    for step in path[:-1]:
        node = node[step]
    return node


def mutate(flow, rng):
    """A mutated copy of flow and what was done."""
    data = copy.deepcopy(flow)
    every = [(p, v) for p, v in paths(data) if p]
    kind = rng.choice(["type", "type", "remove", "extra", "misspell", "two-kinds", "empty", "repeat"])
    if kind in ("type", "empty"):
        path, value = rng.choice([(p, v) for p, v in every if not isinstance(v, (dict, list)) or kind == "type"])
        new = "" if kind == "empty" else rng.choice([w for w in WRONG_VALUES if type(w) is not type(value)])
        parent_of(data, path)[path[-1]] = new
        return data, f"{'/'.join(map(str, path))}: {value!r} -> {new!r}"
    if kind == "remove":
        path, _ = rng.choice([(p, v) for p, v in every if isinstance(p[-1], str)])
        del parent_of(data, path)[path[-1]]
        return data, f"removed {'/'.join(map(str, path))}"
    if kind in ("extra", "misspell"):
        mappings = [(p, v) for p, v in paths(data) if isinstance(v, dict) and v]
        path, mapping = rng.choice(mappings)
        if kind == "extra":
            key = "bogus_key"
        elif not [k for k in mapping if isinstance(k, str) and len(k) > 2]:
            key = "bogus_key"
        else:
            original = rng.choice([k for k in mapping if isinstance(k, str) and len(k) > 2])
            key = original[:-1] if rng.random() < 0.5 else original.replace("_", "-") if "_" in original else original + "s"
        if key in mapping:
            key = key + "_x"
        mapping[key] = 1
        return data, f"added {'/'.join(map(str, path + (key,)))}"
    if kind == "two-kinds":
        name = rng.choice(list(data.get("nodes", {}) or {"x": None}))
        node = (data.get("nodes") or {}).get(name)
        if not isinstance(node, dict):
            return data, "nothing (no node)"
        extra = rng.choice([("say", "Hello."), ("hangup", True), ("voicemail", "general"), ("transfer", "+15550100")])
        if extra[0] in node:
            extra = ("set", {"x": 1})
        node[extra[0]] = extra[1]
        return data, f"nodes/{name}: second kind {extra[0]}"
    # repeat: a list entry twice
    lists = [(p, v) for p, v in every if isinstance(v, list) and v]
    path, items = rng.choice(lists)
    items.append(copy.deepcopy(items[0]))
    return data, f"{'/'.join(map(str, path))}: {items[0]!r} listed twice"


def dump(data):
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


# --------------------------------------------------------------------------

def main(argv):
    count, seed, binary = 400, 12, ROOT / ".build/debug/callflow"
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--count":
            count = int(args.pop(0))
        elif arg == "--seed":
            seed = int(args.pop(0))
        else:
            binary = pathlib.Path(arg)
    rng = random.Random(seed)
    validator = schema_validator()
    sources = [p for p in sorted(FLOWS.rglob("*.yaml")) if "shared" not in p.parts and not p.name.endswith(".tests.yaml")]
    flows = [(p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sources]

    work = pathlib.Path(tempfile.mkdtemp(prefix="callflow-mutations-"))
    try:
        for path, _ in flows:
            if (path.parent / "shared").is_dir() and not (work / "shared").exists():
                shutil.copytree(path.parent / "shared", work / "shared")
        cases = []
        for index in range(count):
            path, flow = flows[index % len(flows)]
            mutated, what = mutate(flow, rng)
            file = work / f"m{index:04d}-{path.stem}.yaml"
            file.write_text(dump(mutated), encoding="utf-8")
            schema_errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:140]}" for e in validator.iter_errors(mutated)]
            cases.append((file, path.name, what, schema_errors))

        result = subprocess.run([str(binary), "lint", "--format", "json"] + [str(c[0]) for c in cases],
                                capture_output=True, text=True)
        report = json.loads(result.stdout)
        findings = {}
        for finding in report["findings"]:
            findings.setdefault(finding["file"], []).append(finding)

        agree = known = disagree = 0
        for file, origin, what, schema_errors in cases:
            errors = [f for f in findings.get(str(file), []) if f["severity"] == "error"]
            form = [f for f in errors if f["check"] in FORM_CHECKS
                    and not (f["check"] == "invalid-value" and any(m in f["message"] for m in SEMANTIC_MESSAGES))
                    and not (f["check"] == "duplicate-key" and any(m in f["message"] for m in SEMANTIC_DUPLICATES))]
            if schema_errors and errors:
                agree += 1          # both refuse it
            elif not schema_errors and not form:
                agree += 1          # both accept its form
                if errors:
                    known += 1      # the linter refuses it for what the schema cannot see
            else:
                disagree += 1
                verdict = ("the linter refuses what the schema accepts" if not schema_errors
                           else "the schema refuses what the linter accepts")
                print(f"DISAGREE  {origin}: {what}: {verdict}")
                for line in schema_errors[:3]:
                    print(f"    schema: {line}")
                for f in form[:3]:
                    print(f"    lint:   {f['line']}:{f['column']} [{f['check']}] {f['message'][:160]}")
        print(f"{count} mutations (seed {seed}): {agree} agree ({known} of them refused by the linter only for what "
              f"the schema cannot express), {disagree} disagree")
        return 1 if disagree else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
