/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp_loss.c - see rtp_loss.h.
 *
 * Where we follow RFC 3550 A.1 and where we depart from it:
 * - The classification of a packet by udelta = seq - max_seq (mod 2^16) is
 *   A.1's: < MAX_DROPOUT ahead is in order (a gap is loss), fewer than
 *   MAX_MISORDER behind is late or duplicate, anything else is a "bad" jump
 *   that becomes a restart when the next packet (bad_seq) confirms it.
 * - A.1 re-bases the span when probation ends (base_seq = second packet) and
 *   drops probation packets from 'received'.  We count from the very first
 *   packet, as Wireshark does: probation only sets 'valid'.
 * - A.1 counts received packets and derives lost = expected - received, so a
 *   duplicate hides a loss.  We keep a bitmap of received sequence numbers:
 *   lost = holes in [first, highest], duplicates and reordered apart.
 * - A late packet below the first sequence number moves the span start down
 *   (A.1 never moves base_seq); the numbers in between become holes.
 * - A "bad" jump backwards onto a hole of the window (less than half the
 *   sequence space back) is a late packet filling its hole, not a restart.
 * - On a confirmed restart the new span starts at the packet that set
 *   bad_seq (A.1 starts at the confirming one and drops the first).
 * Invariant: packets = (expected - lost) + duplicates + strays. */
#include "rtp_loss.h"

#include <string.h>

#include "rtp_stats.h"

#define SEQ_MOD 65536
#define BAD_SEQ_NONE (SEQ_MOD + 1)
#define HALF_SPACE 32768

enum { BAD_AS_STRAY = 1, BAD_AS_DUP = 2, BAD_AS_REORDERED = 4 };

static guint bit_index(gint64 ext)
{
    return (guint)((guint64)ext & (MA_RTP_LOSS_WINDOW - 1));
}

static gboolean bit_get(const ma_rtp_loss *q, gint64 ext)
{
    guint i = bit_index(ext);
    return ((q->bitmap[i >> 3] >> (i & 7)) & 1u) != 0;
}

static void bit_set(ma_rtp_loss *q, gint64 ext, gboolean on)
{
    guint i = bit_index(ext);
    if (on)
        q->bitmap[i >> 3] |= (uint8_t)(1u << (i & 7));
    else
        q->bitmap[i >> 3] &= (uint8_t)~(1u << (i & 7));
}

/* Bits are meaningful for ext in (highest - W, highest]. */
static gboolean in_window(const ma_rtp_loss *q, gint64 ext)
{
    return ext <= q->highest_ext && ext > q->highest_ext - MA_RTP_LOSS_WINDOW;
}

void ma_rtp_loss_init(ma_rtp_loss *q)
{
    memset(q, 0, sizeof *q);
    q->bad_seq = BAD_SEQ_NONE;
}

void ma_rtp_loss_clear(ma_rtp_loss *q)
{
    g_free(q->bitmap);
    ma_rtp_loss_init(q);
}

static void close_span(ma_rtp_loss *q)
{
    if (!q->started)
        return;
    q->expected_prior += (guint64)(q->highest_ext - q->first_ext + 1);
    q->lost_prior += (guint64)q->lost;
    q->lost = 0;
    q->started = FALSE;
}

/* A new span [first, first + n - 1], all received. */
static void open_span(ma_rtp_loss *q, uint16_t first, guint n)
{
    if (q->bitmap == NULL)
        q->bitmap = g_malloc0(MA_RTP_LOSS_WINDOW / 8);
    else
        memset(q->bitmap, 0, MA_RTP_LOSS_WINDOW / 8);
    q->started = TRUE;
    q->first_ext = first;
    q->highest_ext = (gint64)first + n - 1;
    q->max_seq = (uint16_t)(first + n - 1);
    for (gint64 e = q->first_ext; e <= q->highest_ext; e++)
        bit_set(q, e, TRUE);
    q->lost = 0;
    q->bad_seq = BAD_SEQ_NONE;
    q->bad_kind = 0;
}

void ma_rtp_loss_new_source(ma_rtp_loss *q)
{
    close_span(q);
    q->valid = FALSE;
    q->probation = 0;
}

/* A.1 probation: MIN_SEQUENTIAL packets in a row make the source valid. */
static void probation_step(ma_rtp_loss *q, uint16_t udelta)
{
    if (q->probation == 0)
        return;
    if (udelta == 1) {
        if (--q->probation == 0)
            q->valid = TRUE;
    } else {
        q->probation = MA_RTP_MIN_SEQUENTIAL - 1;
    }
}

static guint advance(ma_rtp_loss *q, uint16_t seq, guint udelta)
{
    for (guint i = 1; i <= udelta; i++)
        bit_set(q, q->highest_ext + i, FALSE); /* entering the window */
    q->highest_ext += udelta;
    q->max_seq = seq;
    bit_set(q, q->highest_ext, TRUE);
    q->lost += udelta - 1;
    return udelta - 1;
}

/* A packet behind the highest: below the span, a hole, or a duplicate. */
static guint late(ma_rtp_loss *q, gint64 ext)
{
    if (ext < q->first_ext) {
        guint holes = (guint)(q->first_ext - ext - 1);
        q->lost += holes;
        q->first_ext = ext;
        bit_set(q, ext, TRUE);
        q->reordered++;
        return holes;
    }
    if (bit_get(q, ext)) {
        q->duplicates++;
        return 0;
    }
    bit_set(q, ext, TRUE);
    q->lost--;
    q->reordered++;
    return 0;
}

/* A.1's confirmed restart: the packet that set bad_seq and this one open a
 * new span; undo how the first of them was counted. */
static void restart(ma_rtp_loss *q, uint16_t seq)
{
    if (q->bad_kind & BAD_AS_STRAY)
        q->strays--;
    if (q->bad_kind & BAD_AS_DUP)
        q->duplicates--;
    if (q->bad_kind & BAD_AS_REORDERED)
        q->reordered--;
    /* A forward restart may be an outage longer than MAX_DROPOUT packets:
     * A.1 does not count those numbers as lost, so keep them apart. */
    if ((uint16_t)(seq - 1 - q->max_seq) < HALF_SPACE)
        q->skipped += (uint16_t)(seq - 1 - q->max_seq) - 1u;
    close_span(q);
    open_span(q, (uint16_t)(seq - 1), 2);
    q->restarts++;
    q->valid = TRUE; /* two in a row, as A.1's init_seq after bad_seq */
    q->probation = 0;
}

/* A jump of MAX_DROPOUT or more ahead, or MAX_MISORDER or more behind. */
static void bad_jump(ma_rtp_loss *q, uint16_t udelta)
{
    uint16_t seq = (uint16_t)(q->max_seq + udelta); /* the number that arrived */
    gboolean backward = udelta > HALF_SPACE;
    gint64 ext = q->highest_ext - (SEQ_MOD - (gint64)udelta);
    gboolean known = backward && ext >= q->first_ext && in_window(q, ext);
    if (seq == q->bad_seq) {
        restart(q, seq);
        return;
    }
    if (known && !bit_get(q, ext)) {
        late(q, ext); /* very late, fills its hole */
        return;
    }
    if (known) {
        q->duplicates++;
        q->bad_kind = BAD_AS_DUP;
    } else {
        q->strays++;
        q->bad_kind = BAD_AS_STRAY;
        if (backward) {
            q->reordered++;
            q->bad_kind |= BAD_AS_REORDERED;
        }
    }
    q->bad_seq = (uint32_t)((seq + 1) & (SEQ_MOD - 1));
}

guint ma_rtp_loss_add(ma_rtp_loss *q, uint16_t seq)
{
    uint16_t udelta;
    if (!q->started) {
        open_span(q, seq, 1);
        q->probation = q->valid ? 0 : MA_RTP_MIN_SEQUENTIAL - 1;
        return 0;
    }
    udelta = (uint16_t)(seq - q->max_seq);
    probation_step(q, udelta);
    if (udelta == 0) {
        q->duplicates++;
        return 0;
    }
    if (udelta < MA_RTP_MAX_DROPOUT)
        return advance(q, seq, udelta);
    if (udelta > SEQ_MOD - MA_RTP_MAX_MISORDER)
        return late(q, q->highest_ext - (SEQ_MOD - (gint64)udelta));
    bad_jump(q, udelta);
    return 0;
}

guint64 ma_rtp_loss_expected(const ma_rtp_loss *q)
{
    return q->expected_prior + (q->started ? (guint64)(q->highest_ext - q->first_ext + 1) : 0);
}

gint64 ma_rtp_loss_lost(const ma_rtp_loss *q)
{
    return (gint64)q->lost_prior + q->lost;
}
