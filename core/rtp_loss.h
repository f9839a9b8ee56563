/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp_loss.h - RTP sequence-number accounting for one source: RFC 3550 A.1
 * (extended highest sequence, cycles, MAX_DROPOUT / MAX_MISORDER, bad_seq
 * restart, MIN_SEQUENTIAL probation) and exact loss, duplicate and reorder
 * counts from a sliding bitmap of received sequence numbers.
 * Internal to rtp_stats.c; kept apart so the rules are testable alone. */
#ifndef MA_RTP_LOSS_H
#define MA_RTP_LOSS_H

#include <glib.h>
#include <stdint.h>

/* Received-bitmap window, in sequence numbers behind the highest (8 KiB). */
#define MA_RTP_LOSS_WINDOW 65536

typedef struct {
    gboolean started;       /* a span exists */
    gboolean valid;         /* A.1 probation passed (MIN_SEQUENTIAL in a row) */
    guint probation;        /* sequential packets still needed */
    uint16_t max_seq;       /* A.1 max_seq: 16-bit highest */
    gint64 first_ext;       /* span start; the first packet has cycles 0 */
    gint64 highest_ext;     /* span end (extended highest) */
    uint32_t bad_seq;       /* A.1 bad_seq; 0x10001 = none */
    guint bad_kind;         /* how the packet that set bad_seq was counted */
    gint64 lost;            /* holes in the current span */
    guint64 lost_prior;     /* holes of spans closed by restarts / SSRC changes */
    guint64 expected_prior; /* their expected counts */
    guint64 duplicates, reordered, strays, restarts;
    guint64 skipped;        /* numbers jumped over by forward restarts */
    uint8_t *bitmap;        /* MA_RTP_LOSS_WINDOW bits, bit (ext mod W) */
} ma_rtp_loss;

void ma_rtp_loss_init(ma_rtp_loss *q);
void ma_rtp_loss_clear(ma_rtp_loss *q);
/* Close the current span (its counts stay) so that the next packet starts a
 * new one: used when the SSRC changes. */
void ma_rtp_loss_new_source(ma_rtp_loss *q);
/* Account one packet; returns the number of new holes it revealed (sequence
 * numbers skipped ahead, or below the old span start), for RFC 4445 MLR. */
guint ma_rtp_loss_add(ma_rtp_loss *q, uint16_t seq);
/* Totals over all spans. */
guint64 ma_rtp_loss_expected(const ma_rtp_loss *q);
gint64 ma_rtp_loss_lost(const ma_rtp_loss *q);

#endif
