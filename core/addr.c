/* SPDX-License-Identifier: GPL-2.0-or-later */
/* addr.c - address parsing, formatting, hashing. */
#include "addr.h"

#include <arpa/inet.h>
#include <string.h>

gboolean ma_addr_parse_len(const char *text, gsize len, ma_addr *out)
{
    char buf[64];
    if (text == NULL || len == 0 || len >= sizeof buf)
        return FALSE;
    memcpy(buf, text, len);
    buf[len] = '\0';
    return ma_addr_parse(buf, out);
}

gboolean ma_addr_parse(const char *text, ma_addr *out)
{
    ma_addr a;
    memset(&a, 0, sizeof a);
    if (text == NULL)
        return FALSE;
    if (inet_pton(AF_INET, text, a.bytes) == 1) {
        a.family = 4;
    } else if (inet_pton(AF_INET6, text, a.bytes) == 1) {
        a.family = 6;
    } else {
        return FALSE;
    }
    *out = a;
    return TRUE;
}

void ma_addr_from_ipv4(ma_addr *out, const uint8_t b[4])
{
    memset(out, 0, sizeof *out);
    out->family = 4;
    memcpy(out->bytes, b, 4);
}

void ma_addr_from_ipv6(ma_addr *out, const uint8_t b[16])
{
    memset(out, 0, sizeof *out);
    out->family = 6;
    memcpy(out->bytes, b, 16);
}

const char *ma_addr_to_str(const ma_addr *a, char *buf)
{
    if (a == NULL || a->family == 0) {
        g_strlcpy(buf, "-", MA_ADDR_STRLEN);
        return buf;
    }
    if (inet_ntop(a->family == 4 ? AF_INET : AF_INET6, a->bytes, buf, MA_ADDR_STRLEN) == NULL)
        g_strlcpy(buf, "?", MA_ADDR_STRLEN);
    return buf;
}

char *ma_addr_port_to_str(const ma_addr *a, int port)
{
    char buf[MA_ADDR_STRLEN];
    ma_addr_to_str(a, buf);
    if (a != NULL && a->family == 6)
        return g_strdup_printf("[%s]:%d", buf, port);
    return g_strdup_printf("%s:%d", buf, port);
}

static gsize addr_len(const ma_addr *a)
{
    return a->family == 4 ? 4 : a->family == 6 ? 16 : 0;
}

gboolean ma_addr_equal(const ma_addr *a, const ma_addr *b)
{
    return a->family == b->family && memcmp(a->bytes, b->bytes, addr_len(a)) == 0;
}

guint ma_addr_hash(const ma_addr *a)
{
    guint h = a->family;
    for (gsize i = 0; i < addr_len(a); i++)
        h = h * 31u + a->bytes[i];
    return h;
}

guint ma_addr_ghash(gconstpointer a) { return ma_addr_hash(a); }
gboolean ma_addr_gequal(gconstpointer a, gconstpointer b) { return ma_addr_equal(a, b); }

gboolean ma_addr_is_set(const ma_addr *a) { return a != NULL && a->family != 0; }

gboolean ma_addr_is_multicast(const ma_addr *a)
{
    if (a->family == 4)
        return (a->bytes[0] & 0xf0) == 0xe0;
    if (a->family == 6)
        return a->bytes[0] == 0xff;
    return FALSE;
}

gboolean ma_addr_is_unspecified(const ma_addr *a)
{
    static const uint8_t zero[16];
    return a->family != 0 && memcmp(a->bytes, zero, addr_len(a)) == 0;
}

gboolean ma_addr_is_ssm(const ma_addr *a)
{
    if (a->family == 4)
        return a->bytes[0] == 232;
    if (a->family == 6) /* ff3x::/96 per RFC 4607; flags/scope nibble free */
        return a->bytes[0] == 0xff && (a->bytes[1] & 0xf0) == 0x30;
    return FALSE;
}

gboolean ma_addr_multicast_mac(const ma_addr *a, uint8_t mac[6])
{
    if (!ma_addr_is_multicast(a))
        return FALSE;
    if (a->family == 4) {
        mac[0] = 0x01; mac[1] = 0x00; mac[2] = 0x5e;
        mac[3] = a->bytes[1] & 0x7f; mac[4] = a->bytes[2]; mac[5] = a->bytes[3];
    } else {
        mac[0] = 0x33; mac[1] = 0x33;
        memcpy(mac + 2, a->bytes + 12, 4);
    }
    return TRUE;
}
