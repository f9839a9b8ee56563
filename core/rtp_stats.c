/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp_stats.c - per-flow RTP accumulator: sequence accounting (rtp_loss.c),
 * RFC 3550 A.8 jitter, Wireshark-compatible timing (rtp_jitter_wireshark.c), bitrate
 * and RFC 4445 MDI (mdi.c).  O(1) state per flow plus the 8 KiB bitmap. */
#include "rtp_stats.h"

#include <math.h>

#include "nal_hint.h"
#include "rtp_bursts.h"
#include "rtp_loss.h"
#include "rtp_jitter_wireshark.h"

#define NS_PER_S 1000000000.0
#define MDI_INTERVAL_NS 1000000000LL
/* Clock-rate inference for a dynamic payload type with no SDP: the RTP
 * timestamp advance over at least CLOCK_SPAN_NS of arrivals, snapped to a
 * standard rate within CLOCK_TOLERANCE.  Until then the timing inputs are
 * kept (at most CLOCK_PENDING_MAX packets) and replayed once the rate is
 * known, so the jitter equals what Wireshark computes when told the rate.
 * A stream whose payloads all start with an H.264/H.265 NAL header is video:
 * 90 kHz after MA_CLOCK_NAL_PACKETS packets, however short the capture. */
#define CLOCK_SPAN_NS 2000000000LL
#define CLOCK_TOLERANCE 0.03
#define CLOCK_PENDING_MAX 4096u

typedef struct {
    uint16_t seq;
    gboolean marker;
    int payload_type;
    uint32_t ts;
    gint64 arrival_ns;
    uint32_t frame;
} pending_pkt;

struct ma_rtp_stats {
    guint clock_rate;
    gboolean started;
    uint32_t ssrc;
    int payload_type;
    guint64 packets, bytes, marker_packets, ssrc_changes;
    gint64 first_ns, last_ns;
    ma_rtp_loss seq;
    /* RFC 3550 A.8, timestamp units, over consecutive arrivals */
    gboolean have_transit;
    uint32_t prev_ts;
    gint64 prev_arrival_ns;
    double jitter_ts;
    /* Wireshark's view of the current SSRC */
    ma_rtp_wireshark ws;
    gint64 ws_origin_ns;
    double mdi_rate_bps;
    gint64 mdi_interval_ns;
    ma_mdi *mdi;
    /* the last packet, for ma_rtp_stats_last */
    guint last_holes;
    double last_gap_ms;
    GArray *pending;        /* pending_pkt while the clock rate is unknown; NULL once full */
    ma_clock_source clock_source;
    /* packets in a row whose payload starts like H.264 / H.265 (nal_hint.h);
     * G_MAXUINT once one did not */
    guint nal_h264, nal_h265;
    /* evidence: where the loss and the jitter peak are */
    ma_rtp_bursts bursts;
    uint32_t highest_frame; /* frame of the packet with the highest sequence */
    gint64 highest_ns;
    uint32_t peak_frame; /* frame where jitter_max_ms was reached */
    gint64 peak_ns;
};

ma_rtp_stats *ma_rtp_stats_new(guint clock_rate)
{
    ma_rtp_stats *s = g_new0(ma_rtp_stats, 1);
    s->clock_rate = clock_rate;
    s->clock_source = clock_rate > 0 ? MA_CLOCK_NEGOTIATED : MA_CLOCK_UNKNOWN;
    ma_rtp_loss_init(&s->seq);
    ma_rtp_wireshark_init(&s->ws);
    s->mdi_interval_ns = MDI_INTERVAL_NS;
    s->mdi = ma_mdi_new(MDI_INTERVAL_NS, 0);
    s->pending = g_array_new(FALSE, FALSE, sizeof(pending_pkt));
    ma_rtp_bursts_init(&s->bursts);
    return s;
}

void ma_rtp_stats_free(ma_rtp_stats *s)
{
    if (s == NULL)
        return;
    ma_rtp_loss_clear(&s->seq);
    ma_mdi_free(s->mdi);
    if (s->pending != NULL)
        g_array_free(s->pending, TRUE);
    ma_rtp_bursts_clear(&s->bursts);
    g_free(s);
}

static void rfc_jitter(ma_rtp_stats *s, uint32_t ts, gint64 arrival_ns);

static void timing_add(ma_rtp_stats *s, const pending_pkt *p)
{
    double max_before = s->ws.max_jitter;
    rfc_jitter(s, p->ts, p->arrival_ns);
    ma_rtp_wireshark_add(&s->ws, p->seq, p->ts, p->marker, p->payload_type,
                         (double)(p->arrival_ns - s->ws_origin_ns) / 1e6, s->clock_rate);
    if (s->ws.max_jitter > max_before) { /* MA308 cites this frame */
        s->peak_frame = p->frame;
        s->peak_ns = p->arrival_ns;
    }
}

/* The rate is known now: the timing figures start again from the current
 * SSRC's first packet, as if the rate had been known all along (the jitter
 * peak too, so MA308 cites the frame where the jitter really peaked). */
static void set_clock(ma_rtp_stats *s, guint clock_rate, ma_clock_source src)
{
    if (s->clock_source == MA_CLOCK_USER && src != MA_CLOCK_USER)
        return; /* as Decode As: what the user said wins over the SDP */
    gboolean replay = s->clock_rate == 0 && clock_rate > 0 && s->pending != NULL;
    s->clock_rate = clock_rate;
    s->clock_source = clock_rate > 0 ? src : MA_CLOCK_UNKNOWN;
    if (!replay)
        return;
    ma_rtp_wireshark_init(&s->ws);
    s->have_transit = FALSE;
    s->jitter_ts = 0;
    s->peak_frame = 0;
    s->peak_ns = 0;
    for (guint i = 0; i < s->pending->len; i++)
        timing_add(s, &g_array_index(s->pending, pending_pkt, i));
    g_array_set_size(s->pending, 0);
}

void ma_rtp_stats_set_clock_rate(ma_rtp_stats *s, guint clock_rate)
{
    set_clock(s, clock_rate, MA_CLOCK_NEGOTIATED);
}

void ma_rtp_stats_set_clock(ma_rtp_stats *s, guint clock_rate, ma_clock_source src)
{
    set_clock(s, clock_rate, src);
}

const char *ma_clock_source_name(ma_clock_source src)
{
    switch (src) {
    case MA_CLOCK_NEGOTIATED: return "negotiated";
    case MA_CLOCK_USER: return "user";
    case MA_CLOCK_TIMESTAMPS: return "timestamps";
    case MA_CLOCK_NAL: return "nal-header";
    case MA_CLOCK_UNKNOWN:
    default: return NULL;
    }
}

static void nal_count(guint *run, gboolean fits)
{
    if (*run == G_MAXUINT)
        return;
    *run = fits ? *run + 1 : G_MAXUINT;
}

void ma_rtp_stats_payload(ma_rtp_stats *s, const uint8_t *payload, gsize len)
{
    if (s->clock_rate != 0)
        return;
    guint hint = ma_nal_hint(payload, len);
    nal_count(&s->nal_h264, (hint & MA_NAL_H264) != 0);
    nal_count(&s->nal_h265, (hint & MA_NAL_H265) != 0);
}

static gboolean nal_video(const ma_rtp_stats *s)
{
    return (s->nal_h264 != G_MAXUINT && s->nal_h264 >= MA_CLOCK_NAL_PACKETS) ||
           (s->nal_h265 != G_MAXUINT && s->nal_h265 >= MA_CLOCK_NAL_PACKETS);
}

/* Standard RTP clock rates (RFC 3551 audio, 90 kHz video). */
static const guint standard_rates[] = {8000, 16000, 32000, 44100, 48000, 90000};

static void infer_clock(ma_rtp_stats *s)
{
    if (s->pending == NULL || s->pending->len < 2)
        return;
    const pending_pkt *a = &g_array_index(s->pending, pending_pkt, 0);
    const pending_pkt *b = &g_array_index(s->pending, pending_pkt, s->pending->len - 1);
    gint64 span = b->arrival_ns - a->arrival_ns;
    if (span < CLOCK_SPAN_NS)
        return;
    double rate = (double)(uint32_t)(b->ts - a->ts) * NS_PER_S / (double)span;
    for (gsize i = 0; i < G_N_ELEMENTS(standard_rates); i++) {
        if (fabs(rate / standard_rates[i] - 1.0) < CLOCK_TOLERANCE) {
            set_clock(s, standard_rates[i], MA_CLOCK_TIMESTAMPS);
            return;
        }
    }
}

gboolean ma_rtp_stats_set_mdi_rate(ma_rtp_stats *s, double rate_bps)
{
    if (s->started || !(rate_bps >= 0))
        return FALSE;
    ma_mdi_free(s->mdi);
    s->mdi = ma_mdi_new(s->mdi_interval_ns, rate_bps);
    s->mdi_rate_bps = rate_bps;
    return TRUE;
}

gboolean ma_rtp_stats_set_mdi_interval(ma_rtp_stats *s, gint64 interval_ns)
{
    if (s->started || interval_ns <= 0)
        return FALSE;
    ma_mdi_free(s->mdi);
    s->mdi = ma_mdi_new(interval_ns, s->mdi_rate_bps);
    s->mdi_interval_ns = interval_ns;
    return TRUE;
}

/* Nanoseconds to timestamp units, exact whenever the result is a whole
 * number of units (split so that ns * clock cannot overflow). */
static double ns_to_units(gint64 ns, guint clock_rate)
{
    gint64 sec = ns / 1000000000LL, rem = ns % 1000000000LL;
    return (double)sec * clock_rate + (double)(rem * (gint64)clock_rate) / NS_PER_S;
}

/* RFC 3550 A.8: D = (Rj - Ri) - (Sj - Si) in timestamp units, with the
 * timestamp difference taken modulo 2^32 as a signed value so a wrap or a
 * reordered packet gives the right sign; J += (|D| - J) / 16. */
static void rfc_jitter(ma_rtp_stats *s, uint32_t ts, gint64 arrival_ns)
{
    if (s->clock_rate == 0) {
        s->have_transit = FALSE;
        return;
    }
    if (s->have_transit) {
        double d = ns_to_units(arrival_ns - s->prev_arrival_ns, s->clock_rate) - (double)(int32_t)(ts - s->prev_ts);
        s->jitter_ts += (fabs(d) - s->jitter_ts) / 16.0;
    }
    s->have_transit = TRUE;
    s->prev_ts = ts;
    s->prev_arrival_ns = arrival_ns;
}

/* A new SSRC: new sequence span, new jitter references (Wireshark shows it as
 * another stream); packet, byte, loss and duplicate counts carry on. */
static void new_source(ma_rtp_stats *s, uint32_t ssrc, gint64 arrival_ns)
{
    s->ssrc_changes++;
    s->ssrc = ssrc;
    ma_rtp_loss_new_source(&s->seq);
    s->have_transit = FALSE;
    s->jitter_ts = 0;
    ma_rtp_wireshark_init(&s->ws);
    s->ws_origin_ns = arrival_ns;
    if (s->pending != NULL)
        g_array_set_size(s->pending, 0);
}

void ma_rtp_stats_add(ma_rtp_stats *s, const ma_rtp_hdr *h, gint64 arrival_ns, gsize udp_payload_len)
{
    ma_rtp_stats_add_frame(s, h, arrival_ns, udp_payload_len, 0);
}

/* Bursts: what this packet skipped ahead (or filled late), with the frames
 * around the gap.  Called after the sequence accounting of the packet. */
typedef struct {
    gint64 highest_ext; /* before the packet (G_MININT64 before the first) */
    gint64 lost;
} seq_before;

static void note_loss(ma_rtp_stats *s, uint16_t seq, seq_before before, guint holes, uint32_t frame,
                      gint64 arrival_ns)
{
    const ma_rtp_loss *q = &s->seq;
    gint64 highest_before = before.highest_ext;
    gint64 filled = before.lost + (gint64)holes - ma_rtp_loss_lost(q);
    if (holes > 0) {
        gboolean ahead = q->highest_ext > highest_before;
        uint16_t first = ahead ? (uint16_t)(highest_before + 1) : (uint16_t)q->first_ext;
        ma_rtp_bursts_gap(&s->bursts, first, holes, ahead ? s->highest_frame : frame,
                          ahead ? s->highest_ns : arrival_ns, frame, arrival_ns);
    } else if (filled > 0) {
        ma_rtp_bursts_filled(&s->bursts, seq);
    }
    if (q->highest_ext > highest_before || s->highest_frame == 0) {
        s->highest_frame = frame;
        s->highest_ns = arrival_ns;
    }
}

void ma_rtp_stats_add_frame(ma_rtp_stats *s, const ma_rtp_hdr *h, gint64 arrival_ns,
                            gsize udp_payload_len, uint32_t frame)
{
    guint holes;
    if (!s->started) {
        s->started = TRUE;
        s->ssrc = h->ssrc;
        s->payload_type = h->payload_type;
        s->first_ns = s->ws_origin_ns = arrival_ns;
    } else if (h->ssrc != s->ssrc) {
        new_source(s, h->ssrc, arrival_ns);
    }
    s->last_gap_ms = s->packets > 0 ? (double)(arrival_ns - s->last_ns) / 1e6 : -1;
    s->last_ns = arrival_ns;
    s->packets++;
    s->bytes += udp_payload_len;
    if (h->marker)
        s->marker_packets++;
    seq_before before = {s->seq.started ? s->seq.highest_ext : G_MININT64,
                         ma_rtp_loss_lost(&s->seq)};
    holes = ma_rtp_loss_add(&s->seq, h->seq);
    note_loss(s, h->seq, before, holes, frame, arrival_ns);
    pending_pkt p = {h->seq, h->marker, h->payload_type, h->timestamp, arrival_ns, frame};
    timing_add(s, &p);
    ma_mdi_add(s->mdi, arrival_ns, udp_payload_len, holes);
    s->last_holes = holes;
    if (s->clock_rate != 0 || s->pending == NULL)
        return;
    if (s->pending->len >= CLOCK_PENDING_MAX) {
        g_array_free(s->pending, TRUE); /* too long without a rate: no replay */
        s->pending = NULL;
        return;
    }
    g_array_append_val(s->pending, p);
    if (nal_video(s))
        set_clock(s, 90000, MA_CLOCK_NAL);
    else
        infer_clock(s);
}

void ma_rtp_stats_last(const ma_rtp_stats *s, ma_rtp_last *out)
{
    out->holes = s->last_holes;
    out->jitter_ms = s->clock_rate > 0 ? s->jitter_ts * 1000.0 / (double)s->clock_rate : -1;
    out->gap_ms = s->last_gap_ms;
    out->mdi_intervals = ma_mdi_intervals(s->mdi);
}

const ma_mdi *ma_rtp_stats_mdi(const ma_rtp_stats *s)
{
    return s->mdi;
}

void ma_rtp_stats_bursts(const ma_rtp_stats *s, ma_rtp_burst_summary *out)
{
    ma_rtp_bursts_summary(&s->bursts, out);
}

uint32_t ma_rtp_stats_jitter_peak(const ma_rtp_stats *s, gint64 *ns)
{
    if (ns != NULL)
        *ns = s->peak_ns;
    return s->peak_frame;
}

static void summarize_seq(const ma_rtp_stats *s, ma_rtp_summary *o)
{
    const ma_rtp_loss *q = &s->seq;
    gint64 first = q->first_ext, highest = q->highest_ext;
    o->expected = ma_rtp_loss_expected(q);
    o->lost = ma_rtp_loss_lost(q);
    o->fraction_lost = o->expected > 0 ? (double)o->lost / (double)o->expected : 0;
    o->duplicates = q->duplicates;
    o->reordered = q->reordered;
    o->strays = q->strays;
    o->seq_restarts = q->restarts;
    o->seq_skipped = q->skipped;
    o->seq_valid = q->valid;
    if (!q->started)
        return;
    /* A late packet below a first sequence number near 0 makes the start
     * negative: shift by one cycle so both fit the unsigned fields. */
    if (first < 0) {
        first += 65536;
        highest += 65536;
    }
    o->first_ext_seq = (uint32_t)first;
    o->highest_ext_seq = (uint32_t)highest;
    o->seq_cycles = (guint)((highest >> 16) - (first >> 16));
}

static void summarize_timing(const ma_rtp_stats *s, ma_rtp_summary *o)
{
    const ma_rtp_wireshark *w = &s->ws;
    o->gap_max_ms = w->max_delta;
    o->gap_mean_ms = w->mean_delta;
    o->gap_min_ms = w->min_delta < 0 ? 0 : w->min_delta;
    o->ws_expected = ma_rtp_wireshark_expected(w);
    o->ws_lost = ma_rtp_wireshark_lost(w);
    o->ws_seq_errors = w->sequence;
    o->ws_wrong_timestamps = w->wrong_timestamps;
    o->jitter_known = s->clock_rate != 0;
    if (!o->jitter_known)
        return; /* clock rate unknown: Wireshark shows 0, so do we */
    o->jitter_ts = s->jitter_ts;
    o->jitter_ms = w->jitter;
    o->jitter_max_ms = w->max_jitter;
    o->jitter_mean_ms = w->mean_jitter;
    o->jitter_min_ms = w->min_jitter < 0 ? 0 : w->min_jitter;
}

void ma_rtp_stats_running(const ma_rtp_stats *s, ma_rtp_running *out)
{
    out->packets = s->packets;
    out->lost = ma_rtp_loss_lost(&s->seq);
    /* clock rate unknown: Wireshark shows 0, so do we (summarize_timing) */
    out->jitter_ms = s->clock_rate != 0 ? s->ws.jitter : 0;
}

void ma_rtp_stats_summary(const ma_rtp_stats *s, ma_rtp_summary *out)
{
    ma_rtp_summary o = {0};
    double span_s;
    o.ssrc = s->ssrc;
    o.payload_type = s->payload_type;
    o.clock_rate = s->clock_rate;
    o.clock_source = s->clock_source;
    o.clock_inferred = s->clock_source == MA_CLOCK_TIMESTAMPS || s->clock_source == MA_CLOCK_NAL;
    o.packets = s->packets;
    o.bytes = s->bytes;
    o.ssrc_changes = s->ssrc_changes;
    o.marker_packets = s->marker_packets;
    o.first_ns = s->first_ns;
    o.last_ns = s->last_ns;
    summarize_seq(s, &o);
    summarize_timing(s, &o);
    span_s = (double)(s->last_ns - s->first_ns) / NS_PER_S;
    o.bitrate_bps = span_s > 0 ? (double)s->bytes * 8.0 / span_s : 0;
    ma_mdi_result(s->mdi, &o.mdi_df_ms, &o.mdi_mlr, &o.mdi_rate_bps);
    *out = o;
}
