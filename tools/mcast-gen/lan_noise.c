/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lan_noise.c - the UDP an ordinary office LAN carries beside a file
 * transfer: Windows LLMNR queries (IPv4 and IPv6, each retransmitted once,
 * as Windows does) with a unicast answer, mDNS, SSDP, WS-Discovery, DNS,
 * NTP and an application heartbeat on a private port.  None of it is media;
 * every datagram and distinct flow is counted into the truth file's
 * unrelated_udp figures.  LLMNR ids 0x80xx look like RTP version 2 with no
 * CSRC count, the trap an analyser must not fall into. */
#include "gen.h"

#include <string.h>

typedef struct {
    gen_world *w;
    GHashTable *seen; /* "src sport dst dport" of every flow sent */
} noise;

static void udp(noise *n, guint64 t, gen_host *src, guint16 sport, const gen_host *dst_host,
                const char *dst_text, guint16 dport, guint8 ttl, const guint8 *payload, gsize len)
{
    gen_ip ip = { &n->w->link, src, { 0 }, { 0 }, ttl, FALSE };
    ip.dst = dst_host ? dst_host->addr : gen_addr_parse(dst_text);
    gen_dst_mac(&ip.dst, dst_host, ip.dst_mac);
    gen_capture_add(n->w->cap, t, gen_frame_udp(&ip, sport, dport, payload, len), -1, 0);
    char *s = gen_addr_to_string(&src->addr), *d = gen_addr_to_string(&ip.dst);
    char *key = g_strdup_printf("%s %u %s %u", s, sport, d, dport);
    g_free(s);
    g_free(d);
    gen_counts *c = gen_capture_counts(n->w->cap);
    c->udp_other_datagrams++;
    if (g_hash_table_add(n->seen, key))
        c->udp_other_flows++;
}

/* A DNS-format question (RFC 1035 4.1): header, one name, type, class IN. */
static GByteArray *dns_question(guint16 id, guint16 flags, const char *const *labels, guint16 qtype)
{
    GByteArray *b = g_byte_array_new();
    const guint8 hdr[12] = { (guint8)(id >> 8), (guint8)id, (guint8)(flags >> 8), (guint8)flags,
                             0, 1, 0, 0, 0, 0, 0, 0 };
    g_byte_array_append(b, hdr, sizeof hdr);
    for (gsize i = 0; labels[i]; i++) {
        guint8 len = (guint8)strlen(labels[i]);
        g_byte_array_append(b, &len, 1);
        g_byte_array_append(b, (const guint8 *)labels[i], len);
    }
    const guint8 tail[5] = { 0, (guint8)(qtype >> 8), (guint8)qtype, 0, 1 };
    g_byte_array_append(b, tail, sizeof tail);
    return b;
}

/* An A record answering the question at offset 12 (name compression);
 * ANCOUNT becomes 1. */
static void dns_answer_a(GByteArray *b, const guint8 addr[4])
{
    b->data[7] = 1;
    const guint8 rr[16] = { 0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, addr[0], addr[1], addr[2], addr[3] };
    g_byte_array_append(b, rr, sizeof rr);
}

/* LLMNR (RFC 4795): a query to 224.0.0.252 and ff02::1:3, retransmitted
 * after 100 ms, and the owner's unicast answer over IPv4. */
static void llmnr_round(noise *n, guint64 t, gen_host *pc4, gen_host *pc6, gen_host *owner, guint16 id,
                        const char *name, guint16 sport)
{
    const char *labels[] = { name, NULL };
    GByteArray *a = dns_question(id, 0x0000, labels, 1);
    GByteArray *aaaa = dns_question((guint16)(id + 1), 0x0000, labels, 28);
    for (int i = 0; i < 2; i++) {
        guint64 at = t + GEN_MS(100) * (guint64)i;
        udp(n, at, pc4, sport, NULL, "224.0.0.252", 5355, 1, a->data, a->len);
        udp(n, at + 200, pc6, (guint16)(sport + 1), NULL, "ff02::1:3", 5355, 1, aaaa->data, aaaa->len);
    }
    GByteArray *ans = dns_question(id, 0x8000, labels, 1);
    dns_answer_a(ans, owner->addr.bytes);
    udp(n, t + GEN_MS(100) + 900, owner, 5355, pc4, NULL, sport, 64, ans->data, ans->len);
    g_byte_array_unref(a);
    g_byte_array_unref(aaaa);
    g_byte_array_unref(ans);
}

static void ntp_exchange(noise *n, guint64 t, gen_host *pc, gen_host *server)
{
    guint8 req[48] = { 0x23 }; /* LI 0, version 4, mode 3 (client) */
    guint8 rep[48] = { 0x24, 2, 6, 0xe9 }; /* mode 4 (server), stratum 2 */
    udp(n, t, pc, 123, server, NULL, 123, 64, req, sizeof req);
    udp(n, t + 700, server, 123, pc, NULL, 123, 64, rep, sizeof rep);
}

static void discovery(noise *n, guint64 t, gen_host *pc)
{
    const char *mlabels[] = { "_smb", "_tcp", "local", NULL };
    GByteArray *mdns = dns_question(0, 0, mlabels, 12);
    udp(n, t, pc, 5353, NULL, "224.0.0.251", 5353, 255, mdns->data, mdns->len);
    g_byte_array_unref(mdns);
    static const char ssdp[] = "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
                               "MAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n";
    udp(n, t + GEN_MS(5), pc, 51900, NULL, "239.255.255.250", 1900, 4, (const guint8 *)ssdp, strlen(ssdp));
}

static void dns_lookup(noise *n, guint64 t, gen_host *pc, gen_host *resolver, const gen_host *answer)
{
    const char *labels[] = { "files", "example", "lan", NULL };
    GByteArray *q = dns_question(0x8123, 0x0100, labels, 1);
    GByteArray *r = dns_question(0x8123, 0x8180, labels, 1);
    dns_answer_a(r, answer->addr.bytes);
    udp(n, t, pc, 53011, resolver, NULL, 53, 64, q->data, q->len);
    udp(n, t + GEN_MS(2), resolver, 53, pc, NULL, 53011, 64, r->data, r->len);
    g_byte_array_unref(q);
    g_byte_array_unref(r);
}

/* An application heartbeat every second: 16 bytes whose first byte is 0x80
 * (parses as RTP) but whose "sequence number" never moves. */
static void heartbeat(noise *n, guint64 t0, guint count, gen_host *pc, gen_host *peer)
{
    const guint8 hb[16] = { 0x80, 0x11, 0x00, 0x07, 'H', 'B', 'E', 'A', 'T', 0, 0, 1, 0, 0, 0, 0 };
    for (guint i = 0; i < count; i++)
        udp(n, t0 + GEN_S(i), pc, 40001, peer, NULL, 40000, 64, hb, sizeof hb);
}

/* An FTP login on TCP 21 (RFC 959 replies): the TCP the noise sits beside. */
static guint64 ftp_login(gen_world *w, guint64 t, gen_host *pc, gen_host *server)
{
    gen_tcp tcp;
    gen_tcp_init(&tcp, w->cap, &w->link, pc, 50123, server, 21);
    t = gen_tcp_open(&tcp, t) + GEN_MS(2);
    static const char *const dialog[] = {
        "220 files FTP server ready\r\n", "USER anonymous\r\n", "331 Guest login ok\r\n",
        "PASS guest@\r\n", "230 Guest login ok\r\n", "PWD\r\n", "257 \"/\" is current directory\r\n",
        "QUIT\r\n", "221 Goodbye\r\n", NULL,
    };
    for (gsize i = 0; dialog[i]; i++)
        t = gen_tcp_send(&tcp, i % 2 == 1, t + GEN_MS(3), (const guint8 *)dialog[i], strlen(dialog[i]));
    return gen_tcp_close(&tcp, TRUE, t + GEN_MS(2));
}

void gen_lan_noise_dns_ntp(gen_world *w, guint64 t0)
{
    noise n = {w, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    gen_host *pc = gen_world_host(w, "10.9.97.50", 0x50);
    gen_host *server = gen_world_host(w, "10.9.97.10", 0x10);
    gen_host *router = gen_world_host(w, "10.9.97.1", 0x01);
    dns_lookup(&n, t0, pc, router, server);
    ntp_exchange(&n, t0 + GEN_S(1), pc, router);
    g_hash_table_destroy(n.seen);
}

void gen_lan_noise(gen_world *w, guint64 t0)
{
    noise n = { w, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
    gen_host *pc = gen_world_host(w, "10.9.97.50", 0x50);
    gen_host *pc6 = gen_world_host(w, "fe80::21b:21ff:fe97:50", 0x50); /* its EUI-64 link-local */
    gen_host *owner = gen_world_host(w, "10.9.97.51", 0x51);
    gen_host *server = gen_world_host(w, "10.9.97.10", 0x10);
    gen_host *router = gen_world_host(w, "10.9.97.1", 0x01);
    llmnr_round(&n, t0, pc, pc6, owner, 0x803f, "wpad", 60311);
    discovery(&n, t0 + GEN_MS(40), pc);
    dns_lookup(&n, t0 + GEN_MS(250), pc, router, server);
    guint64 t = ftp_login(w, t0 + GEN_MS(260), pc, server);
    heartbeat(&n, t0 + GEN_MS(500), 12, pc, owner);
    /* 6 s later the second round: an analyser that took LLMNR for RTP sees
     * the "stream" stop for 6 s (MA312) and a TTL of 1 (MA305) */
    llmnr_round(&n, t + GEN_S(6), pc, pc6, owner, 0x8051, "files", 61720);
    ntp_exchange(&n, t + GEN_S(13), pc, router);
    g_hash_table_destroy(n.seen);
}
