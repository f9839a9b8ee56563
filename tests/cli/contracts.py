#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""contracts.py - the output contracts every test checks: JSON against
schemas/mcast-audit-2.schema.json (draft 2020-12, python3-jsonschema) and
JUnit against schemas/junit.xsd (xmllint --schema).  Import it and call
check_json(doc_or_text) / check_junit(xml_bytes); both raise ContractError
naming the first violations.  Run directly, it checks files:
    contracts.py json FILE...   |   contracts.py junit FILE..."""
import json
import os
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCHEMA = os.path.join(ROOT, "schemas", "mcast-audit-2.schema.json")
XSD = os.path.join(ROOT, "schemas", "junit.xsd")


class ContractError(AssertionError):
    pass


_validator = None


def _json_validator():
    global _validator
    if _validator is None:
        import jsonschema  # python3-jsonschema (Debian), see .ci/install-deps
        with open(SCHEMA) as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        _validator = jsonschema.Draft202012Validator(schema)
    return _validator


def check_json(doc):
    """doc: parsed JSON or its text.  Returns the parsed document."""
    if isinstance(doc, (str, bytes)):
        doc = json.loads(doc)
    errors = sorted(_json_validator().iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        raise ContractError("JSON does not match %s:\n%s" % (
            os.path.relpath(SCHEMA, ROOT),
            "\n".join("  at /%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:300])
                      for e in errors[:5])))
    return doc


def check_junit(xml):
    """xml: the document's bytes (or text)."""
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    p = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", XSD, "-"], input=xml,
                       capture_output=True)
    if p.returncode != 0:
        raise ContractError("JUnit does not match %s:\n%s" % (
            os.path.relpath(XSD, ROOT), p.stderr.decode("utf-8", "replace")[:2000]))


def main():
    kind, files = sys.argv[1], sys.argv[2:]
    for name in files:
        with open(name, "rb") as f:
            data = f.read()
        if kind == "json":
            check_json(data)
        else:
            check_junit(data)
        print("ok: %s matches the %s contract" % (name, kind))


if __name__ == "__main__":
    main()
