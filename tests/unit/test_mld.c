/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_mld.c - MLDv1/v2 parsing from real byte arrays.  Checksums cover the
 * IPv6 pseudo-header (src, dst, length, next header 58); they were computed
 * independently and confirmed by tshark 4.0 ("[Checksum Status: Good]",
 * "Maximum Response Code: 140384"). */
#include <string.h>

#include "memb_fixtures.h"

static const uint8_t mld1_query[] = {
    0x82, 0x00, 0x59, 0x17, 0x27, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};
/* mld1_query: fe80::1 -> ff02::1 checksum 0x5917 len 24 */
static const uint8_t mld1_report[] = {
    0x83, 0x00, 0x7d, 0xfd, 0x00, 0x00, 0x00, 0x00, 0xff, 0x15, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01,
};
/* mld1_report: fe80::1 -> ff15::101 checksum 0x7dfd len 24 */
static const uint8_t mld1_done[] = {
    0x84, 0x00, 0x7e, 0x0f, 0x00, 0x00, 0x00, 0x00, 0xff, 0x15, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01,
};
/* mld1_done: fe80::1 -> ff02::2 checksum 0x7e0f len 24 */
static const uint8_t mld2_query[] = {
    0x82, 0x00, 0x56, 0x96, 0x27, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x02, 0x7d, 0x00, 0x00,
};
/* mld2_query: fe80::1 -> ff02::1 checksum 0x5696 len 28 */
static const uint8_t mld2_gss_query[] = {
    0x82, 0x00, 0xa7, 0x3a, 0xa1, 0x23, 0x00, 0x00, 0xff, 0x3e, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x01,
    0x0a, 0x7d, 0x00, 0x01, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
};
/* mld2_gss_query: fe80::1 -> ff3e::8000:1 checksum 0xa73a len 44 */
static const uint8_t mld2_report[] = {
    0x8f, 0x00, 0x05, 0xc4, 0x00, 0x00, 0x00, 0x02, 0x04, 0x00, 0x00, 0x00,
    0xff, 0x15, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x01, 0x01, 0x01, 0x01, 0x00, 0x01, 0xff, 0x3e, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x01, 0xca, 0xfe, 0xf0, 0x0d,
};
/* mld2_report: fe80::1 -> ff02::16 checksum 0x05c4 len 68 */


static ma_addr A(const char *s)
{
    ma_addr a;
    g_assert_true(ma_addr_parse(s, &a));
    return a;
}

static ma_memb_msg *parse_ok(const uint8_t *d, gsize len, const char *src, const char *dst)
{
    GError *err = NULL;
    ma_addr s = A(src), t = A(dst);
    ma_memb_msg *m = ma_mld_parse(d, len, &s, &t, &err);
    g_assert_no_error(err);
    g_assert_nonnull(m);
    g_assert_cmpint(m->proto, ==, MA_PROTO_MLD);
    g_assert_true(m->checksum_checked);
    return m;
}

static void test_v1_query(void)
{
    ma_memb_msg *m = parse_ok(mld1_query, sizeof mld1_query, "fe80::1", "ff02::1");
    g_assert_cmpint(m->kind, ==, MA_MEMB_QUERY);
    g_assert_cmpint(m->version, ==, 1);
    g_assert_cmpint(m->raw_type, ==, 130);
    g_assert_cmpfloat_with_epsilon(m->max_resp_ms, 10000.0, 1e-9);
    assert_addr(&m->group, "::");
    g_assert_cmpuint(m->checksum, ==, 0x5917);
    g_assert_cmpuint(m->checksum_computed, ==, 0x5917);
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);
}

static void test_v1_report_and_done(void)
{
    ma_memb_msg *m = parse_ok(mld1_report, sizeof mld1_report, "fe80::1", "ff15::101");
    g_assert_cmpint(m->kind, ==, MA_MEMB_REPORT_V2);
    g_assert_cmpint(m->version, ==, 1);
    assert_addr(&m->group, "ff15::101");
    g_assert_cmpuint(m->checksum_computed, ==, 0x7dfd);
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);

    m = parse_ok(mld1_done, sizeof mld1_done, "fe80::1", "ff02::2");
    g_assert_cmpint(m->kind, ==, MA_MEMB_LEAVE_V2);
    g_assert_cmpint(m->raw_type, ==, 132);
    assert_addr(&m->group, "ff15::101");
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);
}

static void test_pseudo_header_matters(void)
{
    /* Same bytes, another destination: the pseudo-header changes the sum. */
    ma_memb_msg *m = parse_ok(mld1_done, sizeof mld1_done, "fe80::1", "ff02::1");
    g_assert_false(m->checksum_ok);
    g_assert_cmpuint(m->checksum, ==, 0x7e0f);
    g_assert_cmpuint(m->checksum_computed, ==, 0x7e10); /* ff02::2 -> ::1 adds 1 less */
    ma_memb_msg_free(m);

    /* Without IPv6 addresses nothing can be verified, and it says so. */
    GError *err = NULL;
    m = ma_mld_parse(mld1_done, sizeof mld1_done, NULL, NULL, &err);
    g_assert_no_error(err);
    g_assert_false(m->checksum_checked);
    g_assert_false(m->checksum_ok);
    g_assert_cmpuint(m->checksum, ==, 0x7e0f);
    ma_memb_msg_free(m);
}

static void test_v2_queries(void)
{
    ma_memb_msg *m = parse_ok(mld2_query, sizeof mld2_query, "fe80::1", "ff02::1");
    g_assert_cmpint(m->version, ==, 2);
    g_assert_cmpfloat_with_epsilon(m->max_resp_ms, 10000.0, 1e-9);
    g_assert_cmpint(m->qrv, ==, 2);
    g_assert_cmpint(m->qqi_s, ==, 125);
    g_assert_false(m->s_flag);
    g_assert_cmpuint(m->n_query_sources, ==, 0);
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);

    /* code 0xa123: exp 2, mant 0x123 -> 0x1123 << 5 = 140384 ms */
    m = parse_ok(mld2_gss_query, sizeof mld2_gss_query, "fe80::1", "ff3e::8000:1");
    g_assert_cmpfloat_with_epsilon(m->max_resp_ms, 140384.0, 1e-9);
    g_assert_true(m->s_flag);
    assert_addr(&m->group, "ff3e::8000:1");
    g_assert_cmpuint(m->n_query_sources, ==, 1);
    assert_addr(&m->query_sources[0], "2001:db8::1");
    g_assert_cmpuint(m->checksum_computed, ==, 0xa73a);
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);

    g_assert_cmpuint(ma_mld_decode_code16(32767), ==, 32767);
    g_assert_cmpuint(ma_mld_decode_code16(32768), ==, 32768); /* 0x1000 << 3 */
    g_assert_cmpuint(ma_mld_decode_code16(0xffff), ==, 8387584); /* 0x1fff << 10 */
}

static void test_v2_report(void)
{
    ma_memb_msg *m = parse_ok(mld2_report, sizeof mld2_report, "fe80::1", "ff02::16");
    g_assert_cmpint(m->kind, ==, MA_MEMB_REPORT_V3);
    g_assert_cmpint(m->version, ==, 2);
    g_assert_cmpint(m->raw_type, ==, 143);
    g_assert_cmpuint(m->n_records, ==, 2);
    g_assert_cmpint(m->records[0].type, ==, MA_REC_CHANGE_TO_EXCLUDE);
    assert_addr(&m->records[0].group, "ff15::101");
    g_assert_cmpuint(m->records[0].n_sources, ==, 0);
    g_assert_cmpint(m->records[1].type, ==, MA_REC_MODE_IS_INCLUDE);
    assert_addr(&m->records[1].group, "ff3e::8000:1");
    g_assert_cmpuint(m->records[1].n_sources, ==, 1);
    assert_addr(&m->records[1].sources[0], "2001:db8::1");
    g_assert_cmpuint(m->records[1].aux_len, ==, 4);
    g_assert_cmpuint(m->checksum_computed, ==, 0x05c4);
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);
}

static void expect_error(const uint8_t *d, gsize len, int code)
{
    GError *err = NULL;
    ma_addr s = A("fe80::1"), t = A("ff02::16");
    ma_memb_msg *m = ma_mld_parse(d, len, &s, &t, &err);
    g_assert_null(m);
    g_assert_error(err, MA_MEMB_ERROR, code);
    g_error_free(err);
}

static void test_truncated_and_malformed(void)
{
    for (gsize len = 1; len < sizeof mld2_report; len++)
        expect_error(mld2_report, len, MA_MEMB_ERROR_TRUNCATED);
    for (gsize len = 1; len < 24; len++) {
        expect_error(mld1_report, len, MA_MEMB_ERROR_TRUNCATED);
        expect_error(mld2_gss_query, len, MA_MEMB_ERROR_TRUNCATED);
    }
    for (gsize len = 25; len < 28; len++)
        expect_error(mld2_gss_query, len, MA_MEMB_ERROR_MALFORMED);
    for (gsize len = 29; len < sizeof mld2_gss_query; len++)
        expect_error(mld2_gss_query, len, MA_MEMB_ERROR_TRUNCATED);
    expect_error(NULL, 0, MA_MEMB_ERROR_TRUNCATED);
}

static void test_unknown_type(void)
{
    static const uint8_t echo[8] = {128, 0, 0, 0, 0, 1, 0, 1};
    static const uint8_t mld2_q_min[28] = {130};
    GError *err = NULL;
    g_assert_null(ma_mld_parse(echo, sizeof echo, NULL, NULL, &err));
    g_assert_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_UNKNOWN_TYPE);
    g_assert_cmpstr(err->message, ==, "ICMPv6 type 128 is not an MLD message");
    g_clear_error(&err);
    /* a one-byte ICMPv6 echo is still "not MLD" rather than truncated MLD */
    expect_error(echo, 1, MA_MEMB_ERROR_UNKNOWN_TYPE);
    /* 28 bytes: exactly a v2 query without sources */
    ma_memb_msg *m = ma_mld_parse(mld2_q_min, sizeof mld2_q_min, NULL, NULL, &err);
    g_assert_no_error(err);
    g_assert_cmpint(m->version, ==, 2);
    ma_memb_msg_free(m);
    /* the front ends' cheap skip: exactly RFC 2710 / RFC 3810's four types */
    static const uint8_t mld[] = {130, 131, 132, 143};
    static const uint8_t other[] = {0, 128, 129, 133, 135, 142, 144, 255};
    for (gsize i = 0; i < G_N_ELEMENTS(mld); i++)
        g_assert_true(ma_mld_is_mld_type(mld[i]));
    for (gsize i = 0; i < G_N_ELEMENTS(other); i++)
        g_assert_false(ma_mld_is_mld_type(other[i]));
}

static void test_fuzz(void)
{
    static const uint8_t types[] = {130, 131, 132, 143};
    const uint8_t *seeds[] = {mld2_report, mld2_gss_query, mld1_report};
    const gsize seed_len[] = {sizeof mld2_report, sizeof mld2_gss_query, sizeof mld1_report};
    ma_addr s = A("fe80::1"), t = A("ff02::16");
    GRand *rnd = g_rand_new_with_seed(20240602);
    guint parsed = 0;
    uint8_t buf[160];
    for (guint iter = 0; iter < 200000; iter++) {
        gsize len = (gsize)g_rand_int_range(rnd, 0, sizeof buf + 1);
        guint pick = iter % 4;
        if (pick < 3) {
            len = seed_len[pick];
            memcpy(buf, seeds[pick], len);
            for (int k = g_rand_int_range(rnd, 1, 4); k > 0; k--)
                buf[g_rand_int_range(rnd, 0, (gint32)len)] = (uint8_t)g_rand_int(rnd);
            len = (gsize)g_rand_int_range(rnd, 0, (gint32)len + 1);
        } else {
            for (gsize i = 0; i < len; i++)
                buf[i] = (uint8_t)g_rand_int(rnd);
            if (len > 0)
                buf[0] = types[g_rand_int_range(rnd, 0, G_N_ELEMENTS(types))];
            if (len > 27)
                buf[26] = buf[6] = 0;
        }
        uint8_t *copy = g_memdup2(buf, len);
        GError *err = NULL;
        ma_memb_msg *m = ma_mld_parse(copy, len, (iter & 1) ? &s : NULL, &t, &err);
        g_assert_true((m == NULL) == (err != NULL));
        parsed += m != NULL;
        ma_memb_msg_free(m);
        g_clear_error(&err);
        g_free(copy);
    }
    g_rand_free(rnd);
    g_assert_cmpuint(parsed, >, 1000);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/mld/v1_query", test_v1_query);
    g_test_add_func("/mld/v1_report_and_done", test_v1_report_and_done);
    g_test_add_func("/mld/pseudo_header_matters", test_pseudo_header_matters);
    g_test_add_func("/mld/v2_queries", test_v2_queries);
    g_test_add_func("/mld/v2_report", test_v2_report);
    g_test_add_func("/mld/truncated_and_malformed", test_truncated_and_malformed);
    g_test_add_func("/mld/unknown_type", test_unknown_type);
    g_test_add_func("/mld/fuzz", test_fuzz);
    return g_test_run();
}
