/* SPDX-License-Identifier: GPL-2.0-or-later */
/* events.h - what the front ends hand the core: time-ordered, each with the
 * frame number that proves it.  The CLI builds them from libpcap, the plugin
 * from Wireshark's dissection; the core never sees a packet format below. */
#ifndef MA_EVENTS_H
#define MA_EVENTS_H

#include <glib.h>
#include <stdint.h>
#include "addr.h"
#include "membership.h"
#include "rtsp.h"

typedef struct {
    uint32_t frame;  /* 1-based frame number in the capture */
    gint64 ts_ns;    /* absolute capture time, ns since the epoch */
} ma_ev_meta;

/* One whole RTSP message on a TCP connection (frame = last segment). */
typedef struct {
    ma_ev_meta meta;
    ma_addr src, dst;
    uint16_t sport, dport;
    const ma_rtsp_msg *msg;
    /* IP TTL / hop limit of the frame that completed the message; 0 or -1
     * unknown (last, so positional initialisers that omit it say unknown).
     * The hop count between camera and client is read from it. */
    int ip_ttl;
} ma_ev_rtsp;

/* One IGMP or MLD message. */
typedef struct {
    ma_ev_meta meta;
    ma_addr src, dst;
    int ip_ttl;       /* TTL / hop limit, -1 unknown */
    gboolean router_alert;
    const ma_memb_msg *msg;
} ma_ev_membership;

/* One UDP datagram (payload after the UDP header, as far as captured). */
typedef struct {
    ma_ev_meta meta;
    ma_addr src, dst;
    uint16_t sport, dport;
    int ip_ttl;       /* TTL / hop limit, -1 unknown */
    const uint8_t *payload;
    gsize payload_len;    /* bytes available in payload */
    gsize payload_wire_len; /* UDP length - 8 (may exceed payload_len when snapped) */
} ma_ev_udp;

/* One interleaved "$" frame on an RTSP connection (RFC 2326 10.12): RTP or
 * RTCP of the channel a SETUP reply's interleaved= pair names; frame = the
 * segment that completed it. */
typedef struct {
    ma_ev_meta meta;
    ma_addr src, dst;
    uint16_t sport, dport;
    unsigned channel;
    gsize length;
    const uint8_t *payload; /* the length bytes after the header; NULL: not read (counted only) */
} ma_ev_interleaved;

#endif
