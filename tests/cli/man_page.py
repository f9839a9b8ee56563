#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""man_page.py BIN SEED - the man page and the README are complete and true:
- every option --help lists is described in mcast-audit.1 and README.md;
- every verdict of the catalogue (core/verdicts.c) is listed in both with its
  name and severity (man: ".B MAxxx name (severity)", README: a table row);
- the schema files the man page names exist;
- the EXAMPLES that read files run as written (in a folder holding the seed
  as camera.pcap, camera.pcap.gz, eth0.pcap and eth1.pcap) and give exit 0
  or 1, never a usage error, with output that matches the contracts.
Examples that capture live (-i, tcpdump) need an interface and root: they are
checked for their options only."""
import gzip
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import contracts

ROOT = contracts.ROOT
README = os.path.join(ROOT, "README.md")


def catalogue():
    with open(os.path.join(ROOT, "core", "verdicts.c")) as f:
        text = f.read()
    rows = re.findall(r'\.code = "(MA\d+)",\s*\.name = "([a-z0-9-]+)",\s*\.severity = MA_SEV_(\w+)',
                      text)
    assert len(rows) >= 30, rows
    return [(c, n, s.lower()) for c, n, s in rows]


def help_options(binary):
    out = subprocess.run([binary, "--help"], capture_output=True, text=True, check=True).stdout
    return sorted(set(re.findall(r"^\s+(?:-\w, )?(--[a-z-]+)", out, re.M)))


def man_text(binary):
    # The build writes it beside the binary from mcast-audit.1.in (gen_manpage).
    with open(os.path.join(os.path.dirname(binary), "mcast-audit.1")) as f:
        return f.read()


def check_options(binary, man, readme):
    problems = []
    for opt in help_options(binary):
        if opt == "--help":
            continue
        if opt.replace("-", "\\-") not in man:
            problems.append("man page lacks %s" % opt)
        if "`%s" % opt not in readme and "%s`" % opt not in readme and opt not in readme:
            problems.append("README lacks %s" % opt)
    return problems


def check_verdicts(man, readme):
    problems = []
    for code, name, sev in catalogue():
        if ".B %s %s (%s)\n" % (code, name, sev) not in man:
            problems.append("man page lacks '.B %s %s (%s)'" % (code, name, sev))
        if not re.search(r"^\| %s \| %s \| %s \| .+\|$" % (code, re.escape(name), sev), readme, re.M):
            problems.append("README verdict table lacks | %s | %s | %s |" % (code, name, sev))
    return problems


def examples(man):
    block = man.split(".SH EXAMPLES", 1)[1].split(".fi", 1)[0]
    lines = [l.replace("\\-", "-") for l in block.splitlines() if l and not l.startswith(".")]
    return lines


def run_examples(binary, seed, man):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("camera.pcap", "eth0.pcap", "eth1.pcap"):
            shutil.copy(seed, os.path.join(tmp, name))
        with open(seed, "rb") as src, gzip.open(os.path.join(tmp, "camera.pcap.gz"), "wb") as dst:
            shutil.copyfileobj(src, dst)
        ran = 0
        for line in examples(man):
            if "tcpdump" in line or " -i " in line:
                continue  # live capture: needs root and an interface
            assert line.startswith("mcast-audit "), line
            cmd = shlex.quote(binary) + line[len("mcast-audit"):]
            p = subprocess.run(cmd, shell=True, cwd=tmp, capture_output=True)
            if p.returncode not in (0, 1):
                problems.append("example %r: exit %d: %s" % (line, p.returncode, p.stderr.decode()))
                continue
            args = shlex.split(line)
            fmt = args[args.index("--format") + 1] if "--format" in args else "text"
            out = p.stdout
            if "-o" in args:
                with open(os.path.join(tmp, args[args.index("-o") + 1]), "rb") as f:
                    out = f.read()
            try:
                if fmt == "json":
                    contracts.check_json(out)
                elif fmt == "junit":
                    contracts.check_junit(out)
                elif b"Result: " not in out:
                    problems.append("example %r: no Result line" % line)
            except contracts.ContractError as e:
                problems.append("example %r: %s" % (line, e))
            ran += 1
        if ran < 5:
            problems.append("only %d examples ran" % ran)
    return problems, ran


def main():
    binary, seed = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    man = man_text(binary)
    with open(README) as f:
        readme = f.read()
    problems = check_options(binary, man, readme) + check_verdicts(man, readme)
    for path in ("schemas/mcast-audit-2.schema.json", "schemas/junit.xsd"):
        if path not in man and os.path.basename(path) not in man:
            problems.append("man page does not name %s" % path)
        if not os.path.exists(os.path.join(ROOT, path)):
            problems.append("%s missing" % path)
    p2, ran = run_examples(binary, seed, man)
    problems += p2
    if problems:
        print("FAIL:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("ok: %d options, %d verdicts in man page and README; %d examples ran as written"
          % (len(help_options(binary)) - 1, len(catalogue()), ran))


if __name__ == "__main__":
    main()
