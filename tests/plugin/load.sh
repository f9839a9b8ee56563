#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The plugin loads into tshark (4.0, 4.4, 4.6) and registers its protocol,
# fields, one expert info per verdict of the catalogue and the -z statistic,
# and the loader lists it as a dissector plugin.
# usage: load.sh PLUGIN_SO
. "$(dirname "$0")/lib.sh"
ma_setup "$1"

# -G protocols: name, short name, filter name; 4.4 on add three T/F columns
# (enabled, can toggle, heuristic), so match on the filter column only.
check "protocol registered" "Multicast Session Audit	MCAST-AUDIT	mcast_audit" \
    "$(ts -G protocols 2>/dev/null | awk -F'\t' -v OFS='\t' '$3 == "mcast_audit" {print $1, $2, $3}')"
# -G plugins: name, version, type, path.  "dissector" in 4.0 from the epan
# folder; from 4.2 on only if the plugin says so in plugin_describe().
check "plugin listed as a dissector" "mcast_audit.so	dissector	$MA_DIR/$MA_ABI/epan/mcast_audit.so" \
    "$(ts -G plugins 2>/dev/null | awk -F'\t' -v OFS='\t' '$1 ~ /^mcast_audit\.so/ {sub(/[ ]+$/, "", $1); print $1, $3, $4}')"
fields=$(ts -G fields 2>/dev/null | awk -F'\t' '$1 == "F" && $3 ~ /^mcast_audit\./ {print $3 " " $4}')
for f in "session FT_UINT32" "role FT_STRING" "url FT_STRING" "group FT_IPv4" "group6 FT_IPv6" \
         "client FT_IPv4" "client6 FT_IPv6" "server FT_IPv4" "server6 FT_IPv6" \
         "source FT_IPv4" "source6 FT_IPv6" \
         "port FT_UINT16" "ttl FT_UINT8" "setup_frame FT_FRAMENUM" "join_frame FT_FRAMENUM" \
         "first_media_frame FT_FRAMENUM" "teardown_frame FT_FRAMENUM" "join_latency FT_RELATIVE_TIME" \
         "since_play FT_RELATIVE_TIME" "packets FT_UINT64" "lost FT_INT64" "jitter FT_DOUBLE" \
         "verdict FT_STRING" "severity FT_STRING" "flow_role FT_STRING" "flow_sender FT_STRING" \
         "clock_rate_inferred FT_BOOLEAN" "clock_rate_source FT_STRING" "flow_clock_rate FT_UINT32" \
         "rr_reports FT_UINT32" "rr_fraction_lost FT_DOUBLE" "rr_cumulative_lost FT_INT32" \
         "rr_jitter FT_DOUBLE"; do
    check "field mcast_audit.${f% *}" "mcast_audit.$f" "$(grep -x "mcast_audit.$f" <<<"$fields" || true)"
done
# One expert info per catalogue entry: as many as core/verdicts.c has rows
# (counted from the source, so a new verdict needs no edit here).
rows=$(grep -cE '^[[:space:]]*\.code = "MA[0-9]+",' "$(dirname "$0")/../../core/verdicts.c")
check "expert infos" "$rows" "$(ts -G fields 2>/dev/null | awk -F'\t' '$3 ~ /^mcast_audit\.MA[0-9]+$/' | wc -l)"
# One expert info per decode event kind: as many as core/decode_events.c has rows.
events=$(grep -cE '^[[:space:]]*\[MA_DE_[A-Z0-9_]+\] =' "$(dirname "$0")/../../core/decode_events.c")
check "decode event expert infos" "$events" \
    "$(ts -G fields 2>/dev/null | awk -F'\t' '$3 ~ /^mcast_audit\.event\.[a-z0-9]+\.[a-z0-9_]+$/' | wc -l)"
# Preferences: one per row of the core's threshold table, with its default.
prefs=$(ts -G defaultprefs 2>/dev/null | grep '^#mcast_audit\.' || true)
for p in "max_loss_pct: 0" "max_jitter_ms: 30" "max_join_latency_ms: 1000" \
         "max_first_packet_ms: 2000" "max_zap_ms: 500" "fail_on: error" "clock_rates: " "sdp_files: "; do
    check "preference mcast_audit.${p%%:*}" "#mcast_audit.$p" "$(grep -x "#mcast_audit.$p" <<<"$prefs" || true)"
done
check "preferences: no others" "8" "$(grep -c . <<<"$prefs")"
check "-z mcast_audit listed" "mcast_audit" "$(ts -z help 2>&1 | grep -x '     mcast_audit' | tr -d ' ' || true)"
ma_done
