#!/usr/bin/env python3
"""Prints the chart's values as a Markdown table (key, type, default, description) from values.schema.json and
values.yaml, for docs/platform.md. With --check DOC it fails when DOC's table (between the markers
<!-- values-table --> and <!-- /values-table -->) is not what it would print.

    helm/mlcycle/values-table.py                       # print
    helm/mlcycle/values-table.py --check docs/platform.md
"""
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
BEGIN, END = "<!-- values-table -->", "<!-- /values-table -->"


def kind(schema, definitions):
    if "$ref" in schema:
        schema = definitions[schema["$ref"].split("/")[-1]]
    if "enum" in schema:
        return " \\| ".join(f"`{v if isinstance(v, str) else json.dumps(v)}`" for v in schema["enum"])
    return schema.get("type", "any") if isinstance(schema.get("type"), str) else "/".join(schema.get("type", []))


def rows(schema, values, definitions, prefix=""):
    for key, sub in schema.get("properties", {}).items():
        name = prefix + key
        resolved = definitions[sub["$ref"].split("/")[-1]] if "$ref" in sub else sub
        value = values.get(key) if isinstance(values, dict) else None
        if resolved.get("type") == "object" and "properties" in resolved and key != "resources":
            yield from rows(resolved, value or {}, definitions, name + ".")
            continue
        default = json.dumps(value) if value not in (None, "") else ('""' if value == "" else "")
        description = sub.get("description") or resolved.get("description") or ""
        yield f"| `{name}` | {kind(sub, definitions)} | `{default}` | {description} |"


def table():
    with open(os.path.join(HERE, "values.schema.json")) as f:
        schema = json.load(f)
    with open(os.path.join(HERE, "values.yaml")) as f:
        values = yaml.safe_load(f)
    lines = ["| key | type | default | what |", "|---|---|---|---|"]
    lines += list(rows(schema, values, schema.get("definitions", {})))
    return "\n".join(lines)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        with open(sys.argv[2]) as f:
            doc = f.read()
        current = doc[doc.index(BEGIN) + len(BEGIN):doc.index(END)].strip()
        if current != table():
            sys.exit(f"{sys.argv[2]}: the values table is out of date: run helm/mlcycle/values-table.py and paste it "
                     f"between {BEGIN} and {END}")
        return
    print(table())


if __name__ == "__main__":
    main()
