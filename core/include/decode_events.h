/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_events.h - the one table of named decode events (in the spirit of
 * Suricata's decode events): every degradation a decoder or the core
 * survives (a malformed header, a bad checksum, a refused RTSP message, a
 * TCP gap given up, a full table) is counted under a stable name with the
 * first frame that shows it, so no report is silently partial.
 *
 * The CLI's decoders raise into the capture statistics' table, the core
 * (framer, correlator) into the correlator's; the CLI adds its table to the
 * correlator's before finishing (ma_correlator_add_decode_events), so MA902
 * and every renderer read one table. */
#ifndef MA_DECODE_EVENTS_H
#define MA_DECODE_EVENTS_H

#include <glib.h>
#include <stdint.h>

typedef enum {
    /* the CLI's frame decoders (tools/mcast-audit/decode_*.c) */
    MA_DE_LINK_MALFORMED,
    MA_DE_IPV4_MALFORMED,
    MA_DE_IPV4_BAD_CHECKSUM,
    MA_DE_IPV6_MALFORMED,
    MA_DE_UDP_MALFORMED,
    MA_DE_TCP_MALFORMED,
    MA_DE_IGMP_MALFORMED,
    MA_DE_MLD_MALFORMED,
    MA_DE_FRAGMENT_MALFORMED,
    MA_DE_FRAGMENT_OVERLAP,
    MA_DE_FRAGMENT_TIMEOUT,
    MA_DE_FRAGMENT_TABLE_FULL,
    MA_DE_TCP_GAP,
    MA_DE_TCP_CONNECTION_EVICTED,
    /* the core: RTSP framing and parsing */
    MA_DE_RTSP_BAD_START_LINE,
    MA_DE_RTSP_NOT_TEXT,
    MA_DE_RTSP_MALFORMED_HEADER,
    MA_DE_RTSP_HEADER_TOO_LONG,
    MA_DE_RTSP_MESSAGE_TOO_LARGE,
    /* the core: membership messages */
    MA_DE_IGMP_BAD_CHECKSUM,
    MA_DE_MLD_BAD_CHECKSUM,
    /* the core: bounded tables */
    MA_DE_FLOW_EVICTED,
    MA_DE_FLOW_TABLE_FULL,
    MA_DE_MEMBERSHIP_TABLE_FULL,
    MA_DE_SESSION_TABLE_FULL,
    MA_DE_RTSP_CONNECTION_EVICTED,
    MA_DE_RTSP_CONNECTION_TABLE_FULL,
    MA_DE_QUERIER_TABLE_FULL,
    MA_DE_MEMBERSHIP_MESSAGE_TABLE_FULL,
    /* the CLI's link-layer and tunnel decoders, one per decapsulation
     * (link.malformed above is left to raw IP) */
    MA_DE_ETHERNET_MALFORMED,
    MA_DE_VLAN_MALFORMED,
    MA_DE_SLL_MALFORMED,
    MA_DE_SLL2_MALFORMED,
    MA_DE_LOOPBACK_MALFORMED,
    MA_DE_PPP_MALFORMED,
    MA_DE_PPPOE_MALFORMED,
    MA_DE_NFLOG_MALFORMED,
    MA_DE_WLAN_MALFORMED,
    MA_DE_RADIOTAP_MALFORMED,
    MA_DE_VXLAN_MALFORMED,
    MA_DE_GRE_MALFORMED,
    MA_DE_TUNNEL_TOO_DEEP,
    MA_DE_GROUP_TABLE_FULL,
    MA_DE_SAP_TRUNCATED,       /* SAP (RFC 2974): cut inside its header, source or auth data */
    MA_DE_SAP_BAD_VERSION,     /* SAP version other than 1 */
    MA_DE_SAP_ENCRYPTED,       /* E bit: payload unreadable */
    MA_DE_SAP_COMPRESSED,      /* C bit: zlib payload, not decoded */
    MA_DE_SAP_NOT_SDP,         /* no SDP payload, or one that describes no multicast stream */
    MA_DE_SAP_AUTH_UNVERIFIED, /* authentication data present, not verified */
    MA_DE_SDP_FILE_REFUSED,    /* the plugin's sdp_files preference: a file unread or invalid */
    MA_DE_LINK_UNSUPPORTED, /* the plugin: a frame of a link type the frame decoder does not read */
    MA_DE__COUNT
} ma_decode_event;

typedef struct {
    ma_decode_event id;
    const char *name;        /* "ipv4.bad_checksum": stable, for filters */
    const char *explanation; /* one line: what happened and what became of it */
} ma_decode_event_def;

/* The row of id (NULL when out of range); rows are in id order. */
const ma_decode_event_def *ma_decode_event_def_get(ma_decode_event id);
/* By name; NULL when unknown. */
const ma_decode_event_def *ma_decode_event_def_by_name(const char *name);

typedef struct {
    guint64 count;
    uint32_t first_frame; /* 0: not known (raised at the end of input) */
} ma_decode_event_tally;

/* A plain value: zero-initialised is empty, no allocation. */
typedef struct {
    ma_decode_event_tally e[MA_DE__COUNT];
} ma_decode_events;

void ma_decode_events_raise(ma_decode_events *t, ma_decode_event id, uint32_t frame);
/* The same, n times at once (n = 0 does nothing). */
void ma_decode_events_raise_n(ma_decode_events *t, ma_decode_event id, uint32_t frame, guint64 n);
/* Adds every count of from to into (the earliest first frame wins). */
void ma_decode_events_add(ma_decode_events *into, const ma_decode_events *from);
/* Kinds with a count, and all counts together. */
guint ma_decode_events_kinds(const ma_decode_events *t);
guint64 ma_decode_events_total(const ma_decode_events *t);

#endif
