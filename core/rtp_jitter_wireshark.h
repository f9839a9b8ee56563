/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp_jitter_wireshark.h - a faithful copy of the arithmetic of Wireshark 4.0's RTP
 * stream analysis (ui/tap-rtp-analysis.c rtppacket_analyse, and
 * ui/tap-rtp-common.c rtpstream_info_calculate for expected/lost), so our
 * jitter, "Max Delta" and "Mean Jitter" equal what tshark -z rtp,streams
 * prints, and so we can show what Wireshark would say about loss.
 * Internal to rtp_stats.c. */
#ifndef MA_RTP_JITTER_WIRESHARK_H
#define MA_RTP_JITTER_WIRESHARK_H

#include <glib.h>
#include <stdint.h>

typedef struct {
    gboolean started;
    uint32_t first_timestamp;
    double time;            /* arrival (ms) of the last in-time packet */
    double lastnominaltime; /* ms since the first timestamp, last in-time packet */
    double delta, jitter, diff;
    double min_delta, max_delta, mean_delta;
    double min_jitter, max_jitter, mean_jitter;
    guint64 total_nr;       /* packets analysed, the first included */
    int pt;                 /* payload type of the previous packet */
    /* sequence bookkeeping (its Lost = expected - total_nr) */
    uint16_t seq_num, start_seq_nr, stop_seq_nr;
    gboolean under;
    gint64 seq_cycles;
    guint64 sequence;       /* "Seq errs" */
    guint64 wrong_timestamps;
} ma_rtp_wireshark;

void ma_rtp_wireshark_init(ma_rtp_wireshark *w);
/* arrival_ms: arrival in ms on any fixed origin; clock_rate 0 = unknown
 * (Wireshark then computes deltas but no jitter). */
void ma_rtp_wireshark_add(ma_rtp_wireshark *w, uint16_t seq, uint32_t timestamp, gboolean marker, int payload_type,
                      double arrival_ms, guint clock_rate);
gint64 ma_rtp_wireshark_expected(const ma_rtp_wireshark *w);
gint64 ma_rtp_wireshark_lost(const ma_rtp_wireshark *w);

#endif
