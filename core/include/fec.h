/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fec.h - forward error correction streams of an RTP media flow: SMPTE
 * 2022-1 (Pro-MPEG Code of Practice #3) column and row FEC, which extends
 * the RFC 2733 parity FEC header by four bytes.
 *
 * An FEC packet is an RTP packet (its own sequence numbers, a dynamic
 * payload type) whose payload starts with the FEC header:
 *   RFC 2733 8.2 (12 bytes): SNBase low 16 | length recovery 16 |
 *     E 1, PT recovery 7 | mask 24 | TS recovery 32
 *   SMPTE 2022-1 extension (E = 1, 4 bytes): X 1, D 1, type 3, index 3 |
 *     offset 8 | NA 8 | SNBase ext 8
 * Column FEC (D = 0) protects NA = D media packets spaced offset = L apart
 * and travels to the media port + 2; row FEC (D = 1) protects NA = L
 * consecutive packets (offset 1) and travels to the media port + 4.
 * Everything is read from bounds-checked bytes; nothing here allocates but
 * the statistics. */
#ifndef MA_FEC_H
#define MA_FEC_H

#include <glib.h>
#include <stdint.h>

#include "rtp.h"

#define MA_FEC_RFC2733_LEN 12u  /* RFC 2733 8.2 */
#define MA_FEC_SMPTE_EXT_LEN 4u /* SMPTE 2022-1 8.2 (E = 1) */

typedef enum {
    MA_FEC_COLUMN = 0, /* D = 0 (or RFC 2733 without the extension) */
    MA_FEC_ROW = 1,    /* D = 1 */
} ma_fec_dir;
const char *ma_fec_dir_name(ma_fec_dir d); /* "column", "row" */

typedef struct {
    uint16_t snbase_low;
    uint16_t length_recovery;
    gboolean extension; /* E: the SMPTE 2022-1 four bytes follow */
    uint8_t pt_recovery;
    uint32_t mask; /* RFC 2733's packet mask; 0 in SMPTE 2022-1 */
    uint32_t ts_recovery;
    /* SMPTE 2022-1 extension, 0 when !extension */
    gboolean x, d;
    uint8_t type, index, offset, na, snbase_ext;
    gsize header_len; /* 12 or 16 */
} ma_fec_hdr;

/* The FEC header at the start of an RTP payload: FALSE (err set, with the
 * byte offset) when len is too short for it. */
gboolean ma_fec_parse(const uint8_t *payload, gsize len, ma_fec_hdr *out, GError **err);
/* Is this what an FEC stream sends?  SMPTE 2022-1: E set, X clear, type 0
 * (XOR parity), index 0, mask 0, NA >= 1, offset >= 1 (1 for row FEC);
 * plain RFC 2733: E clear and a non-empty mask. */
gboolean ma_fec_plausible(const ma_fec_hdr *h);
/* RTP payload types RFC 3551 leaves to signalling: 96-127. */
gboolean ma_fec_dynamic_pt(int payload_type);

typedef struct ma_fec_stats ma_fec_stats;
ma_fec_stats *ma_fec_stats_new(void);
void ma_fec_stats_free(ma_fec_stats *s);
/* One FEC packet (rtp: its RTP header, h: its FEC header, NULL when the
 * payload did not hold one: counted as a header error) at frame. */
void ma_fec_stats_add(ma_fec_stats *s, const ma_rtp_hdr *rtp, const ma_fec_hdr *h, uint32_t frame);

typedef struct {
    guint64 packets;  /* FEC packets received */
    guint64 expected; /* by their sequence numbers (RFC 3550 A.3) */
    gint64 lost;      /* holes in their sequence numbers */
    guint64 duplicates, reordered;
    guint64 header_errors; /* packets without a plausible FEC header */
    uint32_t ssrc;
    int payload_type; /* -1 none seen */
    /* the first FEC header's fields */
    gboolean smpte; /* SMPTE 2022-1 extension present */
    ma_fec_dir dir;
    uint32_t snbase_first; /* SNBase (low 16 bits, with the extension's 8 when present) */
    guint offset, na, type;
    guint layout_changes; /* packets whose offset/NA/D differ from the first's */
    uint32_t first_frame, last_frame;
} ma_fec_summary;
void ma_fec_stats_summary(const ma_fec_stats *s, ma_fec_summary *out);

#endif
