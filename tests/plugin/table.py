#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare the two renderings of the plugin's statistics in one tshark output:
the text table of `-z mcast_audit` and the stat_tap_table of
`-z mcast_audit,table`.  Every row must hold the same 13 cells, in the same
order.  Prints the row count; exit 1 with the differences otherwise.
usage: table.py TSHARK_OUTPUT [--no-sessions]
--no-sessions: the capture holds no session (its truth: no RTSP, no RTP), so
both renderings must have exactly no row."""
import sys

COLUMNS = ["Session", "Client", "Server", "Group:Port", "Packets", "Lost", "Duplicates",
           "Reordered", "Jitter max (ms)", "Verdicts", "Result",
           "MPEG-TS packets/CC errors/missing", "FEC packets/lost"]


def text_rows(lines):
    """Rows of the text table: between its header line and 'Verdicts:'."""
    rows, inside = [], False
    for line in lines:
        if line.startswith("Session ") and "JitterMax" in line:
            inside = True
        elif inside and line.startswith("Verdicts:"):
            return rows
        elif inside:
            rows.append(line.split())
    raise SystemExit("text table not found or not closed")


def stat_rows(lines):
    """Rows of the stat_tap_table: 'a |b |...|' lines after its title."""
    header = " |".join(COLUMNS) + " |"
    try:
        start = lines.index(header)
    except ValueError:
        raise SystemExit("stat table header not found: " + header)
    if lines[start + 1] != "Multicast Session Audit":
        raise SystemExit("stat table title missing after the header")
    rows = []
    for line in lines[start + 2:]:
        if line.startswith("====="):
            return rows
        if not line.endswith(" |"):
            raise SystemExit("stat table row not closed: " + line)
        rows.append(line[:-2].split(" |"))
    raise SystemExit("stat table not closed")


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
    text, stat = text_rows(lines), stat_rows(lines)
    bad = [f"text {t} != table {s}" for t, s in zip(text, stat) if t != s]
    if len(text) != len(stat):
        bad.append(f"{len(text)} text rows, {len(stat)} table rows")
    if any(len(s) != len(COLUMNS) for s in stat):
        bad.append("a table row has not %d cells" % len(COLUMNS))
    no_sessions = sys.argv[2:] == ["--no-sessions"]
    if not text and not no_sessions:
        bad.append("no rows")
    if text and no_sessions:
        bad.append(f"{len(text)} rows, expected none (no session in the capture)")
    if bad:
        print("\n".join(bad))
        return 1
    print(f"{len(stat)} row(s) identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
