/* SPDX-License-Identifier: GPL-2.0-or-later */
/* igmp.c - IGMPv2 (RFC 2236) and IGMPv3 (RFC 3376) messages: IP TTL 1 and
 * the router-alert option, as hosts and queriers send them. */
#include "gen.h"

static void put_be16(GByteArray *b, guint16 v)
{
    guint8 x[2] = { (guint8)(v >> 8), (guint8)v };
    g_byte_array_append(b, x, 2);
}

static void send_igmp(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t,
                      const char *dst, GByteArray *msg)
{
    gen_ip ip = { link, h, gen_addr_parse(dst), { 0 }, 1, TRUE };
    gen_dst_mac(&ip.dst, h, ip.dst_mac);
    gen_capture_add(cap, t, gen_frame_igmp(&ip, msg->data, msg->len), -1, 0);
    g_byte_array_unref(msg);
}

static void send_igmp_to(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t,
                         const gen_addr *dst, GByteArray *msg)
{
    char *s = gen_addr_to_string(dst);
    send_igmp(cap, link, h, t, s, msg);
    g_free(s);
}

void gen_igmpv3_report(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t,
                       const gen_mrec *recs, guint n)
{
    GByteArray *m = g_byte_array_new();
    const guint8 head[4] = { 0x22, 0, 0, 0 }; /* type, reserved, checksum (filled later) */
    g_byte_array_append(m, head, 4);
    put_be16(m, 0);
    put_be16(m, (guint16)n);
    for (guint i = 0; i < n; i++) {
        const guint8 rh[2] = { recs[i].type, 0 };
        g_byte_array_append(m, rh, 2);
        put_be16(m, (guint16)recs[i].nsrc);
        g_byte_array_append(m, recs[i].group.bytes, 4);
        for (guint k = 0; k < recs[i].nsrc; k++)
            g_byte_array_append(m, recs[i].sources[k].bytes, 4);
    }
    gen_capture_counts(cap)->membership_records += n;
    send_igmp(cap, link, h, t, "224.0.0.22", m);
}

static GByteArray *v2_message(guint8 type, guint8 max_resp, const gen_addr *group)
{
    GByteArray *m = g_byte_array_new();
    const guint8 head[4] = { type, max_resp, 0, 0 };
    g_byte_array_append(m, head, 4);
    static const guint8 zero[4] = { 0, 0, 0, 0 };
    g_byte_array_append(m, group ? group->bytes : zero, 4);
    return m;
}

void gen_igmpv2_report(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t, const gen_addr *group)
{
    gen_capture_counts(cap)->membership_records++;
    send_igmp_to(cap, link, h, t, group, v2_message(0x16, 0, group));
}

void gen_igmpv2_leave(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t, const gen_addr *group)
{
    gen_capture_counts(cap)->membership_records++;
    send_igmp(cap, link, h, t, "224.0.0.2", v2_message(0x17, 0, group));
}

void gen_igmp_query(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t, int version,
                    const gen_addr *group)
{
    /* General: max response 10 s; group-specific: 1 s (last member query). */
    GByteArray *m = v2_message(0x11, group ? 10 : 100, group);
    if (version == 3) {
        const guint8 tail[4] = { 0x02, 125, 0, 0 }; /* S=0 QRV=2, QQIC 125 s, 0 sources */
        g_byte_array_append(m, tail, 4);
    }
    gen_capture_counts(cap)->queries++;
    if (group)
        send_igmp_to(cap, link, h, t, group, m);
    else
        send_igmp(cap, link, h, t, "224.0.0.1", m);
}
