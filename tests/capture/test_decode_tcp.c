/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_decode_tcp.c - RTSP over TCP: reassembly per direction (1-byte
 * segments, reordering, retransmission, overlap, holes and resync,
 * mid-stream start), ports, interleaved frames, FIN/RST, bounds. */
#include <pcap/pcap.h>
#include <string.h>
#include "pkt.h"

#define S(x) (G_GINT64_CONSTANT(1000000000) * (x))
#define CLI "10.0.0.2"
#define SRV "10.0.0.1"

static const char REQ1[] = "OPTIONS rtsp://10.0.0.1/cam RTSP/1.0\r\nCSeq: 1\r\n\r\n";
static const char REQ2[] = "DESCRIBE rtsp://10.0.0.1/cam RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\n\r\n";
static const char REQ3[] = "SETUP rtsp://10.0.0.1/cam/track1 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP;multicast\r\n\r\n";
static const char REQ4[] = "PLAY rtsp://10.0.0.1/cam RTSP/1.0\r\nCSeq: 4\r\nSession: 12345678\r\n\r\n";
static const char REP1[] = "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n";
static const char REP2[] = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: 10\r\n\r\nv=0\r\ns=x\r\n";

typedef struct {
    rec r;
    uint16_t cport, sport;
    uint32_t cseq, sseq; /* next sequence numbers */
} conn;

static void conn_init(conn *c, const ma_capture_opts *opts, uint16_t sport)
{
    rec_init(&c->r, opts);
    c->cport = 40000;
    c->sport = sport;
    c->cseq = 1000;
    c->sseq = 5000;
}

/* A segment from the client (or server) at an explicit sequence number. */
static ma_dec_result seg_at(conn *c, gint64 ts, gboolean from_client, uint32_t seq, uint8_t flags,
                            const void *data, gsize len)
{
    GByteArray *p = from_client ? pk_eth_tcp4(CLI, SRV, c->cport, c->sport, seq, flags, data, len)
                                : pk_eth_tcp4(SRV, CLI, c->sport, c->cport, seq, flags, data, len);
    return rec_frame_free(&c->r, DLT_EN10MB, ts, p);
}

/* The next in-order segment of that side. */
static ma_dec_result seg(conn *c, gint64 ts, gboolean from_client, uint8_t flags, const void *data, gsize len)
{
    uint32_t *seq = from_client ? &c->cseq : &c->sseq;
    ma_dec_result r = seg_at(c, ts, from_client, *seq, flags, data, len);
    *seq += (uint32_t)len + ((flags & (PK_SYN | PK_FIN)) ? 1 : 0);
    return r;
}

static void handshake(conn *c)
{
    seg(c, 0, TRUE, PK_SYN, NULL, 0);
    seg(c, 0, FALSE, PK_SYN | PK_ACK, NULL, 0);
    seg(c, 0, TRUE, PK_ACK, NULL, 0);
}

static void assert_msg(const conn *c, guint i, uint32_t frame, const char *method, int status, int cseq)
{
    const rec_event *e = rec_get(&c->r, i);
    g_assert_cmpint(e->kind, ==, REC_RTSP);
    g_assert_cmpuint(e->frame, ==, frame);
    g_assert_cmpstr(e->method, ==, method);
    g_assert_cmpint(e->status, ==, status);
    g_assert_cmpint(e->cseq, ==, cseq);
    g_assert_cmpstr(e->src, ==, method ? CLI : SRV);
    g_assert_cmpstr(e->dst, ==, method ? SRV : CLI);
    g_assert_cmpuint(e->sport, ==, method ? c->cport : c->sport);
    g_assert_cmpuint(e->dport, ==, method ? c->sport : c->cport);
}

static void test_one_byte_segments(void)
{
    conn c;
    conn_init(&c, NULL, 554);
    handshake(&c);
    gsize n = strlen(REQ1);
    for (gsize i = 0; i < n; i++)
        g_assert_cmpint(seg(&c, 1, TRUE, PK_ACK, REQ1 + i, 1), ==, MA_DEC_EVENT);
    seg(&c, 2, FALSE, PK_ACK | PK_PSH, REP1, strlen(REP1));
    g_assert_cmpuint(c.r.events->len, ==, 2);
    assert_msg(&c, 0, (uint32_t)(3 + n), "OPTIONS", 0, 1);
    assert_msg(&c, 1, (uint32_t)(4 + n), NULL, 200, 1);
    g_assert_cmpuint(c.r.st.dec.rtsp_messages, ==, 2);
    g_assert_cmpuint(c.r.st.dec.rtsp_errors, ==, 0);
    g_assert_cmpuint(c.r.st.dec.tcp_gaps, ==, 0);
    g_assert_cmpuint(c.r.st.dec.tcp_connections, ==, 1);
    g_assert_cmpuint(c.r.st.dec.undecoded + c.r.st.dec.malformed, ==, 0);
    rec_clear(&c.r);
}

/* REQ1 + REQ2 in three segments: [0,20) [20,n1+10) [n1+10,end) */
static void test_out_of_order_and_retransmit(void)
{
    conn c;
    conn_init(&c, NULL, 554);
    handshake(&c);
    GString *s = g_string_new(REQ1);
    g_string_append(s, REQ2);
    gsize n1 = strlen(REQ1), b1 = 20, b2 = n1 + 10;
    uint32_t base = c.cseq;
    seg_at(&c, 1, TRUE, base, PK_ACK, s->str, b1);                           /* frame 4 */
    seg_at(&c, 1, TRUE, base + (uint32_t)b2, PK_ACK, s->str + b2, s->len - b2); /* 5: held */
    g_assert_cmpuint(c.r.events->len, ==, 0);
    seg_at(&c, 1, TRUE, base + (uint32_t)b1, PK_ACK, s->str + b1, b2 - b1);  /* 6: fills */
    g_assert_cmpuint(c.r.events->len, ==, 2);
    assert_msg(&c, 0, 6, "OPTIONS", 0, 1);
    assert_msg(&c, 1, 6, "DESCRIBE", 0, 2);
    /* retransmissions of everything, and an overlap straddling old and new data */
    seg_at(&c, 2, TRUE, base, PK_ACK, s->str, s->len);                        /* 7 */
    seg_at(&c, 2, TRUE, base + (uint32_t)b1, PK_ACK, s->str + b1, b2 - b1);  /* 8 */
    g_string_append(s, REQ3);
    seg_at(&c, 2, TRUE, base + (uint32_t)b2, PK_ACK, s->str + b2, s->len - b2 - 5); /* 9 */
    seg_at(&c, 2, TRUE, base + (uint32_t)(s->len - 30), PK_ACK, s->str + s->len - 30, 30); /* 10 */
    g_assert_cmpuint(c.r.events->len, ==, 3);
    assert_msg(&c, 2, 10, "SETUP", 0, 3);
    g_assert_cmpuint(c.r.st.dec.rtsp_errors, ==, 0);
    g_assert_cmpuint(c.r.st.dec.tcp_gaps, ==, 0);
    g_string_free(s, TRUE);
    rec_clear(&c.r);
}

/* REQ1 | first half of REQ2 (lost) | rest of REQ2 + REQ3 | REQ4 */
static void send_with_hole(conn *c, gint64 t_rest)
{
    gsize h = strlen(REQ2) / 2;
    seg(c, S(1), TRUE, PK_ACK, REQ1, strlen(REQ1));
    c->cseq += (uint32_t)h; /* lost */
    GString *rest = g_string_new_len(REQ2 + h, (gssize)(strlen(REQ2) - h));
    g_string_append(rest, REQ3);
    seg(c, t_rest, TRUE, PK_ACK, rest->str, rest->len);
    g_string_free(rest, TRUE);
}

static void test_hole_at_fin(void)
{
    conn c;
    conn_init(&c, NULL, 554);
    handshake(&c);
    send_with_hole(&c, S(2));                  /* frames 4, 5 */
    g_assert_cmpuint(c.r.events->len, ==, 1);
    seg(&c, S(3), TRUE, PK_ACK | PK_FIN, NULL, 0); /* 6 */
    g_assert_cmpuint(c.r.events->len, ==, 2);
    assert_msg(&c, 0, 4, "OPTIONS", 0, 1);
    assert_msg(&c, 1, 6, "SETUP", 0, 3);
    g_assert_cmpuint(c.r.st.dec.tcp_gaps, ==, 1);
    rec_clear(&c.r);
}

static void test_hole_at_end_of_input(void)
{
    conn c;
    conn_init(&c, NULL, 554);
    handshake(&c);
    send_with_hole(&c, S(2));
    seg(&c, S(3), FALSE, PK_ACK, REP1, strlen(REP1)); /* 6 */
    ma_decoder_flush(c.r.dec);
    g_assert_cmpuint(c.r.events->len, ==, 3);
    assert_msg(&c, 0, 4, "OPTIONS", 0, 1);
    assert_msg(&c, 1, 6, NULL, 200, 1);
    assert_msg(&c, 2, 5, "SETUP", 0, 3); /* the held segment's own frame */
    g_assert_cmpuint(c.r.st.dec.tcp_gaps, ==, 1);
    rec_clear(&c.r);
}

static void test_hole_timeout(void)
{
    conn c;
    conn_init(&c, NULL, 554);
    handshake(&c);
    send_with_hole(&c, S(2));
    seg(&c, S(5), TRUE, PK_ACK, REQ4, strlen(REQ4));  /* 6: held, hole 3 s old */
    g_assert_cmpuint(c.r.events->len, ==, 1);
    seg(&c, S(13), TRUE, PK_ACK, "\r\n", 2);           /* 7: hole 11 s old: skipped */
    g_assert_cmpuint(c.r.events->len, ==, 3);
    assert_msg(&c, 1, 7, "SETUP", 0, 3);
    assert_msg(&c, 2, 7, "PLAY", 0, 4);
    g_assert_cmpuint(c.r.st.dec.tcp_gaps, ==, 1);
    rec_clear(&c.r);
}

static void test_hole_bounds(void)
{
    ma_capture_opts o = { .max_reassembly_bytes = 160 };
    conn c;
    conn_init(&c, &o, 554);
    handshake(&c);
    send_with_hole(&c, S(2));                           /* rest of REQ2 + REQ3 held: 107 bytes */
    g_assert_cmpuint(c.r.events->len, ==, 1);
    seg(&c, S(2), TRUE, PK_ACK, REQ4, strlen(REQ4));    /* 175 held > 160: hole skipped */
    g_assert_cmpuint(c.r.events->len, ==, 3);
    assert_msg(&c, 1, 6, "SETUP", 0, 3);
    assert_msg(&c, 2, 6, "PLAY", 0, 4);
    /* too many segments held: a 1-byte segment after a 1-byte hole, many times */
    conn d;
    conn_init(&d, NULL, 554);
    handshake(&d);
    uint32_t base = d.cseq + 1;
    for (guint i = 0; i <= MA_DEC_MAX_TCP_SEGMENTS; i++)
        seg_at(&d, S(1), TRUE, base + 2 * i, PK_ACK, "x", 1);
    g_assert_cmpuint(d.r.st.dec.tcp_gaps, ==, 1);
    g_assert_cmpuint(c.r.st.dec.tcp_gaps, ==, 1);
    rec_clear(&d.r);
    rec_clear(&c.r);
}

static void test_midstream_start(void)
{
    conn c;
    conn_init(&c, NULL, 554);
    /* no SYN: the capture starts inside a message */
    GString *s = g_string_new("q: 5\r\nUser-Agent: x\r\n\r\n");
    g_string_append(s, REQ2);
    seg(&c, 1, TRUE, PK_ACK, s->str, s->len);
    seg(&c, 1, FALSE, PK_ACK, REP2, 30);      /* a reply in two parts */
    seg(&c, 1, FALSE, PK_ACK, REP2 + 30, strlen(REP2) - 30);
    g_assert_cmpuint(c.r.events->len, ==, 2);
    assert_msg(&c, 0, 1, "DESCRIBE", 0, 2);
    assert_msg(&c, 1, 3, NULL, 200, 2);
    /* a bare ACK first tells nothing; data after it still starts the stream */
    conn d;
    conn_init(&d, NULL, 554);
    seg(&d, 1, TRUE, PK_ACK, NULL, 0);
    seg(&d, 1, TRUE, PK_ACK, REQ1, strlen(REQ1));
    g_assert_cmpuint(d.r.events->len, ==, 1);
    assert_msg(&d, 0, 2, "OPTIONS", 0, 1);
    g_string_free(s, TRUE);
    rec_clear(&c.r);
    rec_clear(&d.r);
}

static void test_ports(void)
{
    static const uint16_t extra[] = { 10554 };
    ma_capture_opts o = { .rtsp_ports = extra, .n_rtsp_ports = 1 };
    const uint16_t ports[] = { 554, 8554, 10554 };
    for (gsize i = 0; i < G_N_ELEMENTS(ports); i++) {
        conn c;
        conn_init(&c, &o, ports[i]);
        handshake(&c);
        seg(&c, 1, TRUE, PK_ACK, REQ1, strlen(REQ1));
        seg(&c, 1, FALSE, PK_ACK, REP1, strlen(REP1));
        g_assert_cmpuint(c.r.events->len, ==, 2);
        assert_msg(&c, 1, 5, NULL, 200, 1);
        rec_clear(&c.r);
    }
    /* 10554 without the option, and 8080: not RTSP */
    conn c;
    conn_init(&c, NULL, 10554);
    g_assert_cmpint(seg(&c, 1, TRUE, PK_ACK, REQ1, strlen(REQ1)), ==, MA_DEC_SKIPPED);
    c.sport = 8080;
    g_assert_cmpint(seg(&c, 1, TRUE, PK_ACK, REQ1, strlen(REQ1)), ==, MA_DEC_SKIPPED);
    g_assert_cmpuint(c.r.st.dec.undecoded, ==, 2);
    g_assert_cmpuint(c.r.events->len, ==, 0);
    g_assert_cmpuint(c.r.st.dec.tcp_connections, ==, 0);
    /* the RTSP port on the client side (a server using 554 as source) counts too */
    c.sport = 30000;
    c.cport = 554;
    g_assert_cmpint(seg(&c, 1, TRUE, PK_ACK, REQ1, strlen(REQ1)), ==, MA_DEC_EVENT);
    g_assert_cmpuint(c.r.events->len, ==, 1);
    rec_clear(&c.r);
}

static void test_interleaved(void)
{
    conn c;
    conn_init(&c, NULL, 554);
    handshake(&c);
    GString *s = g_string_new("RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: 12345678\r\n\r\n");
    g_string_append_len(s, "$\x00\x00\x04" "abcd" "$\x01\x00\x02" "xy", 14);
    seg(&c, 1, FALSE, PK_ACK, s->str, s->len);
    g_assert_cmpuint(c.r.events->len, ==, 3);
    assert_msg(&c, 0, 4, NULL, 200, 4);
    const rec_event *e = rec_get(&c.r, 1);
    g_assert_cmpint(e->kind, ==, REC_INTERLEAVED);
    g_assert_cmpuint(e->channel, ==, 0);
    g_assert_cmpuint(e->length, ==, 4);
    g_assert_cmpstr(e->src, ==, SRV);
    g_assert_cmpuint(e->sport, ==, 554);
    e = rec_get(&c.r, 2);
    g_assert_cmpuint(e->channel, ==, 1);
    g_assert_cmpuint(e->length, ==, 2);
    g_string_free(s, TRUE);
    rec_clear(&c.r);
}

static void test_fin_rst_reuse(void)
{
    conn c;
    conn_init(&c, NULL, 554);
    handshake(&c);
    uint32_t first = c.cseq;
    seg(&c, 1, TRUE, PK_ACK, REQ1, strlen(REQ1));         /* 4 */
    seg(&c, 1, TRUE, PK_ACK | PK_FIN, NULL, 0);            /* 5 */
    seg(&c, 1, FALSE, PK_ACK | PK_FIN, NULL, 0);           /* 6: closed */
    seg_at(&c, 1, TRUE, first, PK_ACK, REQ1, strlen(REQ1)); /* 7: late copy: ignored */
    g_assert_cmpuint(c.r.events->len, ==, 1);
    /* the same ports again: a new connection */
    c.cseq = 90000;
    handshake(&c);                                         /* 8-10 */
    seg(&c, 2, TRUE, PK_ACK, REQ2, strlen(REQ2));         /* 11 */
    g_assert_cmpuint(c.r.events->len, ==, 2);
    assert_msg(&c, 1, 11, "DESCRIBE", 0, 2);
    /* RST: held data is delivered as far as it goes, later copies ignored */
    uint32_t at = c.cseq;
    c.cseq += 5;
    seg(&c, 3, TRUE, PK_ACK, REQ3, strlen(REQ3));         /* 12: held after a hole */
    seg(&c, 3, FALSE, PK_RST, NULL, 0);                    /* 13 */
    g_assert_cmpuint(c.r.events->len, ==, 3);
    assert_msg(&c, 2, 13, "SETUP", 0, 3);
    seg_at(&c, 3, TRUE, at, PK_ACK, REQ4, strlen(REQ4));   /* 14: ignored */
    g_assert_cmpuint(c.r.events->len, ==, 3);
    g_assert_cmpuint(c.r.st.dec.tcp_connections, ==, 1);
    g_assert_cmpuint(c.r.st.dec.tcp_gaps, ==, 1);
    rec_clear(&c.r);
}

static void test_bad_headers(void)
{
    conn c;
    conn_init(&c, NULL, 554);
    GByteArray *t = pk_tcp(40000, 554, 1, PK_ACK, REQ1, 10);
    t->data[12] = 4 << 4; /* data offset below 5 words */
    GByteArray *ip = pk_ipv4(CLI, SRV, IPPROTO_TCP, 64, t);
    g_assert_cmpint(rec_frame(&c.r, DLT_RAW, 1, ip), ==, MA_DEC_MALFORMED);
    g_byte_array_unref(ip);
    t->data[12] = 15 << 4; /* 60 bytes of header in a 30-byte segment */
    ip = pk_ipv4(CLI, SRV, IPPROTO_TCP, 64, t);
    g_assert_cmpint(rec_frame(&c.r, DLT_RAW, 2, ip), ==, MA_DEC_MALFORMED);
    g_byte_array_unref(ip);
    g_byte_array_set_size(t, 12);
    ip = pk_ipv4(CLI, SRV, IPPROTO_TCP, 64, t);
    g_assert_cmpint(rec_frame(&c.r, DLT_RAW, 3, ip), ==, MA_DEC_MALFORMED);
    g_byte_array_unref(ip);
    g_byte_array_unref(t);
    g_assert_cmpuint(c.r.st.dec.malformed, ==, 3);
    g_assert_cmpuint(c.r.st.dec.tcp_connections, ==, 0);
    rec_clear(&c.r);
}

static void test_connection_bound(void)
{
    conn c;
    conn_init(&c, NULL, 554);
    for (guint i = 0; i <= MA_DEC_MAX_TCP_CONNS; i++) {
        c.cport = (uint16_t)(20000 + i);
        seg(&c, 1, TRUE, PK_SYN, NULL, 0);
    }
    g_assert_cmpuint(c.r.st.dec.tcp_connections, ==, MA_DEC_MAX_TCP_CONNS + 1);
    g_assert_cmpuint(c.r.st.dec.tcp_evicted, ==, 1);
    g_assert_cmpuint(ma_tcp_connections(c.r.dec->tcp), ==, MA_DEC_MAX_TCP_CONNS);
    rec_clear(&c.r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode/tcp/one-byte-segments", test_one_byte_segments);
    g_test_add_func("/decode/tcp/out-of-order-retransmit", test_out_of_order_and_retransmit);
    g_test_add_func("/decode/tcp/hole-at-fin", test_hole_at_fin);
    g_test_add_func("/decode/tcp/hole-at-end", test_hole_at_end_of_input);
    g_test_add_func("/decode/tcp/hole-timeout", test_hole_timeout);
    g_test_add_func("/decode/tcp/hole-bounds", test_hole_bounds);
    g_test_add_func("/decode/tcp/midstream", test_midstream_start);
    g_test_add_func("/decode/tcp/ports", test_ports);
    g_test_add_func("/decode/tcp/interleaved", test_interleaved);
    g_test_add_func("/decode/tcp/fin-rst-reuse", test_fin_rst_reuse);
    g_test_add_func("/decode/tcp/bad-headers", test_bad_headers);
    g_test_add_func("/decode/tcp/connection-bound", test_connection_bound);
    return g_test_run();
}
