/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_frame.c - the decoder object and the entry point for one frame:
 * counts every frame once and dispatches IP payloads to the transports. */
#include "decode_internal.h"

#include "bigendian.h"

#include <netinet/in.h>
#include "rtsp.h"

static void set_port(ma_decoder *d, uint16_t port)
{
    d->rtsp_port[port >> 3] |= (uint8_t)(1u << (port & 7));
}

gboolean ma_decoder_is_rtsp_port(const ma_decoder *d, uint16_t port)
{
    return ((d->rtsp_port[port >> 3] >> (port & 7)) & 1u) != 0;
}

ma_decoder *ma_decoder_new(const ma_decoder_opts *opts, const ma_sink *sink, ma_decode_stats *st)
{
    ma_decoder *d = g_new0(ma_decoder, 1);
    d->sink = *sink;
    d->st = st;
    d->max_reassembly = (opts && opts->max_reassembly_bytes) ? opts->max_reassembly_bytes
                                                             : MA_DEC_DEFAULT_REASSEMBLY;
    set_port(d, MA_RTSP_PORT);
    set_port(d, MA_RTSP_ALT_PORT);
    if (opts) {
        for (guint i = 0; i < opts->n_rtsp_ports; i++)
            set_port(d, opts->rtsp_ports[i]);
    }
    d->frags = ma_frag_table_new();
    d->tcp = ma_tcp_table_new();
    return d;
}

void ma_decoder_flush(ma_decoder *d)
{
    ma_tcp_flush(d);
    /* Unfinished datagrams can no longer complete: count them dropped. */
    ma_frag_table_free(d->frags, d->st);
    d->frags = ma_frag_table_new();
}

void ma_decoder_free(ma_decoder *d)
{
    if (!d)
        return;
    ma_frag_table_free(d->frags, d->st);
    ma_tcp_table_free(d->tcp);
    g_free(d);
}

ma_dec_result ma_decode_frame(ma_decoder *d, const ma_frame_in *in)
{
    ma_decode_stats *st = d->st;
    gint64 ts_ns = in->ts_ns;
    ma_pkt p = {.d = d,
                .meta = {.frame = in->frame, .ts_ns = ts_ns},
                .ttl = -1,
                .snapped = in->caplen < in->wirelen};

    if (st->frames == 0 || ts_ns < st->first_ns)
        st->first_ns = ts_ns;
    if (st->frames == 0 || ts_ns > st->last_ns)
        st->last_ns = ts_ns;
    st->frames++;

    ma_dec_result r = ma_decode_link(&p, in->dlt, in->data, in->caplen);
    if (r == MA_DEC_SKIPPED)
        st->undecoded++;
    else if (r == MA_DEC_MALFORMED)
        st->malformed++;
    return r;
}

ma_dec_result ma_decode_transport(ma_pkt *p, int proto, const uint8_t *data, gsize len)
{
    switch (proto) {
    case IPPROTO_IGMP: return p->src.family == 4 ? ma_decode_igmp(p, data, len) : MA_DEC_SKIPPED;
    case IPPROTO_TCP: return ma_decode_tcp(p, data, len);
    case IPPROTO_UDP: return ma_decode_udp(p, data, len);
    case IPPROTO_ICMPV6: return p->src.family == 6 ? ma_decode_icmp6(p, data, len) : MA_DEC_SKIPPED;
    case IPPROTO_GRE: return ma_decode_gre(p, data, len);
    default: return MA_DEC_SKIPPED;
    }
}

void ma_dec_event(const ma_pkt *p, ma_decode_event why)
{
    ma_decode_events_raise(&p->d->st->events, why, p->meta.frame);
}

ma_dec_result ma_dec_malformed(const ma_pkt *p, ma_decode_event why)
{
    ma_dec_event(p, why);
    return MA_DEC_MALFORMED;
}

void ma_decode_note_mac(const ma_pkt *p)
{
    if (p->has_src_mac && p->d->sink.host_mac != NULL)
        p->d->sink.host_mac(p->d->sink.user, &p->src, p->src_mac);
}
