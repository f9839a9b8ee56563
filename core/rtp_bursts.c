/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp_bursts.c - loss bursts of one RTP flow (rtp_bursts.h).  A burst is
 * what one forward jump skipped: for a support engineer "25 packets lost
 * in 3 bursts, the longest 12 at 2.480 s between frames 130 and 131" says
 * whether the network dropped a moment (a switch buffer, a link flap) or
 * drips loss all the time (a duplex mismatch, a saturated port). */
#include "rtp_bursts.h"

#include <string.h>

void ma_rtp_bursts_init(ma_rtp_bursts *b)
{
    memset(b, 0, sizeof *b);
    b->kept = g_array_new(FALSE, FALSE, sizeof(ma_rtp_burst));
}

void ma_rtp_bursts_clear(ma_rtp_bursts *b)
{
    if (b->kept != NULL)
        g_array_free(b->kept, TRUE);
    memset(b, 0, sizeof *b);
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters) before/after pairs in time order
void ma_rtp_bursts_gap(ma_rtp_bursts *b, uint16_t first_seq, guint lost, uint32_t frame_before,
                       gint64 ns_before, uint32_t frame_after, gint64 ns_after)
{
    if (lost == 0)
        return;
    if (b->kept->len >= MA_RTP_BURSTS_KEPT) {
        b->untracked++;
        b->untracked_lost += lost;
        if (lost > b->untracked_longest)
            b->untracked_longest = lost;
        return;
    }
    ma_rtp_burst burst = {lost, lost, first_seq, frame_before, frame_after, ns_before, ns_after};
    g_array_append_val(b->kept, burst);
}

void ma_rtp_bursts_filled(ma_rtp_bursts *b, uint16_t seq)
{
    guint stop = b->kept->len > MA_RTP_BURSTS_LOOKBACK ? b->kept->len - MA_RTP_BURSTS_LOOKBACK : 0;
    for (guint i = b->kept->len; i > stop; i--) {
        ma_rtp_burst *g = &g_array_index(b->kept, ma_rtp_burst, i - 1);
        if (g->lost > 0 && (uint16_t)(seq - g->first_seq) < g->skipped) {
            g->lost--;
            return;
        }
    }
}

/* Larger first; equal ones in capture order. */
static gboolean larger(const ma_rtp_burst *a, const ma_rtp_burst *b)
{
    return a->lost > b->lost || (a->lost == b->lost && a->ns_after < b->ns_after);
}

void ma_rtp_bursts_summary(const ma_rtp_bursts *b, ma_rtp_burst_summary *out)
{
    memset(out, 0, sizeof *out);
    out->count = b->untracked;
    out->longest = b->untracked_longest;
    out->untracked = b->untracked;
    for (guint i = 0; b->kept != NULL && i < b->kept->len; i++) {
        const ma_rtp_burst *g = &g_array_index(b->kept, ma_rtp_burst, i);
        if (g->lost == 0)
            continue; /* every hole filled late: reordering, not loss */
        out->count++;
        if (g->lost > out->longest)
            out->longest = g->lost;
        /* insertion into the MA_RTP_BURSTS_SHOWN largest */
        guint at = out->n_largest;
        while (at > 0 && larger(g, &out->largest[at - 1]))
            at--;
        if (at >= MA_RTP_BURSTS_SHOWN)
            continue;
        guint last =
            out->n_largest < MA_RTP_BURSTS_SHOWN ? out->n_largest : MA_RTP_BURSTS_SHOWN - 1;
        memmove(&out->largest[at + 1], &out->largest[at], (last - at) * sizeof *g);
        out->largest[at] = *g;
        if (out->n_largest < MA_RTP_BURSTS_SHOWN)
            out->n_largest++;
    }
}
