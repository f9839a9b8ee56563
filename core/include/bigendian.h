/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bigendian.h - reading network-order (big-endian) integers from packet
 * bytes.  Callers check the length first: these read exactly 2 or 4 bytes. */
#ifndef MA_BIGENDIAN_H
#define MA_BIGENDIAN_H

#include <stdint.h>

static inline uint16_t ma_rd16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t ma_rd32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

#endif
