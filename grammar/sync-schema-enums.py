#!/usr/bin/env python3
"""Write the JSON Schemas' enumerations from the decoder's own words.

The decoder is the one source of the language's words: `callflow vocabulary`
prints them (check ids, built-in variables, context types, rule triggers,
event words, top-level keys, node kinds and their keys). This script rewrites
every enumeration of grammar/*.schema.json that lists such words, and checks
what it cannot write (the keys of each node kind, of the flow and of include
files).

Usage:
  python3 grammar/sync-schema-enums.py [--check] [CALLFLOW]
CALLFLOW is the built binary (default .build/debug/callflow). With --check
nothing is written: exit status 1 when a schema differs from the decoder
(CI runs it so), 0 when they agree.
"""

import json
import pathlib
import subprocess
import sys

GRAMMAR = pathlib.Path(__file__).resolve().parent
ROOT = GRAMMAR.parent


def vocabulary(binary):
    out = subprocess.run([str(binary), "vocabulary"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def category(values, words):
    """Which list of words an enumeration stands for, or None."""
    present = set(values)
    if "dead-end" in present and "yaml-syntax" in present:
        return "checkIDs"
    if "call.failures" in present and present <= set(words["builtInVariables"]):
        return "builtInVariables" if "caller.number" in present else "runtimeKeptVariables"
    if {"start", "request", "failure"} <= present:
        return "ruleTriggers"
    if {"no_input", "overflow", "no_answer"} <= present:
        return "eventWords"
    if {"bool", "number", "string", "duration"} == present:
        return "contextTypes"
    return None


def sync(node, words, changes, path="#"):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "enum" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                which = category(value, words)
                if which and value != words[which]:
                    changes.append(f"{path}/enum: {which}")
                    node[key] = list(words[which])
            else:
                sync(value, words, changes, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            sync(item, words, changes, f"{path}/{index}")


def mismatches(flow, include, words):
    """What the script cannot write, compared."""
    problems = []
    if set(flow["properties"]) != set(words["topLevelKeys"]):
        problems.append(f"flow keys {sorted(flow['properties'])} != {sorted(words['topLevelKeys'])}")
    if set(include["properties"]) != set(words["includeFileKeys"]):
        problems.append(f"include keys {sorted(include['properties'])} != {sorted(words['includeFileKeys'])}")
    kinds = [ref["$ref"].rsplit("/", 1)[1][:-len("Node")] for ref in flow["$defs"]["node"]["oneOf"]]
    if kinds != words["nodeKinds"]:
        problems.append(f"node kinds {kinds} != {words['nodeKinds']}")
    for kind in words["nodeKinds"]:
        definition = flow["$defs"].get(kind + "Node", {})
        keys = set(definition.get("properties", {}))
        if keys != set(words["nodeKeys"][kind]):
            problems.append(f"{kind} node keys {sorted(keys)} != {sorted(words['nodeKeys'][kind])}")
    return problems


def main(argv):
    check = "--check" in argv
    rest = [a for a in argv if a != "--check"]
    binary = pathlib.Path(rest[0]) if rest else ROOT / ".build/debug/callflow"
    words = vocabulary(binary)
    status = 0
    schemas = {}
    for name in ["callflow.schema.json", "callflow-include.schema.json", "scenario.schema.json"]:
        path = GRAMMAR / name
        schema = json.loads(path.read_text(encoding="utf-8"))
        changes = []
        sync(schema, words, changes)
        schemas[name] = schema
        for change in changes:
            print(f"{name}: {change} {'differs from' if check else 'written from'} the decoder")
        if changes and check:
            status = 1
        elif changes:
            path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for problem in mismatches(schemas["callflow.schema.json"], schemas["callflow-include.schema.json"], words):
        print(f"callflow.schema.json: {problem} (edit the schema by hand)")
        status = 1
    print("the schemas agree with the decoder" if status == 0 else "the schemas do not agree with the decoder")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
