/* SPDX-License-Identifier: GPL-2.0-or-later */
/* addr.c - addresses, hosts and the multicast MAC mapping of the generator. */
#include "gen.h"

#include <arpa/inet.h>
#include <string.h>

gen_addr gen_addr_parse(const char *text)
{
    gen_addr a;
    memset(&a, 0, sizeof a);
    if (inet_pton(AF_INET, text, a.bytes) == 1) {
        a.family = 4;
    } else if (inet_pton(AF_INET6, text, a.bytes) == 1) {
        a.family = 6;
    } else {
        /* Scenario tables are compiled in: a bad literal is a programming error. */
        g_error("mcast-gen: bad address literal '%s'", text);
    }
    return a;
}

char *gen_addr_to_string(const gen_addr *a)
{
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(a->family == 4 ? AF_INET : AF_INET6, a->bytes, buf, sizeof buf);
    return g_strdup(buf);
}

gboolean gen_addr_is_multicast(const gen_addr *a)
{
    if (a->family == 4)
        return (a->bytes[0] & 0xf0) == 0xe0;
    return a->bytes[0] == 0xff;
}

void gen_host_init(gen_host *h, const char *addr, const guint8 mac[6])
{
    h->addr = gen_addr_parse(addr);
    memcpy(h->mac, mac, 6);
    /* Start ids from the address so two hosts never share a sequence. */
    h->ip_id = (guint16)(0x1000 + h->addr.bytes[h->addr.family == 4 ? 3 : 15] * 97);
}

void gen_dst_mac(const gen_addr *dst, const gen_host *unicast_peer, guint8 out[6])
{
    if (dst->family == 4 && gen_addr_is_multicast(dst)) {
        /* RFC 1112: 01:00:5e + low 23 bits of the group. */
        out[0] = 0x01; out[1] = 0x00; out[2] = 0x5e;
        out[3] = dst->bytes[1] & 0x7f; out[4] = dst->bytes[2]; out[5] = dst->bytes[3];
    } else if (dst->family == 6 && gen_addr_is_multicast(dst)) {
        /* RFC 2464: 33:33 + low 32 bits. */
        out[0] = 0x33; out[1] = 0x33;
        memcpy(out + 2, dst->bytes + 12, 4);
    } else {
        memcpy(out, unicast_peer->mac, 6);
    }
}
