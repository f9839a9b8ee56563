/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp.h - RTP and RTCP headers, RFC 3550 sections 5.1 and 6.4-6.6. */
#ifndef MA_RTP_H
#define MA_RTP_H

#include <glib.h>
#include <stdint.h>

#define MA_RTP_ERROR (ma_rtp_error_quark())
GQuark ma_rtp_error_quark(void);
/* TRUNCATED: a length field or the fixed header runs past the datagram;
 * MALFORMED: a value is impossible (version, padding count, packet type). */
typedef enum { MA_RTP_ERROR_TRUNCATED, MA_RTP_ERROR_MALFORMED } ma_rtp_error_code;

typedef struct {
    int version;
    gboolean padding, extension, marker;
    int csrc_count;
    int payload_type;
    uint16_t seq;
    uint32_t timestamp;
    uint32_t ssrc;
    uint32_t csrc[15];
    uint16_t ext_profile;  /* when extension */
    gsize ext_len;         /* extension bytes after its 4-byte header */
    gsize header_len;      /* fixed + CSRC + extension */
    gsize padding_len;
    gsize payload_len;
} ma_rtp_hdr;

/* FALSE (err set) when not a valid RTP version-2 packet or lengths overrun. */
gboolean ma_rtp_parse(const uint8_t *data, gsize len, ma_rtp_hdr *out, GError **err);
/* RFC 3551 table 5: MPEG-2 transport stream (RFC 2250). */
#define MA_RTP_PT_MP2T 33

/* RTCP packet types 192..223 (incl. 200-204) in the payload-type position:
 * how RFC 5761 tells RTP from RTCP on one port. */
gboolean ma_rtp_looks_like_rtcp(const uint8_t *data, gsize len);

typedef struct {
    uint32_t ssrc;
    uint8_t fraction_lost;   /* /256 */
    int32_t cumulative_lost; /* signed 24-bit */
    uint32_t ext_highest_seq;
    uint32_t jitter;         /* timestamp units */
    uint32_t lsr, dlsr;
} ma_rtcp_report_block;

typedef struct {
    int type;        /* 200 SR, 201 RR, 202 SDES, 203 BYE, 204 APP, others kept */
    int count;       /* RC/SC field */
    uint32_t ssrc;   /* SR/RR sender, SDES first chunk, BYE first, APP; else 0 */
    /* SR sender info */
    uint64_t ntp_timestamp;
    uint32_t rtp_timestamp, sender_packets, sender_octets;
    guint n_reports;
    ma_rtcp_report_block reports[31];
    char *cname;     /* SDES CNAME of the first chunk, or NULL */
} ma_rtcp_packet;

typedef struct {
    guint n_packets;
    ma_rtcp_packet *packets;
} ma_rtcp_compound;

/* Parse a compound RTCP packet; FALSE (err set) when the first packet is not
 * RTCP or a length field overruns.  Free with ma_rtcp_compound_clear. */
gboolean ma_rtcp_parse(const uint8_t *data, gsize len, ma_rtcp_compound *out, GError **err);
void ma_rtcp_compound_clear(ma_rtcp_compound *c);

#endif
