#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# live.sh PLUGIN_SO CAPTURES_DIR: while frames still come, the plugin's
# verdicts are provisional and say so, judged again as frames arrive (once a
# second of capture time, from the probe's core); once the whole capture is
# read they are final.  Three ways of reading the same capture:
#   tshark -2          the first pass ends (postseq routine): every tree "final"
#   tshark (one pass)  trees printed while reading: provisional
#   tshark -i -        a live capture, the capture fed through a pipe by cat
#                      (dumpcap reads it as it reads an interface; no root)
# and the -z table drawn at the end of the live capture is the final one.
source "$(dirname "$0")/lib.sh"
so=$1
caps=$2
ma_setup "$so" "$caps/hikvision-multicast-preview.pcap" "$caps/late-join.pcap" \
    "$caps/session-timeout.pcap"
seed=hikvision-multicast-preview.pcap

# ts_live CAPTURE ARGS...: tshark -i - (a live capture, from a pipe), as ts.
# Under the sanitizer preload (the asan preset) tshark's capture child was
# seen to hang reading the pipe, so there the capture is read in one pass:
# the same frames in the same order, hence the same judgements (the default
# build checks both).
ts_live() {
    local cap=$1; shift
    if [ -n "${MA_TSHARK_PRELOAD:-}" ]; then
        ts -r "$cap" "$@"
    else
        ts -i - "$@" < "$MA_DIR/$cap"
    fi
}

# judged FIELDS-OUTPUT: "judged-frame:session-verdicts" at each new judgement.
judged() {
    awk -F'\t' '$1 != "" && $1 != last {print $1 ":" $2; last = $1}' | xargs
}
fields=(-Y mcast_audit -T fields -e mcast_audit.judged_frame -e mcast_audit.session_verdicts)

# 1. Two passes: final everywhere, no judged frame; MA202 on the frames that prove it.
check "-2: judgement" "final" \
    "$(ts -2 -r $seed -Y mcast_audit -T fields -e mcast_audit.judgement 2>/dev/null | sort -u | xargs)"
check "-2: trees" "278" "$(ts -2 -r $seed -Y mcast_audit 2>/dev/null | wc -l)"
check "-2: no judged frame" "0" "$(ts -2 -r $seed -Y mcast_audit.judged_frame 2>/dev/null | wc -l)"
check "-2: MA202 frames" "9 11" \
    "$(ts -2 -r $seed -Y 'mcast_audit.verdict == "MA202"' -T fields -e frame.number 2>/dev/null | xargs)"

# 2. One pass: provisional from the first tree on, judged again each second of
# capture time; the session's MA202 from the judgement after its join window.
check "one pass: judgement" "provisional (live capture, judged at frame 82)" \
    "$(ts -r $seed -Y 'frame.number == 100' -T fields -e mcast_audit.judgement 2>/dev/null)"
check "one pass: judgements" "1: 82:MA202 110:MA202 177:MA202 204:MA202 266:MA202" \
    "$(ts -r $seed "${fields[@]}" 2>/dev/null | judged)"
check "one pass: no final tree" "0" \
    "$(ts -r $seed -Y 'mcast_audit.judgement == "final"' 2>/dev/null | wc -l)"
check "one pass: tree says provisional" "1" \
    "$(ts -r $seed -Y 'frame.number == 100' -V 2>/dev/null | grep -c '^\[Multicast Session Audit: media \[provisional\]\]$')"

# 3. A live capture: the same judgements as the capture arrives, and the
# statistics drawn when it ends are the final ones (the -2 table).
check "live: judgements" "1: 82:MA202 110:MA202 177:MA202 204:MA202 266:MA202" \
    "$(ts_live $seed "${fields[@]}" 2>/dev/null | judged)"
check "live: -z table is final" \
    "$(ts -2 -r $seed -q -z mcast_audit 2>/dev/null | grep -E '^(1 |Verdicts:|Result:)')" \
    "$(ts_live $seed -q -z mcast_audit 2>/dev/null | grep -E '^(1 |Verdicts:|Result:)')"

# 4. Judged again, not added up: the late client is "never joined" (MA202)
# until its join arrives, then "joined late" (MA209), as the final says.
check "late join: live judgements" "1: 84:MA202 110:MA202 176:MA202 205:MA209 276:MA209" \
    "$(ts_live late-join.pcap "${fields[@]}" 2>/dev/null | judged)"
check "late join: final" "MA209" \
    "$(ts -2 -r late-join.pcap -Y mcast_audit -T fields -e mcast_audit.session_verdicts 2>/dev/null | sort -u | xargs)"

# 5. A time-based verdict the moment its evidence is there: no keep-alive
# within the session timeout (MA106), shown on the frame that judged it.
# (judged each second of the 68.8 s silence: the first judgements with each code)
check "timeout: MA106 then MA312 raised at" "329:MA106 334:MA106,MA312" \
    "$(ts_live session-timeout.pcap "${fields[@]}" 2>/dev/null | judged | tr ' ' '\n' |
        awk -F: '$2 != "" && $2 != last {print; last = $2}' | xargs)"
check "timeout: provisional verdict item" "334 MA106" \
    "$(ts_live session-timeout.pcap -Y 'mcast_audit.verdict' -T fields -e frame.number -e mcast_audit.verdict 2>/dev/null | head -1 | tr '\t' ' ')"
check "timeout: verdict and expert info say provisional" \
    "[Verdict: MA106 session-timeout [warning] (provisional)] [Expert Info (Warning/Protocol): provisional: no request in session 229700041 for 68.8 s (frames 13 to 334), longer than its timeout of 60 s]" \
    "$(ts_live session-timeout.pcap -Y 'frame.number == 334' -V 2>/dev/null | grep -E '\[(Verdict|Expert Info).*provisional' | xargs -0 | sed 's/^ *//; s/\n */ /g' | tr -s ' \n' ' ' | sed 's/ $//')"
ma_done
