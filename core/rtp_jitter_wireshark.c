/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp_jitter_wireshark.c - see rtp_jitter_wireshark.h.  Line numbers refer to Wireshark 4.0.17's
 * ui/tap-rtp-analysis.c (rtppacket_analyse, lines 163-533) and
 * ui/tap-rtp-common.c (rtpstream_info_calculate, lines 463-472).  The order
 * of operations is kept, because the figures depend on it:
 * - the first packet only sets the references (181-223): no delta, no jitter;
 * - "in time sequence" compares the timestamp with the FIRST packet's, not
 *   the previous one (247-259): a timestamp up to 2^31 behind the first is a
 *   "wrong timestamp" and is left out of delta and jitter entirely;
 * - jitter is computed in ms (363-385): the timestamp difference is divided
 *   by (clock_rate / 1000) in integer arithmetic, then
 *   J = (15 J + |arrival - expected|) / 16, where expected = last in-time
 *   arrival + timestamp difference since that packet.  RFC 3550 A.8 gives
 *   the same J in timestamp units when clock_rate is a multiple of 1000;
 * - packets with the marker bit, comfort noise (PT 13 or 19) or following a
 *   comfort-noise packet, and wrong timestamps are not "regular" (450-454):
 *   they are left out of min/max/mean delta and of min/max/mean jitter, but
 *   the running jitter was already updated with them (markers, CN);
 * - mean delta and mean jitter (478, 497) are updated only for regular
 *   packets as mean = (mean * (n - 1) + x) / n where n counts ALL packets
 *   before this one (total_nr): with irregular packets it is not a true mean;
 * - Max Delta is the largest arrival difference between a regular packet
 *   and the last in-time packet before it (456);
 * - sequence errors and cycles (264-321) and Lost = expected - total_nr
 *   (tap-rtp-common.c 464-467) with expected = stop + 65536 cycles - start + 1
 *   where stop is the LAST ARRIVED sequence number (528).
 * Where we cannot follow: a clock rate below 1000 Hz makes Wireshark divide
 * by zero; we divide by clock_rate / 1000.0 instead.  Wireshark picks the
 * clock rate per packet from its payload type; we use the flow's. */
#include "rtp_jitter_wireshark.h"

#include <math.h>
#include <string.h>

#define PT_CN 13
#define PT_CN_OLD 19

void ma_rtp_wireshark_init(ma_rtp_wireshark *w)
{
    memset(w, 0, sizeof *w);
}

static void first_packet(ma_rtp_wireshark *w, uint16_t seq, uint32_t ts, int pt, double t)
{
    w->started = TRUE;
    w->start_seq_nr = w->stop_seq_nr = w->seq_num = seq;
    w->first_timestamp = ts;
    w->time = t;
    w->lastnominaltime = 0;
    w->pt = pt;
    w->delta = 0;
    w->max_delta = 0;
    w->min_delta = -1;
    w->mean_delta = 0;
    w->jitter = 0;
    w->min_jitter = -1;
    w->max_jitter = 0;
    w->diff = 0;
    w->total_nr = 1;
}

/* Lines 247-259: relative to the first timestamp, within 2^31 ahead. */
static gboolean in_time_sequence(uint32_t first, uint32_t ts)
{
    if (first <= ts && (gint64)ts - (gint64)first < 0x80000000LL)
        return TRUE;
    return first > ts && ((gint64)0xFFFFFFFF - (gint64)first) + (gint64)ts < 0x80000000LL;
}

/* Lines 264-285: wrap counting by comparison with the start. */
static void count_cycles(ma_rtp_wireshark *w, uint16_t seq, gboolean in_time)
{
    if (!in_time)
        return;
    /* 264 and 274 (start 0, 65535 then 0) do the same: merged */
    if ((seq < w->start_seq_nr || (seq == 0 && w->stop_seq_nr == 65535)) && !w->under) {
        w->seq_cycles++;
        w->under = TRUE;
    } else if (seq > w->start_seq_nr && w->under) {
        w->under = FALSE;
    }
}

/* Lines 294-321 (int arithmetic, as the guint16 fields promote to int). */
static void count_seq_errors(ma_rtp_wireshark *w, uint16_t seq, gboolean in_time)
{
    int last = w->seq_num, cur = seq;
    /* 294 and 300 (in order, or 65535 then 0) do the same: merged */
    if (in_time && (last + 1 == cur || (last == 65535 && cur == 0))) {
        w->seq_num = seq;
    } else if (in_time && (last + 1 < cur || last - cur > 0xFF00)) {
        w->seq_num = seq;
        w->sequence++;
    } else if (last + 1 > cur) {
        w->sequence++;
    }
}

/* Lines 363-417: returns current_jitter (0 when not computed). */
static double update_jitter(ma_rtp_wireshark *w, uint32_t ts, double t, guint clock_rate)
{
    double divisor, nominaltime, expected_time;
    if (clock_rate == 0) {
        w->delta = t - w->time;
        return 0;
    }
    /* (clock_rate / 1000) is integer division in Wireshark (374): 44100 Hz
     * becomes 44, so we must truncate too to give the same figures. */
    divisor = clock_rate >= 1000 ? (double)(clock_rate / 1000) /* NOLINT(bugprone-integer-division) */
                                 : clock_rate / 1000.0;
    /* guint32_wraparound_diff(ts, first) is (ts - first) mod 2^32 (368). */
    nominaltime = (double)(uint32_t)(ts - w->first_timestamp) / divisor;
    expected_time = w->time + (nominaltime - w->lastnominaltime);
    w->diff = fabs(t - expected_time);
    w->jitter = (15 * w->jitter + w->diff) / 16;
    w->delta = t - w->time;
    w->lastnominaltime = nominaltime;
    return w->jitter;
}

/* Lines 456-505, regular packets only. */
static void update_extremes(ma_rtp_wireshark *w, double current_jitter, guint clock_rate)
{
    double n = (double)w->total_nr;
    if (w->delta > w->max_delta)
        w->max_delta = w->delta;
    if (w->min_delta == -1 || w->delta < w->min_delta)
        w->min_delta = w->delta;
    w->mean_delta = (w->mean_delta * (n - 1) + w->delta) / n;
    if (clock_rate == 0)
        return;
    if (w->jitter > w->max_jitter)
        w->max_jitter = w->jitter;
    w->mean_jitter = (w->mean_jitter * (n - 1) + current_jitter) / n;
    if (w->min_jitter == -1 || w->jitter < w->min_jitter)
        w->min_jitter = w->jitter;
}

void ma_rtp_wireshark_add(ma_rtp_wireshark *w, uint16_t seq, uint32_t timestamp, gboolean marker, int payload_type,
                      double arrival_ms, guint clock_rate)
{
    gboolean in_time, regular;
    double current_jitter = 0;
    if (!w->started) {
        first_packet(w, seq, timestamp, payload_type, arrival_ms);
        return;
    }
    in_time = in_time_sequence(w->first_timestamp, timestamp);
    if (!in_time)
        w->wrong_timestamps++;
    count_cycles(w, seq, in_time);
    count_seq_errors(w, seq, in_time);
    regular = in_time && !marker && payload_type != PT_CN && payload_type != PT_CN_OLD && w->pt != PT_CN &&
              w->pt != PT_CN_OLD;
    w->pt = payload_type;
    if (in_time)
        current_jitter = update_jitter(w, timestamp, arrival_ms, clock_rate);
    if (regular)
        update_extremes(w, current_jitter, clock_rate);
    if (in_time)
        w->time = arrival_ms;
    w->stop_seq_nr = seq;
    w->total_nr++;
}

gint64 ma_rtp_wireshark_expected(const ma_rtp_wireshark *w)
{
    if (!w->started)
        return 0;
    return ((gint64)w->stop_seq_nr + w->seq_cycles * 0x10000) - w->start_seq_nr + 1;
}

gint64 ma_rtp_wireshark_lost(const ma_rtp_wireshark *w)
{
    return ma_rtp_wireshark_expected(w) - (gint64)w->total_nr;
}
