#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""lint.architecture: the dependency picture of docs/architecture.md.

  core/            includes only system/GLib headers and core's own headers
                   (never libpcap, Wireshark, json-glib, a CLI or plugin header)
  front ends       (tools/mcast-audit/, plugin/) include only core/include/
                   of the core (never core/*_internal.h or another file private
                   to core/), never each other's headers
  the CLI's report side (main.c, options*.c, report*.c) includes only the
                   CLI's include/ and core/include/ of the project's headers:
                   decode.h and capture_*.h are the capture side's own

usage: architecture.py SOURCE_DIR
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.M)
FOREIGN = ("pcap", "epan/", "wsutil/", "ws_", "json-glib", "wireshark")


def headers(directory):
    return {f for f in os.listdir(directory) if f.endswith((".h", ".h.in"))}


def sources(directory, recurse=False):
    for root, dirs, files in os.walk(directory):
        for f in sorted(files):
            if f.endswith((".c", ".h", ".h.in")):
                yield os.path.join(root, f)
        if not recurse:
            break


def includes(path):
    with open(path, encoding="utf-8") as fh:
        for m in INCLUDE.finditer(fh.read()):
            yield m.group(1), m.group(2)


def main():
    src = sys.argv[1]
    core = os.path.join(src, "core")
    cli = os.path.join(src, "tools", "mcast-audit")
    plugin = os.path.join(src, "plugin")
    core_public = headers(os.path.join(core, "include")) | {"ma_version.h"}
    core_private = {h.replace(".h.in", ".h") for h in headers(core)} - {"ma_version.h"}
    cli_public = headers(os.path.join(cli, "include"))
    cli_private = headers(cli)
    plugin_headers = headers(plugin)
    fails = []

    def bad(path, what):
        fails.append("%s: %s" % (os.path.relpath(path, src), what))

    for path in sources(core, recurse=True):
        for kind, name in includes(path):
            base = os.path.basename(name)
            if kind == "<" and name.startswith(FOREIGN):
                bad(path, "core includes <%s>: core/ is GLib only" % name)
            elif kind == '"' and (base not in core_public | core_private or ".." in name):
                bad(path, 'core includes "%s", not a core header' % name)
            elif os.path.join("core", "include") in path and base in core_private:
                bad(path, 'public header includes the internal "%s"' % name)

    report_side = re.compile(r"^(main|options.*|report.*)\.[ch]$")
    for front, own_private, others in ((cli, cli_private | cli_public, plugin_headers),
                                       (plugin, plugin_headers, cli_private | cli_public)):
        for path in sources(front, recurse=True):
            for kind, name in includes(path):
                base = os.path.basename(name)
                if kind != '"':
                    continue
                if ".." in name:
                    bad(path, 'includes "%s" by a relative path' % name)
                elif base in core_private:
                    bad(path, 'front end includes the core-internal "%s"' % name)
                elif base in others:
                    bad(path, 'includes "%s" of the other front end' % name)
                elif base not in own_private | core_public:
                    bad(path, 'includes "%s", which is nowhere in reach' % name)
                elif (front == cli and report_side.match(os.path.basename(path))
                      and base in cli_private and base not in cli_public
                      and not base.startswith(("report", "options"))):
                    bad(path, 'report side includes the capture side\'s "%s"' % name)

    for f in fails:
        print("FAIL: " + f)
    if fails:
        print("%d include(s) break the picture in docs/architecture.md" % len(fails))
        return 1
    print("ok: core/ includes no front end, front ends no core internals")
    return 0


if __name__ == "__main__":
    sys.exit(main())
