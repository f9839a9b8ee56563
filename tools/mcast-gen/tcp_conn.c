/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tcp_conn.c - a TCP connection for the RTSP dialog: handshake, data
 * segments (optionally tiny, with one retransmission), FIN exchange.
 * Sequence and acknowledgement numbers stay exact so Wireshark's TCP
 * analysis finds nothing but the one deliberate retransmission. */
#include "gen.h"

/* Time between back-to-back segments of one message, and the RTO used for
 * the deliberate retransmission. */
#define SEGMENT_GAP_US 150u
#define RTO_US 200000u

void gen_tcp_init(gen_tcp *tcp, gen_capture *cap, const gen_link *link, gen_host *cli,
                  guint16 cport, gen_host *srv, guint16 sport)
{
    tcp->cap = cap;
    tcp->link = link;
    tcp->cli = cli;
    tcp->srv = srv;
    tcp->cport = cport;
    tcp->sport = sport;
    /* Fixed ISNs derived from the ports: deterministic and distinct. */
    tcp->cseq = 0x3a000000u + (guint32)cport * 7919u;
    tcp->sseq = 0x5c000000u + (guint32)sport * 104729u;
    tcp->segment_size = 0;
    tcp->retransmit_segment = -1;
    tcp->cli_ttl = 64;
    tcp->flow = -1;
    tcp->ext_seq = 0;
}

static void emit(gen_tcp *tcp, gboolean from_client, guint64 t, guint32 seq, guint8 flags,
                 const guint8 *data, gsize len)
{
    gen_host *src = from_client ? tcp->cli : tcp->srv;
    gen_host *dst = from_client ? tcp->srv : tcp->cli;
    gen_ip ip = { tcp->link, src, dst->addr, { 0 }, from_client ? tcp->cli_ttl : 64, FALSE };
    gen_dst_mac(&dst->addr, dst, ip.dst_mac);
    guint32 ack = from_client ? tcp->sseq : tcp->cseq;
    GByteArray *f = gen_frame_tcp(&ip, from_client ? tcp->cport : tcp->sport,
                                  from_client ? tcp->sport : tcp->cport, seq, ack, flags, data, len);
    gen_capture_add(tcp->cap, t, f, len > 0 ? tcp->flow : -1, tcp->ext_seq);
}

guint64 gen_tcp_open(gen_tcp *tcp, guint64 t)
{
    emit(tcp, TRUE, t, tcp->cseq, GEN_TCP_SYN, NULL, 0);
    tcp->cseq++;
    emit(tcp, FALSE, t + 310, tcp->sseq, GEN_TCP_SYN | GEN_TCP_ACK, NULL, 0);
    tcp->sseq++;
    emit(tcp, TRUE, t + 420, tcp->cseq, GEN_TCP_ACK, NULL, 0);
    return t + 420;
}

guint64 gen_tcp_send(gen_tcp *tcp, gboolean from_client, guint64 t, const guint8 *data, gsize len)
{
    gsize seg = tcp->segment_size ? tcp->segment_size : len;
    guint32 *seq = from_client ? &tcp->cseq : &tcp->sseq;
    int index = 0;
    for (gsize off = 0; off < len; off += seg, index++) {
        gsize n = MIN(seg, len - off);
        emit(tcp, from_client, t, *seq, GEN_TCP_PSH | GEN_TCP_ACK, data + off, n);
        if (index == tcp->retransmit_segment) {
            /* Its ACK "got lost": the sender repeats it after the RTO. */
            t += RTO_US;
            emit(tcp, from_client, t, *seq, GEN_TCP_PSH | GEN_TCP_ACK, data + off, n);
            tcp->retransmit_segment = -1;
        }
        *seq += (guint32)n;
        if (off + n < len)
            t += SEGMENT_GAP_US;
    }
    return t;
}

void gen_tcp_ack(gen_tcp *tcp, gboolean from_client, guint64 t)
{
    emit(tcp, from_client, t, from_client ? tcp->cseq : tcp->sseq, GEN_TCP_ACK, NULL, 0);
}

guint64 gen_tcp_close(gen_tcp *tcp, gboolean from_client, guint64 t)
{
    guint32 *mine = from_client ? &tcp->cseq : &tcp->sseq;
    guint32 *theirs = from_client ? &tcp->sseq : &tcp->cseq;
    emit(tcp, from_client, t, *mine, GEN_TCP_FIN | GEN_TCP_ACK, NULL, 0);
    (*mine)++;
    emit(tcp, !from_client, t + 250, *theirs, GEN_TCP_FIN | GEN_TCP_ACK, NULL, 0);
    (*theirs)++;
    emit(tcp, from_client, t + 400, *mine, GEN_TCP_ACK, NULL, 0);
    return t + 400;
}
