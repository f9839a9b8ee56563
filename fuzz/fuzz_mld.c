/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_mld.c - libFuzzer harness: an ICMPv6 message through ma_mld_parse
 * and the membership state machine.  The input is the IPv6 source (16
 * bytes), the destination (16 bytes) and the ICMPv6 message, so that the
 * seeds from real captures carry valid pseudo-header checksums; shorter
 * inputs are parsed without addresses (checksum not verifiable). */
#include <stdint.h>

#include "fuzz_membership.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ma_addr src, dst;
    const ma_addr *psrc = NULL, *pdst = NULL;
    if (size >= 32) {
        ma_addr_from_ipv6(&src, data);
        ma_addr_from_ipv6(&dst, data + 16);
        psrc = &src;
        pdst = &dst;
        data += 32;
        size -= 32;
    }
    uint8_t *copy = g_memdup2(data, size);
    if (size > 0)
        (void)ma_mld_is_mld_type(copy[0]);
    GError *err = NULL;
    ma_memb_msg *m = ma_mld_parse(copy, size, psrc, pdst, &err);
    if (m == NULL) {
        g_assert(err != NULL);
        g_error_free(err);
    } else {
        static const uint8_t host6[16] = {0xfe, 0x80, [15] = 0x42};
        ma_addr host;
        ma_addr_from_ipv6(&host, host6);
        fuzz_apply_membership(m, psrc != NULL ? psrc : &host);
        ma_memb_msg_free(m);
    }
    g_free(copy);
    return 0;
}
