/* SPDX-License-Identifier: GPL-2.0-or-later */
/* addr.h - IPv4/IPv6 addresses as plain values, shared by every module.
 * Why a struct of our own: the core must not depend on Wireshark's address
 * or on libpcap/sockets types, and must be hashable in GLib tables. */
#ifndef MA_ADDR_H
#define MA_ADDR_H

#include <glib.h>
#include <stdint.h>

#define MA_ADDR_STRLEN 48 /* enough for any IPv6 text form plus NUL */

typedef struct {
    uint8_t family; /* 0 = none/unset, 4 = IPv4, 6 = IPv6 */
    uint8_t bytes[16]; /* IPv4 uses bytes[0..3], network order */
} ma_addr;

/* Parse dotted IPv4 or RFC 4291 IPv6 text (no brackets, no zone).  */
gboolean ma_addr_parse(const char *text, ma_addr *out);
/* Same on a non-NUL-terminated slice. */
gboolean ma_addr_parse_len(const char *text, gsize len, ma_addr *out);
void ma_addr_from_ipv4(ma_addr *out, const uint8_t b[4]);
void ma_addr_from_ipv6(ma_addr *out, const uint8_t b[16]);
/* Writes into buf (at least MA_ADDR_STRLEN bytes) and returns buf; "-" when unset. */
const char *ma_addr_to_str(const ma_addr *a, char *buf);
/* "239.1.1.1:8860", "[ff3e::1]:5000" (IPv6 in brackets, RFC 3986 3.2.2);
 * the address part is "-" when unset.  g_free the result. */
char *ma_addr_port_to_str(const ma_addr *a, int port);

gboolean ma_addr_equal(const ma_addr *a, const ma_addr *b);
guint ma_addr_hash(const ma_addr *a);
/* GHashTable adapters taking gconstpointer to ma_addr. */
guint ma_addr_ghash(gconstpointer a);
gboolean ma_addr_gequal(gconstpointer a, gconstpointer b);

gboolean ma_addr_is_set(const ma_addr *a);
gboolean ma_addr_is_multicast(const ma_addr *a);   /* 224.0.0.0/4, ff00::/8 */
gboolean ma_addr_is_unspecified(const ma_addr *a); /* 0.0.0.0, :: */
gboolean ma_addr_is_ssm(const ma_addr *a);         /* 232.0.0.0/8, ff3x::/32 */
/* RFC 1112 / RFC 2464 multicast MAC of a group; FALSE when not multicast. */
gboolean ma_addr_multicast_mac(const ma_addr *a, uint8_t mac[6]);

#endif
