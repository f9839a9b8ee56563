/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pkt.c - test packet builders and the recording sink. */
#include <string.h>
#include "pkt.h"

static void put16(GByteArray *b, uint16_t v)
{
    uint8_t x[2] = { (uint8_t)(v >> 8), (uint8_t)v };
    g_byte_array_append(b, x, 2);
}

static void put32(GByteArray *b, uint32_t v)
{
    uint8_t x[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
    g_byte_array_append(b, x, 4);
}

static void append(GByteArray *b, const void *data, gsize len)
{
    if (len)
        g_byte_array_append(b, data, (guint)len);
}

GByteArray *pk_bytes(const void *data, gsize len)
{
    GByteArray *b = g_byte_array_new();
    append(b, data, len);
    return b;
}

GByteArray *pk_udp(uint16_t sport, uint16_t dport, const void *payload, gsize len)
{
    GByteArray *b = g_byte_array_new();
    put16(b, sport);
    put16(b, dport);
    put16(b, (uint16_t)(8 + len));
    put16(b, 0);
    append(b, payload, len);
    return b;
}

GByteArray *pk_tcp(uint16_t sport, uint16_t dport, uint32_t seq, uint8_t flags,
                   const void *payload, gsize len)
{
    GByteArray *b = g_byte_array_new();
    put16(b, sport);
    put16(b, dport);
    put32(b, seq);
    put32(b, 0);                   /* ack */
    uint8_t off_flags[2] = { 5 << 4, flags };
    append(b, off_flags, 2);
    put16(b, 65535);               /* window */
    put32(b, 0);                   /* checksum, urgent */
    append(b, payload, len);
    return b;
}

static void put_addr(GByteArray *b, const char *text, int family)
{
    ma_addr a;
    g_assert_true(ma_addr_parse(text, &a));
    g_assert_cmpint(a.family, ==, family);
    append(b, a.bytes, family == 4 ? 4 : 16);
}

GByteArray *pk_ipv4_full(const char *src, const char *dst, int proto, int ttl, uint16_t id,
                         uint16_t frag, const void *opts, gsize optlen, const GByteArray *body)
{
    gsize padded = (optlen + 3) & ~(gsize)3;
    gsize ihl = 20 + padded;
    GByteArray *b = g_byte_array_new();
    uint8_t vh[2] = { (uint8_t)(0x40 | (ihl / 4)), 0 };
    append(b, vh, 2);
    put16(b, (uint16_t)(ihl + body->len));
    put16(b, id);
    put16(b, frag);
    uint8_t tp[2] = { (uint8_t)ttl, (uint8_t)proto };
    append(b, tp, 2);
    put16(b, 0);
    put_addr(b, src, 4);
    put_addr(b, dst, 4);
    append(b, opts, optlen);
    static const uint8_t zeros[4];
    append(b, zeros, padded - optlen);
    append(b, body->data, body->len);
    return b;
}

GByteArray *pk_ipv4(const char *src, const char *dst, int proto, int ttl, const GByteArray *body)
{
    return pk_ipv4_full(src, dst, proto, ttl, 1, 0, NULL, 0, body);
}

GByteArray *pk_ipv6(const char *src, const char *dst, int next, int hlim, const void *ext,
                    gsize extlen, const GByteArray *body)
{
    GByteArray *b = g_byte_array_new();
    put32(b, 0x60000000u);
    put16(b, (uint16_t)(extlen + body->len));
    uint8_t nh[2] = { (uint8_t)next, (uint8_t)hlim };
    append(b, nh, 2);
    put_addr(b, src, 6);
    put_addr(b, dst, 6);
    append(b, ext, extlen);
    append(b, body->data, body->len);
    return b;
}

GByteArray *pk_eth(const uint16_t *tpids, guint ntags, uint16_t type, const GByteArray *ip)
{
    static const uint8_t macs[12] = { 1, 0, 0x5e, 1, 2, 3, 2, 0, 0, 0, 0, 1 };
    GByteArray *b = pk_bytes(macs, sizeof macs);
    for (guint i = 0; i < ntags; i++) {
        put16(b, tpids[i]);
        put16(b, (uint16_t)(100 + i)); /* VLAN id */
    }
    put16(b, type);
    append(b, ip->data, ip->len);
    return b;
}

GByteArray *pk_sll(uint16_t type, const GByteArray *ip)
{
    static const uint8_t hdr[14] = { 0, 4, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0 };
    GByteArray *b = pk_bytes(hdr, sizeof hdr);
    put16(b, type);
    append(b, ip->data, ip->len);
    return b;
}

GByteArray *pk_sll2(uint16_t type, const GByteArray *ip)
{
    GByteArray *b = g_byte_array_new();
    put16(b, type);
    put16(b, 0);        /* reserved */
    put32(b, 3);        /* ifindex */
    static const uint8_t rest[12] = { 0, 1, 4, 6, 2, 0, 0, 0, 0, 1, 0, 0 };
    append(b, rest, sizeof rest);
    append(b, ip->data, ip->len);
    return b;
}

GByteArray *pk_null(uint32_t af, gboolean big_endian, const GByteArray *ip)
{
    GByteArray *b = g_byte_array_new();
    if (big_endian) {
        put32(b, af);
    } else {
        uint8_t le[4] = { (uint8_t)af, (uint8_t)(af >> 8), (uint8_t)(af >> 16), (uint8_t)(af >> 24) };
        append(b, le, 4);
    }
    append(b, ip->data, ip->len);
    return b;
}

GByteArray *pk_eth_udp4(const char *src, const char *dst, uint16_t sport, uint16_t dport,
                        int ttl, const void *payload, gsize len)
{
    GByteArray *u = pk_udp(sport, dport, payload, len);
    GByteArray *ip = pk_ipv4(src, dst, IPPROTO_UDP, ttl, u);
    GByteArray *e = pk_eth(NULL, 0, 0x0800, ip);
    g_byte_array_unref(u);
    g_byte_array_unref(ip);
    return e;
}

GByteArray *pk_eth_tcp4(const char *src, const char *dst, uint16_t sport, uint16_t dport,
                        uint32_t seq, uint8_t flags, const void *payload, gsize len)
{
    GByteArray *t = pk_tcp(sport, dport, seq, flags, payload, len);
    GByteArray *ip = pk_ipv4(src, dst, IPPROTO_TCP, 64, t);
    GByteArray *e = pk_eth(NULL, 0, 0x0800, ip);
    g_byte_array_unref(t);
    g_byte_array_unref(ip);
    return e;
}

/* ---- recording sink ---- */

static rec_event *add(rec *r, rec_kind kind, const ma_ev_meta *m, const ma_addr *src,
                      const ma_addr *dst)
{
    rec_event e = { .kind = kind, .frame = m->frame, .ts_ns = m->ts_ns, .ttl = -1 };
    ma_addr_to_str(src, e.src);
    ma_addr_to_str(dst, e.dst);
    g_array_append_val(r->events, e);
    return &g_array_index(r->events, rec_event, r->events->len - 1);
}

static void on_rtsp(void *user, const ma_ev_rtsp *ev)
{
    rec_event *e = add(user, REC_RTSP, &ev->meta, &ev->src, &ev->dst);
    e->sport = ev->sport;
    e->dport = ev->dport;
    e->method = g_strdup(ev->msg->kind == MA_RTSP_REQUEST ? ev->msg->method : NULL);
    e->status = ev->msg->kind == MA_RTSP_RESPONSE ? ev->msg->status : 0;
    e->cseq = ev->msg->cseq;
}

static void on_memb(void *user, const ma_ev_membership *ev)
{
    rec_event *e = add(user, REC_MEMB, &ev->meta, &ev->src, &ev->dst);
    e->ttl = ev->ip_ttl;
    e->router_alert = ev->router_alert;
    e->memb_kind = ev->msg->kind;
    e->memb_version = ev->msg->version;
    e->memb_proto = ev->msg->proto;
    const ma_addr *g = ev->msg->n_records ? &ev->msg->records[0].group : &ev->msg->group;
    ma_addr_to_str(g, e->group);
}

static void on_udp(void *user, const ma_ev_udp *ev)
{
    rec_event *e = add(user, REC_UDP, &ev->meta, &ev->src, &ev->dst);
    e->sport = ev->sport;
    e->dport = ev->dport;
    e->ttl = ev->ip_ttl;
    e->payload_len = ev->payload_len;
    e->wire_len = ev->payload_wire_len;
    e->first_byte = ev->payload_len ? ev->payload[0] : 0;
}

static void on_interleaved(void *user, const ma_ev_interleaved *ev)
{
    rec_event *e = add(user, REC_INTERLEAVED, &ev->meta, &ev->src, &ev->dst);
    e->sport = ev->sport;
    e->dport = ev->dport;
    e->channel = ev->channel;
    e->length = ev->length;
}

ma_sink rec_sink(rec *r)
{
    ma_sink s = {on_rtsp, on_memb, on_udp, on_interleaved, r, NULL, NULL};
    return s;
}

void rec_init(rec *r, const ma_capture_opts *opts)
{
    memset(r, 0, sizeof *r);
    r->events = g_array_new(FALSE, TRUE, sizeof(rec_event));
    ma_capture_stats_init(&r->st);
    if (opts)
        r->opts = *opts;
    ma_sink s = rec_sink(r);
    ma_decoder_opts dopts = ma_capture_decoder_opts(&r->opts);
    r->dec = ma_decoder_new(&dopts, &s, &r->st.dec);
}

void rec_clear(rec *r)
{
    ma_decoder_free(r->dec);
    for (guint i = 0; i < r->events->len; i++)
        g_free(g_array_index(r->events, rec_event, i).method);
    g_array_free(r->events, TRUE);
    ma_capture_stats_clear(&r->st);
}

ma_dec_result rec_frame(rec *r, int dlt, gint64 ts_ns, const GByteArray *pkt)
{
    /* a private copy of exactly the frame: ASan sees any read past it */
    uint8_t *copy = g_memdup2(pkt->data, pkt->len);
    ma_frame_in in = { dlt, ++r->frame, ts_ns, copy, pkt->len, pkt->len };
    ma_dec_result res = ma_decode_frame(r->dec, &in);
    g_free(copy);
    return res;
}

ma_dec_result rec_frame_free(rec *r, int dlt, gint64 ts_ns, GByteArray *pkt)
{
    ma_dec_result res = rec_frame(r, dlt, ts_ns, pkt);
    g_byte_array_unref(pkt);
    return res;
}

const rec_event *rec_get(const rec *r, guint i)
{
    g_assert_cmpuint(i, <, r->events->len);
    return &g_array_index(r->events, rec_event, i);
}

guint rec_count(const rec *r, rec_kind kind)
{
    guint n = 0;
    for (guint i = 0; i < r->events->len; i++)
        n += g_array_index(r->events, rec_event, i).kind == kind;
    return n;
}
