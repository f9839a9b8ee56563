/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp_bursts.h - loss described as bursts (internal to rtp_stats.c): each
 * time a packet jumps ahead of the highest sequence number, the numbers it
 * skips are one burst, with the frames on either side of the gap; a late
 * packet that fills one of its holes makes that burst smaller.  Bounded:
 * MA_RTP_BURSTS_KEPT bursts are kept; later ones are only counted. */
#ifndef MA_RTP_BURSTS_H
#define MA_RTP_BURSTS_H

#include "rtp_stats.h"

#define MA_RTP_BURSTS_KEPT 4096u
/* How far back a late packet's burst is looked for (reordering is local). */
#define MA_RTP_BURSTS_LOOKBACK 128u

typedef struct {
    GArray *kept;      /* ma_rtp_burst, capture order */
    guint64 untracked; /* bursts past MA_RTP_BURSTS_KEPT (counted only) */
    guint untracked_longest;
    guint64 untracked_lost;
} ma_rtp_bursts;

void ma_rtp_bursts_init(ma_rtp_bursts *b);
void ma_rtp_bursts_clear(ma_rtp_bursts *b);
/* lost numbers starting at first_seq went missing between the packet of
 * frame_before (ns_before) and this one. */
void ma_rtp_bursts_gap(ma_rtp_bursts *b, uint16_t first_seq, guint lost, uint32_t frame_before,
                       gint64 ns_before, uint32_t frame_after, gint64 ns_after);
/* A late packet with sequence number seq filled a hole. */
void ma_rtp_bursts_filled(ma_rtp_bursts *b, uint16_t seq);
void ma_rtp_bursts_summary(const ma_rtp_bursts *b, ma_rtp_burst_summary *out);

#endif
