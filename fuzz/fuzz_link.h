/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_link.h - the link types the frame harnesses pick from their first
 * byte: every one ma_decode_link_supported() accepts (decode_link.c), so a
 * seed's first byte names the DLT its frames were captured with. */
#ifndef MA_FUZZ_LINK_H
#define MA_FUZZ_LINK_H

#include <glib.h>
#include <stdint.h>

/* NULL, EN10MB, RAW, RAW (OpenBSD), RAW (LINKTYPE_RAW), LOOP, LINUX_SLL,
 * IPV4, IPV6, LINUX_SLL2, PPP, PPP_SERIAL, PPP_ETHER, IEEE802_11,
 * IEEE802_11_RADIO, NFLOG: index = low nibble of the first byte. */
static const int fuzz_dlts[] = {0,   1,   12, 14, 101, 108, 113, 228,
                                229, 276, 9,  50, 51,  105, 127, 239};

static inline int fuzz_pick_dlt(uint8_t b)
{
    return fuzz_dlts[(b & 0x0f) % G_N_ELEMENTS(fuzz_dlts)];
}

#endif
