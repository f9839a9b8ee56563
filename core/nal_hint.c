/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nal_hint.c - H.264 / H.265 RTP payload headers, plausibility only.
 *
 * H.264 (RFC 6184 5.3): F bit 0, NAL type 1..23 (a single NAL unit) or
 * 24..29 (STAP-A/B, MTAP16/24, FU-A/B); types 0, 30 and 31 are not used.
 * A fragmentation unit's FU header (5.8) has R = 0 and never both S and E.
 * H.265 (RFC 7798 1.1.4): F bit 0, type 0..40 (VCL and parameter sets) or
 * 48 (AP) / 49 (FU), LayerId 0 for the base layer, TID 1..7 (0 is
 * reserved); an FU header (4.4.3) never has both S and E.
 * Random bytes pass the H.264 test about 40 % of the time, so a caller
 * asks it of many packets, not one. */
#include "nal_hint.h"

static gboolean fu_header_ok(uint8_t fu, gboolean check_r)
{
    gboolean start = (fu & 0x80) != 0, end = (fu & 0x40) != 0;
    if (start && end)
        return FALSE;
    return !check_r || (fu & 0x20) == 0;
}

static gboolean h264_ok(const uint8_t *p, gsize len)
{
    if (len < 1 || (p[0] & 0x80) != 0)
        return FALSE;
    guint type = p[0] & 0x1f;
    if (type == 0 || type >= 30)
        return FALSE;
    if (type == 28 || type == 29) { /* FU-A, FU-B */
        if (len < 2 || !fu_header_ok(p[1], TRUE))
            return FALSE;
        guint inner = p[1] & 0x1f;
        return inner >= 1 && inner <= 23;
    }
    return TRUE;
}

static gboolean h265_ok(const uint8_t *p, gsize len)
{
    if (len < 2 || (p[0] & 0x80) != 0)
        return FALSE;
    guint type = (p[0] >> 1) & 0x3f;
    guint layer = ((guint)(p[0] & 0x01) << 5) | (p[1] >> 3);
    guint tid = p[1] & 0x07;
    if (layer != 0 || tid == 0)
        return FALSE;
    if (type == 49) { /* FU */
        if (len < 3 || !fu_header_ok(p[2], FALSE))
            return FALSE;
        return ((p[2] & 0x3f) <= 40);
    }
    return type <= 40 || type == 48;
}

guint ma_nal_hint(const uint8_t *payload, gsize len)
{
    guint hint = 0;
    if (payload == NULL)
        return 0;
    if (h264_ok(payload, len))
        hint |= MA_NAL_H264;
    if (h265_ok(payload, len))
        hint |= MA_NAL_H265;
    return hint;
}
