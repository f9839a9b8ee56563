/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp_probe.h - is a UDP flow that no SETUP or SDP announced really RTP?
 *
 * Any datagram whose first two bits are 10 "parses" as RTP (a Windows LLMNR
 * query id does, a quarter of all DNS ids do), so a flow is only taken for
 * RTP after the validation RFC 3550 A.1 asks of a new source: version 2, a
 * payload type outside the RTCP range 72-76 (RFC 5761 section 4), and
 * MA_RTP_PROBE_SEQUENTIAL packets in a row with consecutive sequence numbers,
 * one SSRC, one payload type and a plausible timestamp step.  RTCP is told
 * apart by its packet type 200-204 and passes RFC 3550 A.2's check (version
 * 2, the first packet SR or RR, lengths adding up to the datagram).
 * A flow that has not passed after MA_RTP_PROBE_GIVE_UP datagrams is not RTP
 * and is not parsed again.  Negotiated flows never need this. */
#ifndef MA_RTP_PROBE_H
#define MA_RTP_PROBE_H

#include <glib.h>
#include <stdint.h>

#include "rtp.h"

#define MA_RTP_PROBE_SEQUENTIAL 2 /* RFC 3550 A.1 MIN_SEQUENTIAL */
#define MA_RTP_PROBE_GIVE_UP 32   /* datagrams without passing: not RTP */
/* Largest timestamp step accepted between two probation packets, per second
 * of arrival gap plus one: 96 kHz covers every RFC 3551 clock and 90 kHz video. */
#define MA_RTP_PROBE_TS_PER_S 96000u

typedef enum {
    MA_RTP_PROBE_TRYING = 0, /* not decided yet */
    MA_RTP_PROBE_RTP,        /* passed: RTP from now on */
    MA_RTP_PROBE_NOT_RTP,    /* gave up: plain UDP */
} ma_rtp_probe_state;

typedef enum {
    MA_RTP_PROBE_PKT_OTHER,    /* neither RTP nor RTCP */
    MA_RTP_PROBE_PKT_RTP,      /* an RTP packet of the run being probed */
    MA_RTP_PROBE_PKT_RESTART,  /* RTP, but a new SSRC/payload type: the run restarts here */
    MA_RTP_PROBE_PKT_RTCP,     /* a valid RTCP compound (RFC 3550 A.2) */
} ma_rtp_probe_pkt;

typedef struct {
    ma_rtp_probe_state state;
    guint in_a_row;       /* consecutive packets of the current run */
    guint tried;          /* datagrams seen while TRYING */
    uint32_t ssrc;
    int payload_type;
    uint16_t seq;
    uint32_t timestamp;
    gint64 ns;
} ma_rtp_probe;

/* RFC 3550 A.2: a valid RTCP compound (first packet SR/RR, version 2, no
 * padding in the first, lengths add up to len). */
gboolean ma_rtcp_valid_compound(const uint8_t *data, gsize len);

/* One datagram of the flow at arrival time ns.  h receives the RTP header
 * when the result is PKT_RTP or PKT_RESTART.  probe->state says where the
 * flow stands afterwards. */
ma_rtp_probe_pkt ma_rtp_probe_add(ma_rtp_probe *probe, const uint8_t *data, gsize len, gint64 ns,
                                  ma_rtp_hdr *h);

#endif
