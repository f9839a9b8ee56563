/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_igmp.c - libFuzzer harness: IGMP message bytes (after the IPv4
 * header) through ma_igmp_parse and the membership state machine. */
#include <stdint.h>

#include "fuzz_membership.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = g_memdup2(data, size);
    GError *err = NULL;
    ma_memb_msg *m = ma_igmp_parse(copy, size, &err);
    if (m == NULL) {
        g_assert(err != NULL);
        g_error_free(err);
    } else {
        static const uint8_t host4[4] = {10, 0, 0, 42};
        ma_addr host;
        ma_addr_from_ipv4(&host, host4);
        fuzz_apply_membership(m, &host);
        ma_memb_msg_free(m);
    }
    g_free(copy);
    return 0;
}
