#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare the two renderings of the plugin's statistics in one tshark output:
the text tables of `-z mcast_audit` (sessions; groups without an RTSP session;
media flows without a session) and the stat_tap_table of `-z mcast_audit,table`
(the same three as tables sharing one set of columns).  Every text row must be
a table row with the same cells in the mapped columns and "-" in the columns
that are no figure of its kind; the tables must list nothing else.  Prints the
row counts; exit 1 with the differences otherwise.
usage: table.py TSHARK_OUTPUT [--no-sessions]
--no-sessions: the capture holds no session (its truth: no RTSP, no multicast
RTP), so both renderings must have exactly no session row."""
import sys

COLUMNS = ["Session", "Client", "Server", "Group:Port", "Packets", "Lost", "Duplicates",
           "Reordered", "Jitter max (ms)", "Verdicts", "Result",
           "MPEG-TS packets/CC errors/missing", "FEC packets/lost",
           "Flow", "Kind", "Source", "Datagrams", "Expected",
           "Static", "Members", "Joins", "Leaves", "First join", "Zap (ms)", "First media"]
COL = {name: i for i, name in enumerate(COLUMNS)}
SESSIONS, GROUPS, FLOWS = ("Multicast Session Audit", "Groups without an RTSP session",
                           "Media flows without a session")
# text column -> table column, per kind of row; the session table's 13 in order
MAP = {
    SESSIONS: list(range(13)),
    GROUPS: [COL[c] for c in ("Group:Port", "Static", "Members", "Joins", "Leaves", "First join",
                              "Zap (ms)", "First media", "Verdicts", "Result")],
    FLOWS: [COL[c] for c in ("Flow", "Kind", "Source", "Group:Port", "Datagrams", "Packets",
                             "Expected", "Lost", "Duplicates", "Reordered", "Jitter max (ms)",
                             "Verdicts", "Result", "MPEG-TS packets/CC errors/missing")],
}
# table columns that must be "-" on a row of that kind
DASH = {
    SESSIONS: [COL[c] for c in COLUMNS[18:]],
    GROUPS: [i for i in range(len(COLUMNS)) if i not in MAP[GROUPS]],
    FLOWS: [COL[c] for c in ("Session", "Client", "Server")] + [COL[c] for c in COLUMNS[18:]],
}
TEXT_HEADS = {SESSIONS: lambda l: l.startswith("Session ") and "JitterMax" in l,
              GROUPS: lambda l: l.startswith("Groups without an RTSP session ("),
              FLOWS: lambda l: l.startswith("Media flows without a session (")}


def text_rows(lines):
    """Rows of each text table: the lines after its header (the session table's
    end at 'Verdicts:', the group and flow tables' at the next section)."""
    rows, kind, skip, seen = {SESSIONS: [], GROUPS: [], FLOWS: []}, None, 0, False
    for line in lines:
        head = [k for k, f in TEXT_HEADS.items() if f(line)]
        if head:
            kind, seen = head[0], True
            skip = 0 if kind == SESSIONS else 1  # group and flow tables: a column line
            continue
        if seen and line.startswith("====="):
            return rows
        if kind is None:
            continue
        if line.startswith("Verdicts:"):
            kind = None  # then the capture's Result: line
            continue
        if skip:
            skip -= 1
            continue
        rows[kind].append(line.split())
    raise SystemExit("text table not found or not closed")


def stat_rows(lines):
    """Rows of each stat_tap_table: 'a |b |...|' lines under its title line."""
    header = " |".join(COLUMNS) + " |"
    try:
        start = lines.index(header)
    except ValueError:
        raise SystemExit("stat table header not found: " + header)
    if lines[start + 1] != SESSIONS:
        raise SystemExit("stat table title missing after the header")
    rows, kind, order = {}, None, []
    for line in lines[start + 1:]:
        if line.startswith("====="):
            if order not in ([SESSIONS], [SESSIONS, GROUPS], [SESSIONS, FLOWS],
                             [SESSIONS, GROUPS, FLOWS]):
                raise SystemExit("stat tables out of order: %s" % order)
            return rows
        if line in MAP:
            kind = line
            order.append(kind)
            rows[kind] = []
            continue
        if not line.endswith(" |"):
            raise SystemExit("stat table row not closed: " + line)
        rows[kind].append(line[:-2].split(" |"))
    raise SystemExit("stat table not closed")


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
    text, stat = text_rows(lines), stat_rows(lines)
    bad = []
    for kind in (SESSIONS, GROUPS, FLOWS):
        t, s = text[kind], stat.get(kind)
        if s is None:
            if t:
                bad.append(f"{kind}: {len(t)} text rows, no table")
            continue
        if len(t) != len(s):
            bad.append(f"{kind}: {len(t)} text rows, {len(s)} table rows")
        for tr, sr in zip(t, s):
            if len(sr) != len(COLUMNS):
                bad.append(f"{kind}: a table row has not {len(COLUMNS)} cells: {sr}")
                continue
            mapped = [sr[i] for i in MAP[kind]]
            if tr != mapped:
                bad.append(f"{kind}: text {tr} != table {mapped}")
            if any(sr[i] != "-" for i in DASH[kind]):
                bad.append(f"{kind}: a cell that is no figure of the row is not '-': {sr}")
    no_sessions = sys.argv[2:] == ["--no-sessions"]
    if not text[SESSIONS] and not no_sessions:
        bad.append("no session rows")
    if text[SESSIONS] and no_sessions:
        bad.append(f"{len(text[SESSIONS])} session rows, expected none (no session in the capture)")
    if bad:
        print("\n".join(bad))
        return 1
    print("identical: %d session, %d group, %d flow row(s)" %
          (len(text[SESSIONS]), len(text[GROUPS]), len(text[FLOWS])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
