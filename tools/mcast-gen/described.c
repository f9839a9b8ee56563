/* SPDX-License-Identifier: GPL-2.0-or-later */
/* described.c - streams an SDP describes without RTSP (issue 16): an SDP
 * file shipped beside the capture (mcast-audit --sdp) or SAP (RFC 2974)
 * announcements in it.  The SDP text is written here, from the same
 * addresses the packets use, so the two cannot drift apart. */
#include "gen.h"

#include <string.h>

#define DESCRIBED_SENDER_IP "10.9.97.80" /* who really sends */
#define DESCRIBED_SOURCE_IP "10.9.97.81" /* who the SDP's a=source-filter names */
#define DESCRIBED_VIEWER_IP "10.9.97.42"
#define DESCRIBED_PORT 5004
#define DESCRIBED_PT 97 /* dynamic: only the a=rtpmap gives its 8 kHz clock */
#define DESCRIBED_TTL 32

/* PCMU every 20 ms from src to group:DESCRIBED_PORT, t_start..t_stop. */
static void described_rtp(gen_world *w, const char *src, const char *group, guint64 t_start,
                          guint64 t_stop)
{
    gen_host *he = gen_world_host(w, src, 0x80);
    gen_rtp_cfg rc = {.audio = TRUE,
                      .pt = DESCRIBED_PT,
                      .clock = 8000,
                      .ssrc = g_rand_int(w->rand),
                      .seq0 = (guint16)g_rand_int_range(w->rand, 0, 30000),
                      .ts0 = g_rand_int(w->rand),
                      .gop = 50,
                      .audio_interval_ms = 20,
                      .frame_overhead = 54};
    gen_ip ip = {&w->link, he, gen_addr_parse(group), {0}, DESCRIBED_TTL, FALSE};
    gen_dst_mac(&ip.dst, NULL, ip.dst_mac);
    gen_flow f = {.src = (char *)src,
                  .dst = (char *)group,
                  .sport = DESCRIBED_PORT,
                  .dport = DESCRIBED_PORT,
                  .channel = -1,
                  .ssrc = rc.ssrc,
                  .payload_type = rc.pt,
                  .ttl = DESCRIBED_TTL};
    int flow = gen_capture_add_flow(w->cap, &f);
    GArray *pkts = gen_rtp_schedule(&rc, w->rand, t_start, t_stop);
    gen_rtp_emit(w->cap, flow, &ip, DESCRIBED_PORT, DESCRIBED_PORT, &rc, pkts);
    g_array_unref(pkts);
    if (t_stop > w->t_end)
        w->t_end = t_stop;
}

/* What a description says: group, the a=source-filter source (NULL: no
 * filter), the o= address and the s= name. */
typedef struct {
    const char *group, *source, *origin, *name;
} described_desc;

/* An ST 2110-style description (RFC 8866, a=source-filter RFC 4570).  An
 * IPv6 group gets "IN IP6" and no /ttl (RFC 8866 5.7: IPv6 has none). */
static char *described_sdp(const described_desc *d)
{
    gboolean v6 = strchr(d->group, ':') != NULL;
    const char *ip = v6 ? "IP6" : "IP4";
    char *filter = d->source != NULL ? g_strdup_printf("a=source-filter: incl IN %s %s %s\r\n", ip,
                                                       d->group, d->source)
                                     : g_strdup("");
    char *ttl = v6 ? g_strdup("") : g_strdup_printf("/%d", DESCRIBED_TTL);
    char *sdp =
        g_strdup_printf("v=0\r\n"
                        "o=- 1 1 IN %s %s\r\n"
                        "s=%s\r\n"
                        "t=0 0\r\n"
                        "m=audio %d RTP/AVP %d\r\n"
                        "c=IN %s %s%s\r\n"
                        "%s"
                        "a=rtpmap:%d PCMU/8000\r\n"
                        "a=recvonly\r\n",
                        strchr(d->origin, ':') != NULL ? "IP6" : "IP4", d->origin, d->name,
                        DESCRIBED_PORT, DESCRIBED_PT, ip, d->group, ttl, filter, DESCRIBED_PT);
    g_free(ttl);
    g_free(filter);
    return sdp;
}

/* The SDP file names 10.9.97.81 as the SSM source of 232.1.1.30:5004; a
 * viewer joins with exactly that source; 10.9.97.80 sends the stream. */
void gen_sdp_ssm_mismatch(gen_world *w)
{
    const char *group = "232.1.1.30";
    guint64 t0 = GEN_EPOCH_US;
    gen_member m = {
        gen_world_host(w, DESCRIBED_VIEWER_IP, 0x42), GEN_JOIN_V3_INCLUDE, gen_addr_parse(group),
        gen_addr_parse(DESCRIBED_SOURCE_IP),          t0 + GEN_MS(100),    G_MAXUINT64};
    g_array_append_val(w->members, m);
    gen_member_join(w->cap, &w->link, &m, m.t_join);
    described_rtp(w, DESCRIBED_SENDER_IP, group, t0 + GEN_MS(150), t0 + GEN_MS(8150));
    w->sdp_text = described_sdp(
        &(described_desc){group, DESCRIBED_SOURCE_IP, DESCRIBED_SOURCE_IP, "studio 1 audio"});
}

#define SAP_GROUP "224.2.127.254"
#define SAP_PORT 9875
#define SAP_SPORT 40123
#define SAP_TTL 255
#define SAP_MSG_ID_HASH 0x5a17

/* One SAP message (RFC 2974 6): V=1, the originating source's family (A
 * bit: IPv6), no authentication, announce or delete (T), then the payload
 * with no payload type, which section 6 allows for SDP (a receiver sees
 * "v=0").  (Wireshark 4.0, 4.4 and 4.6 skip an "application/sdp" payload
 * type only when building a tree, so a tree-less dissection reports the
 * SDP as malformed, "Invalid SDP line (no '=' delimiter)": the capture
 * leaves the type out, the README's SAP section tells the difference, and
 * the parser's handling of the type is unit-tested.)  sap_group: the SAP
 * group of the session's scope (224.2.127.254, or ff0X::2:7ffe). */
static void sap_send(gen_world *w, gen_host *from, const char *sap_group, guint64 t,
                     gboolean deletion, const char *payload)
{
    GByteArray *b = g_byte_array_new();
    gboolean v6 = from->addr.family == 6;
    const guint8 hdr[4] = {(guint8)(0x20 | (v6 ? 0x10 : 0) | (deletion ? 0x04 : 0)), 0,
                           SAP_MSG_ID_HASH >> 8, SAP_MSG_ID_HASH & 0xff};
    g_byte_array_append(b, hdr, sizeof hdr);
    g_byte_array_append(b, from->addr.bytes, v6 ? 16 : 4);
    g_byte_array_append(b, (const guint8 *)payload, (guint)strlen(payload));
    gen_ip ip = {&w->link, from, gen_addr_parse(sap_group), {0}, SAP_TTL, FALSE};
    gen_dst_mac(&ip.dst, NULL, ip.dst_mac);
    gen_capture_add(w->cap, t, gen_frame_udp(&ip, SAP_SPORT, SAP_PORT, b->data, b->len), -1, 0);
    g_byte_array_unref(b);
    gen_counts *c = gen_capture_counts(w->cap);
    c->udp_other_datagrams++; /* the SAP flow: counted, not media */
    c->udp_other_flows = MAX(c->udp_other_flows, 1u);
}

/* What a SAP scenario announces, from whom, on which SAP group, and the
 * viewer that joins it (IGMPv3 or MLDv2, any source). */
typedef struct {
    const char *group, *sender, *sap_group, *name, *viewer;
    gen_join join;
} sap_case;

/* The sender announces PCMU to group:5004 by SAP every 5 s from t0 (4
 * times), deletes the announcement at 17.5 s and goes on sending until
 * 20 s; a viewer joins (any source) before the first packet. */
static void sap_scenario(gen_world *w, const sap_case *k)
{
    guint64 t0 = GEN_EPOCH_US;
    gen_host *sender = gen_world_host(w, k->sender, 0x80);
    char *sdp = described_sdp(&(described_desc){k->group, NULL, k->sender, k->name});
    for (int i = 0; i < 4; i++)
        sap_send(w, sender, k->sap_group, t0 + GEN_MS(5000) * (guint64)i, FALSE, sdp);
    char *origin = g_strdup_printf("o=- 1 1 IN %s %s\r\n", sender->addr.family == 6 ? "IP6" : "IP4",
                                   k->sender);
    sap_send(w, sender, k->sap_group, t0 + GEN_MS(17500), TRUE, origin); /* section 4: o= */
    g_free(origin);
    g_free(sdp);
    gen_member m = {gen_world_host(w, k->viewer, 0x42),
                    k->join,
                    gen_addr_parse(k->group),
                    {0},
                    t0 + GEN_MS(50),
                    G_MAXUINT64};
    g_array_append_val(w->members, m);
    gen_member_join(w->cap, &w->link, &m, m.t_join);
    described_rtp(w, k->sender, k->group, t0 + GEN_MS(100), t0 + GEN_MS(20000));
}

void gen_sap_announced(gen_world *w)
{
    sap_scenario(w, &(sap_case){"239.1.1.40", DESCRIBED_SENDER_IP, SAP_GROUP, "lobby audio",
                                DESCRIBED_VIEWER_IP, GEN_JOIN_V3});
}

/* The same over IPv6 (RFC 2974 3): a site-local group (ff15::, scope 5)
 * is announced on that scope's SAP group ff05::2:7ffe with an IPv6
 * originating source (A bit); the viewer joins by MLDv2 from its
 * link-local address. */
void gen_sap_announced_ipv6(gen_world *w)
{
    sap_scenario(w, &(sap_case){"ff15::1:40", "2001:db8:97::80", "ff05::2:7ffe", "lobby audio v6",
                                "fe80::42", GEN_JOIN_MLDV2});
}
