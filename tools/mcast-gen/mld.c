/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mld.c - MLDv2 (RFC 3810) reports and queries: ICMPv6 with hop limit 1 and
 * the hop-by-hop router alert, sent from link-local addresses. */
#include "gen.h"

static void put_be16(GByteArray *b, guint16 v)
{
    guint8 x[2] = { (guint8)(v >> 8), (guint8)v };
    g_byte_array_append(b, x, 2);
}

static void send_mld(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t,
                     const gen_addr *dst, GByteArray *msg)
{
    gen_ip ip = { link, h, *dst, { 0 }, 1, TRUE };
    gen_dst_mac(&ip.dst, h, ip.dst_mac);
    gen_capture_add(cap, t, gen_frame_icmpv6(&ip, msg->data, msg->len), -1, 0);
    g_byte_array_unref(msg);
}

void gen_mldv2_report(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t,
                      const gen_mrec *recs, guint n)
{
    GByteArray *m = g_byte_array_new();
    const guint8 head[4] = { 143, 0, 0, 0 };
    g_byte_array_append(m, head, 4);
    put_be16(m, 0);
    put_be16(m, (guint16)n);
    for (guint i = 0; i < n; i++) {
        const guint8 rh[2] = { recs[i].type, 0 };
        g_byte_array_append(m, rh, 2);
        put_be16(m, (guint16)recs[i].nsrc);
        g_byte_array_append(m, recs[i].group.bytes, 16);
        for (guint k = 0; k < recs[i].nsrc; k++)
            g_byte_array_append(m, recs[i].sources[k].bytes, 16);
    }
    gen_capture_counts(cap)->membership_records += n;
    gen_addr dst = gen_addr_parse("ff02::16");
    send_mld(cap, link, h, t, &dst, m);
}

void gen_mldv2_query(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t, const gen_addr *group)
{
    GByteArray *m = g_byte_array_new();
    const guint8 head[4] = { 130, 0, 0, 0 };
    g_byte_array_append(m, head, 4);
    put_be16(m, group ? 1000 : 10000); /* maximum response code, ms */
    put_be16(m, 0);
    gen_addr any = gen_addr_parse("::");
    g_byte_array_append(m, (group ? group : &any)->bytes, 16);
    const guint8 tail[4] = { 0x02, 125, 0, 0 }; /* QRV 2, QQIC 125 s, 0 sources */
    g_byte_array_append(m, tail, 4);
    gen_capture_counts(cap)->queries++;
    gen_addr all = gen_addr_parse("ff02::1");
    send_mld(cap, link, h, t, group ? group : &all, m);
}
