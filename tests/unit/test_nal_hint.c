/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_nal_hint.c - which payload starts look like H.264 (RFC 6184) or
 * H.265 (RFC 7798) NAL unit headers, bounds included. */
#include "nal_hint.h"

static guint hint(const uint8_t *p, gsize len)
{
    return ma_nal_hint(p, len);
}

static void test_h264(void)
{
    const uint8_t sps[] = {0x67, 0x42}, idr[] = {0x65}, stap[] = {0x18, 0x00};
    const uint8_t fu_start[] = {0x7c, 0x85}, fu_mid[] = {0x5c, 0x05}, fu_end[] = {0x5c, 0x45};
    g_assert_cmpuint(hint(sps, 2) & MA_NAL_H264, ==, MA_NAL_H264);
    g_assert_cmpuint(hint(idr, 1) & MA_NAL_H264, ==, MA_NAL_H264);
    g_assert_cmpuint(hint(stap, 2) & MA_NAL_H264, ==, MA_NAL_H264);
    g_assert_cmpuint(hint(fu_start, 2) & MA_NAL_H264, ==, MA_NAL_H264);
    g_assert_cmpuint(hint(fu_mid, 2) & MA_NAL_H264, ==, MA_NAL_H264);
    g_assert_cmpuint(hint(fu_end, 2) & MA_NAL_H264, ==, MA_NAL_H264);
    const uint8_t forbidden[] = {0xe5}, type0[] = {0x60}, type30[] = {0x7e};
    const uint8_t fu_both[] = {0x7c, 0xc5}, fu_r[] = {0x7c, 0xa5}, fu_inner0[] = {0x7c, 0x80};
    g_assert_cmpuint(hint(forbidden, 1) & MA_NAL_H264, ==, 0);
    g_assert_cmpuint(hint(type0, 1) & MA_NAL_H264, ==, 0);
    g_assert_cmpuint(hint(type30, 1) & MA_NAL_H264, ==, 0);
    g_assert_cmpuint(hint(fu_both, 2) & MA_NAL_H264, ==, 0);
    g_assert_cmpuint(hint(fu_r, 2) & MA_NAL_H264, ==, 0);
    g_assert_cmpuint(hint(fu_inner0, 2) & MA_NAL_H264, ==, 0);
    g_assert_cmpuint(hint(fu_start, 1), ==, 0); /* the FU header is cut off */
    g_assert_cmpuint(hint(sps, 0), ==, 0);
    g_assert_cmpuint(ma_nal_hint(NULL, 4), ==, 0);
}

static void test_h265(void)
{
    /* VPS 32, SPS 33, IDR_W_RADL 19: type << 1, LayerId 0, TID 1 */
    const uint8_t vps[] = {0x40, 0x01}, idr[] = {0x26, 0x01}, ap[] = {0x60, 0x01};
    const uint8_t fu[] = {0x62, 0x01, 0x93}; /* FU (49), start of an IDR (19) */
    g_assert_cmpuint(hint(vps, 2) & MA_NAL_H265, ==, MA_NAL_H265);
    g_assert_cmpuint(hint(idr, 2) & MA_NAL_H265, ==, MA_NAL_H265);
    g_assert_cmpuint(hint(ap, 2) & MA_NAL_H265, ==, MA_NAL_H265);
    g_assert_cmpuint(hint(fu, 3) & MA_NAL_H265, ==, MA_NAL_H265);
    const uint8_t tid0[] = {0x40, 0x00}, layer[] = {0x40, 0x09}, type41[] = {0x52, 0x01};
    const uint8_t fu_both[] = {0x62, 0x01, 0xd3};
    g_assert_cmpuint(hint(tid0, 2) & MA_NAL_H265, ==, 0);
    g_assert_cmpuint(hint(layer, 2) & MA_NAL_H265, ==, 0);
    g_assert_cmpuint(hint(type41, 2) & MA_NAL_H265, ==, 0);
    g_assert_cmpuint(hint(fu_both, 3) & MA_NAL_H265, ==, 0);
    g_assert_cmpuint(hint(fu, 2) & MA_NAL_H265, ==, 0);
    g_assert_cmpuint(hint(vps, 1) & MA_NAL_H265, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/nal-hint/h264", test_h264);
    g_test_add_func("/nal-hint/h265", test_h265);
    return g_test_run();
}
