/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture.c - the time-ordered packet queue, pcap output and the RTP flow
 * ground truth, counted from the packets in the order they are written. */
#include "gen.h"

#include <pcap/pcap.h>
#include <string.h>

typedef struct {
    guint64 t_us;
    guint order; /* insertion order: ties keep it, so output is deterministic */
    GByteArray *frame;
    int flow;
    guint32 ext_seq;
} gen_packet;

struct gen_capture {
    GArray *packets; /* gen_packet */
    GPtrArray *flows; /* gen_flow* */
    gen_counts counts;
    gen_wrap wrap;
};

void gen_capture_set_wrap(gen_capture *cap, gen_wrap w)
{
    cap->wrap = w;
}

static void flow_free(gpointer p)
{
    gen_flow *f = p;
    g_free(f->src);
    g_free(f->dst);
    g_free(f);
}

gen_capture *gen_capture_new(void)
{
    gen_capture *cap = g_new0(gen_capture, 1);
    cap->packets = g_array_new(FALSE, FALSE, sizeof(gen_packet));
    cap->flows = g_ptr_array_new_with_free_func(flow_free);
    return cap;
}

void gen_capture_free(gen_capture *cap)
{
    if (!cap)
        return;
    for (guint i = 0; i < cap->packets->len; i++)
        g_byte_array_unref(g_array_index(cap->packets, gen_packet, i).frame);
    g_array_free(cap->packets, TRUE);
    g_ptr_array_free(cap->flows, TRUE);
    g_free(cap);
}

void gen_capture_add(gen_capture *cap, guint64 t_us, GByteArray *frame, int flow, guint32 ext_seq)
{
    gen_packet p = { t_us, cap->packets->len, frame, flow, ext_seq };
    g_array_append_val(cap->packets, p);
}

int gen_capture_add_flow(gen_capture *cap, const gen_flow *tmpl)
{
    gen_flow *f = g_new0(gen_flow, 1);
    *f = *tmpl;
    f->src = g_strdup(tmpl->src);
    f->dst = g_strdup(tmpl->dst);
    f->packets = f->expected = f->lost = f->duplicates = f->reordered = 0;
    g_ptr_array_add(cap->flows, f);
    return (int)cap->flows->len - 1;
}

GPtrArray *gen_capture_flows(gen_capture *cap)
{
    return cap->flows;
}

gen_counts *gen_capture_counts(gen_capture *cap)
{
    return &cap->counts;
}

/* NOLINTNEXTLINE(bugprone-easily-swappable-parameters): GCompareFunc signature */
static gint packet_cmp(gconstpointer a, gconstpointer b)
{
    const gen_packet *x = a, *y = b;
    if (x->t_us != y->t_us)
        return x->t_us < y->t_us ? -1 : 1;
    return x->order < y->order ? -1 : (x->order > y->order);
}

/* Per-flow bookkeeping while walking the written order. */
typedef struct {
    GHashTable *seen; /* ext_seq -> 1 */
    gboolean any;
    guint32 first, highest, lowest;
} flow_walk;

static void count_rtp(gen_flow *f, flow_walk *w, guint32 seq)
{
    f->packets++;
    if (f->rtcp || f->udp)
        return;
    if (g_hash_table_contains(w->seen, GUINT_TO_POINTER(seq))) {
        f->duplicates++;            /* a copy written again */
        return;
    }
    g_hash_table_add(w->seen, GUINT_TO_POINTER(seq));
    if (!w->any) {
        w->any = TRUE;
        w->highest = w->lowest = seq;
        return;
    }
    if (seq < w->highest)
        f->reordered++;             /* below the highest seq already written */
    else
        w->highest = seq;
    if (seq < w->lowest)
        w->lowest = seq;
}

static void finish_flow(gen_flow *f, flow_walk *w)
{
    if (f->rtcp || f->udp || !w->any)
        return;
    /* lost = sequence numbers never written inside [lowest, highest]. */
    f->expected = w->highest - w->lowest + 1;
    f->lost = f->expected - g_hash_table_size(w->seen);
}

static void count_flows(gen_capture *cap)
{
    guint n = cap->flows->len;
    flow_walk *walks = g_new0(flow_walk, n ? n : 1);
    for (guint i = 0; i < n; i++)
        walks[i].seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (guint i = 0; i < cap->packets->len; i++) {
        const gen_packet *p = &g_array_index(cap->packets, gen_packet, i);
        if (p->flow < 0 || (guint)p->flow >= n)
            continue;
        gen_flow *f = g_ptr_array_index(cap->flows, p->flow);
        if (f->ts != NULL)
            gen_ts_truth_add(&f->ts_truth, f->ts, p->ext_seq - f->ts_seq0, p->t_us);
        if (f->raw_ts)
            f->packets++; /* datagrams: raw TS has no sequence number */
        else
            count_rtp(f, &walks[p->flow], p->ext_seq);
    }
    for (guint i = 0; i < n; i++) {
        gen_flow *f = g_ptr_array_index(cap->flows, i);
        if (f->ts != NULL)
            gen_ts_truth_finish(&f->ts_truth);
        if (!f->raw_ts)
            finish_flow(f, &walks[i]);
        g_hash_table_destroy(walks[i].seen);
    }
    g_free(walks);
}

gboolean gen_capture_write(gen_capture *cap, const char *path, GError **error)
{
    g_array_sort(cap->packets, packet_cmp);
    count_flows(cap);
    pcap_t *dead = pcap_open_dead(gen_wrap_dlt(cap->wrap), 65535);
    if (!dead) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "pcap_open_dead failed");
        return FALSE;
    }
    pcap_dumper_t *d = pcap_dump_open(dead, path);
    if (!d) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: %s", path, pcap_geterr(dead));
        pcap_close(dead);
        return FALSE;
    }
    for (guint i = 0; i < cap->packets->len; i++) {
        const gen_packet *p = &g_array_index(cap->packets, gen_packet, i);
        struct pcap_pkthdr h;
        memset(&h, 0, sizeof h);
        h.ts.tv_sec = (time_t)(p->t_us / G_USEC_PER_SEC);
        h.ts.tv_usec = (suseconds_t)(p->t_us % G_USEC_PER_SEC);
        GByteArray *frame = gen_wrap_frame(cap->wrap, p->frame, i);
        h.caplen = h.len = frame->len;
        pcap_dump((u_char *)d, &h, frame->data);
        g_byte_array_unref(frame);
    }
    gboolean ok = pcap_dump_flush(d) == 0;
    pcap_dump_close(d);
    pcap_close(dead);
    if (!ok)
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_IO, "%s: write failed", path);
    return ok;
}
