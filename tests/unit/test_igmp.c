/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_igmp.c - IGMP v1/v2/v3 parsing from real byte arrays.  Checksums
 * were computed independently (RFC 1071) and confirmed by tshark 4.0
 * ("[Checksum Status: Good]"). */
#include <string.h>

#include "memb_fixtures.h"

static const uint8_t v2_report[] = {
    0x16, 0x00, 0xfa, 0x36, 0xef, 0xff, 0xff, 0xc8,
};
/* v2_report: checksum 0xfa36 */
static const uint8_t v2_leave[] = {
    0x17, 0x00, 0xf9, 0x36, 0xef, 0xff, 0xff, 0xc8,
};
/* v2_leave: checksum 0xf936 */
static const uint8_t v1_report[] = {
    0x12, 0x00, 0xfe, 0x36, 0xef, 0xff, 0xff, 0xc8,
};
/* v1_report: checksum 0xfe36 */
static const uint8_t v1_query[] = {
    0x11, 0x00, 0xee, 0xff, 0x00, 0x00, 0x00, 0x00,
};
/* v1_query: checksum 0xeeff */
static const uint8_t v2_query[] = {
    0x11, 0x64, 0xee, 0x9b, 0x00, 0x00, 0x00, 0x00,
};
/* v2_query: checksum 0xee9b */
static const uint8_t v2_gs_query[] = {
    0x11, 0x0a, 0xff, 0x2c, 0xef, 0xff, 0xff, 0xc8,
};
/* v2_gs_query: checksum 0xff2c */
static const uint8_t v3_query[] = {
    0x11, 0x64, 0xec, 0x1e, 0x00, 0x00, 0x00, 0x00, 0x02, 0x7d, 0x00, 0x00,
};
/* v3_query: checksum 0xec1e */
static const uint8_t v3_gss_query[] = {
    0x11, 0x0a, 0x77, 0x5d, 0xe8, 0x01, 0x01, 0x01, 0x0a, 0x7d, 0x00, 0x02,
    0xc0, 0x00, 0x02, 0x0a, 0xc0, 0x00, 0x02, 0x0b,
};
/* v3_gss_query: checksum 0x775d */
static const uint8_t v3_float_query[] = {
    0x11, 0xa5, 0xea, 0xca, 0x00, 0x00, 0x00, 0x00, 0x03, 0x90, 0x00, 0x00,
};
/* v3_float_query: checksum 0xeaca */


static ma_memb_msg *parse_ok(const uint8_t *d, gsize len)
{
    GError *err = NULL;
    ma_memb_msg *m = ma_igmp_parse(d, len, &err);
    g_assert_no_error(err);
    g_assert_nonnull(m);
    g_assert_cmpint(m->proto, ==, MA_PROTO_IGMP);
    g_assert_true(m->checksum_checked);
    return m;
}

static void test_seed_v3_report(void)
{
    ma_memb_msg *m = parse_ok(v3_report_seed, sizeof v3_report_seed);
    g_assert_cmpint(m->version, ==, 3);
    g_assert_cmpint(m->kind, ==, MA_MEMB_REPORT_V3);
    g_assert_cmpint(m->raw_type, ==, 0x22);
    g_assert_cmpuint(m->n_records, ==, 1);
    g_assert_cmpint(m->records[0].type, ==, MA_REC_CHANGE_TO_EXCLUDE);
    g_assert_cmpstr(ma_record_type_name(m->records[0].type), ==, "CHANGE_TO_EXCLUDE_MODE");
    assert_addr(&m->records[0].group, "239.255.255.200");
    g_assert_cmpuint(m->records[0].n_sources, ==, 0);
    g_assert_null(m->records[0].sources);
    g_assert_cmpuint(m->records[0].aux_len, ==, 0);
    g_assert_cmpuint(m->checksum, ==, 0xea35);
    g_assert_cmpuint(m->checksum_computed, ==, 0xea35);
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);
}

static void test_bad_checksum_reported(void)
{
    uint8_t b[sizeof v3_report_seed];
    memcpy(b, v3_report_seed, sizeof b);
    b[15] ^= 0x01; /* group 239.255.255.201 */
    ma_memb_msg *m = parse_ok(b, sizeof b);
    g_assert_false(m->checksum_ok);
    g_assert_cmpuint(m->checksum, ==, 0xea35);
    g_assert_cmpuint(m->checksum_computed, ==, 0xea34);
    assert_addr(&m->records[0].group, "239.255.255.201");
    ma_memb_msg_free(m);
}

static void test_v1_v2_reports_and_leave(void)
{
    struct { const uint8_t *d; int version; ma_memb_kind kind; uint16_t ck; } c[] = {
        {v1_report, 1, MA_MEMB_REPORT_V1, 0xfe36},
        {v2_report, 2, MA_MEMB_REPORT_V2, 0xfa36},
        {v2_leave, 2, MA_MEMB_LEAVE_V2, 0xf936},
    };
    for (guint i = 0; i < G_N_ELEMENTS(c); i++) {
        ma_memb_msg *m = parse_ok(c[i].d, 8);
        g_assert_cmpint(m->version, ==, c[i].version);
        g_assert_cmpint(m->kind, ==, c[i].kind);
        assert_addr(&m->group, "239.255.255.200");
        g_assert_cmpuint(m->checksum_computed, ==, c[i].ck);
        g_assert_true(m->checksum_ok);
        g_assert_cmpuint(m->n_records, ==, 0);
        ma_memb_msg_free(m);
    }
}

static void test_v1_v2_queries(void)
{
    ma_memb_msg *m = parse_ok(v1_query, sizeof v1_query);
    g_assert_cmpint(m->kind, ==, MA_MEMB_QUERY);
    g_assert_cmpint(m->version, ==, 1);
    g_assert_cmpfloat_with_epsilon(m->max_resp_ms, 10000.0, 1e-9); /* RFC 2236 4 */
    g_assert_true(ma_addr_is_unspecified(&m->group));
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);

    m = parse_ok(v2_query, sizeof v2_query);
    g_assert_cmpint(m->version, ==, 2);
    g_assert_cmpfloat_with_epsilon(m->max_resp_ms, 10000.0, 1e-9); /* code 100 */
    assert_addr(&m->group, "0.0.0.0");
    g_assert_cmpint(m->qrv, ==, 0);
    ma_memb_msg_free(m);

    m = parse_ok(v2_gs_query, sizeof v2_gs_query);
    g_assert_cmpint(m->version, ==, 2);
    g_assert_cmpfloat_with_epsilon(m->max_resp_ms, 1000.0, 1e-9);
    assert_addr(&m->group, "239.255.255.200");
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);
}

static void test_v3_queries(void)
{
    ma_memb_msg *m = parse_ok(v3_query, sizeof v3_query);
    g_assert_cmpint(m->version, ==, 3);
    g_assert_cmpint(m->kind, ==, MA_MEMB_QUERY);
    g_assert_cmpfloat_with_epsilon(m->max_resp_ms, 10000.0, 1e-9);
    g_assert_cmpint(m->qrv, ==, 2);
    g_assert_cmpint(m->qqi_s, ==, 125);
    g_assert_false(m->s_flag);
    g_assert_cmpuint(m->n_query_sources, ==, 0);
    g_assert_true(ma_addr_is_unspecified(&m->group));
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);

    m = parse_ok(v3_gss_query, sizeof v3_gss_query);
    g_assert_cmpfloat_with_epsilon(m->max_resp_ms, 1000.0, 1e-9);
    g_assert_true(m->s_flag);
    g_assert_cmpint(m->qrv, ==, 2);
    assert_addr(&m->group, "232.1.1.1");
    g_assert_cmpuint(m->n_query_sources, ==, 2);
    assert_addr(&m->query_sources[0], "192.0.2.10");
    assert_addr(&m->query_sources[1], "192.0.2.11");
    g_assert_cmpuint(m->checksum_computed, ==, 0x775d);
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);

    /* code 0xa5: exp 2, mant 5 -> (5|16) << 5 = 672 tenths; QQIC 0x90 -> 16 << 4 */
    m = parse_ok(v3_float_query, sizeof v3_float_query);
    g_assert_cmpfloat_with_epsilon(m->max_resp_ms, 67200.0, 1e-9);
    g_assert_cmpint(m->qqi_s, ==, 256);
    g_assert_cmpint(m->qrv, ==, 3);
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);
}

static void test_code8_decoding(void)
{
    g_assert_cmpuint(ma_igmp_decode_code8(0), ==, 0);
    g_assert_cmpuint(ma_igmp_decode_code8(127), ==, 127);
    g_assert_cmpuint(ma_igmp_decode_code8(128), ==, 128); /* 16 << 3 */
    g_assert_cmpuint(ma_igmp_decode_code8(0xff), ==, 31744); /* 31 << 10 */
}

static void test_v3_report_all_records(void)
{
    ma_memb_msg *m = parse_ok(v3_report_all, sizeof v3_report_all);
    static const char *groups[] = {"232.1.1.1", "239.1.1.1", "239.1.1.2",
                                   "239.1.1.3", "232.1.1.1", "232.1.1.1"};
    static const guint nsrc[] = {2, 1, 1, 0, 1, 1};
    static const guint aux[] = {0, 4, 0, 0, 8, 0};
    g_assert_cmpuint(m->n_records, ==, 6);
    for (guint i = 0; i < 6; i++) {
        g_assert_cmpint(m->records[i].type, ==, (int)i + 1);
        assert_addr(&m->records[i].group, groups[i]);
        g_assert_cmpuint(m->records[i].n_sources, ==, nsrc[i]);
        g_assert_cmpuint(m->records[i].aux_len, ==, aux[i]);
    }
    assert_addr(&m->records[0].sources[1], "192.0.2.11");
    assert_addr(&m->records[1].sources[0], "192.0.2.20");
    assert_addr(&m->records[2].sources[0], "192.0.2.30");
    assert_addr(&m->records[4].sources[0], "192.0.2.12"); /* read after aux data skipped */
    assert_addr(&m->records[5].sources[0], "192.0.2.10");
    g_assert_cmpuint(m->checksum_computed, ==, 0x03c9);
    g_assert_true(m->checksum_ok);
    ma_memb_msg_free(m);
}

static void expect_error(const uint8_t *d, gsize len, int code)
{
    GError *err = NULL;
    ma_memb_msg *m = ma_igmp_parse(d, len, &err);
    g_assert_null(m);
    g_assert_error(err, MA_MEMB_ERROR, code);
    g_error_free(err);
}

static void test_truncated_every_offset(void)
{
    for (gsize len = 0; len < sizeof v3_report_all; len++)
        expect_error(v3_report_all, len, MA_MEMB_ERROR_TRUNCATED);
    for (gsize len = 0; len < sizeof v3_report_seed; len++)
        expect_error(v3_report_seed, len, MA_MEMB_ERROR_TRUNCATED);
    /* a v3 query cut in its source list; 9..11 bytes is neither form */
    for (gsize len = 12; len < sizeof v3_gss_query; len++)
        expect_error(v3_gss_query, len, MA_MEMB_ERROR_TRUNCATED);
    for (gsize len = 9; len < 12; len++)
        expect_error(v3_gss_query, len, MA_MEMB_ERROR_MALFORMED);
    expect_error(NULL, 8, MA_MEMB_ERROR_TRUNCATED);
}

static void test_error_messages(void)
{
    GError *err = NULL;
    uint8_t one[20];
    memcpy(one, v3_report_all, sizeof one);
    one[7] = 1; /* one record claimed, its 2 sources cut */
    g_assert_null(ma_igmp_parse(one, sizeof one, &err));
    g_assert_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_TRUNCATED);
    g_assert_cmpstr(err->message, ==,
                    "IGMPv3 report: record 1 with 2 sources and 0 aux words needs 16 bytes, "
                    "only 12 remain");
    g_clear_error(&err);
    uint8_t b[16];
    memcpy(b, v3_report_seed, sizeof b);
    b[7] = 0xff; /* 65535 records in 8 bytes */
    b[6] = 0xff;
    g_assert_null(ma_igmp_parse(b, sizeof b, &err));
    g_assert_cmpstr(err->message, ==,
                    "IGMPv3 report: 65535 records need at least 524280 bytes, only 8 remain");
    g_clear_error(&err);
    uint8_t dvmrp[8] = {0x13, 0, 0, 0, 0, 0, 0, 0};
    g_assert_null(ma_igmp_parse(dvmrp, sizeof dvmrp, &err));
    g_assert_error(err, MA_MEMB_ERROR, MA_MEMB_ERROR_UNKNOWN_TYPE);
    g_assert_cmpstr(err->message, ==, "IGMP type 0x13 is not a membership message");
    g_clear_error(&err);
}

static void test_trailing_bytes_and_unknown_record(void)
{
    /* a v3 query with 4 extra bytes (RFC 3376 4.1.10: ignored), and a
     * report whose record type 9 is kept as sent */
    uint8_t q[16];
    memcpy(q, v3_query, 12);
    memset(q + 12, 0xab, 4);
    ma_memb_msg *m = parse_ok(q, sizeof q);
    g_assert_cmpint(m->version, ==, 3);
    g_assert_cmpuint(m->n_query_sources, ==, 0);
    g_assert_false(m->checksum_ok); /* extra bytes are covered by the checksum */
    ma_memb_msg_free(m);

    uint8_t r[16];
    memcpy(r, v3_report_seed, sizeof r);
    r[8] = 9;
    m = parse_ok(r, sizeof r);
    g_assert_cmpint(m->records[0].type, ==, 9);
    g_assert_cmpstr(ma_record_type_name(9), ==, "UNKNOWN");
    g_assert_cmpstr(ma_record_type_abbrev(9), ==, "?");
    ma_memb_msg_free(m);
}

/* Random and mutated messages: must never crash or leak (ASan), and a
 * NULL result always comes with an error. */
static void test_fuzz(void)
{
    static const uint8_t types[] = {0x11, 0x12, 0x16, 0x17, 0x22};
    const uint8_t *seeds[] = {v3_report_all, v3_gss_query, v3_report_seed};
    const gsize seed_len[] = {sizeof v3_report_all, sizeof v3_gss_query, sizeof v3_report_seed};
    GRand *rnd = g_rand_new_with_seed(20240601);
    guint parsed = 0;
    uint8_t buf[128];
    for (guint iter = 0; iter < 200000; iter++) {
        gsize len = (gsize)g_rand_int_range(rnd, 0, sizeof buf + 1);
        guint pick = iter % 4;
        if (pick < 3) { /* mutate a valid message */
            len = MIN(seed_len[pick], sizeof buf);
            memcpy(buf, seeds[pick], len);
            for (int k = g_rand_int_range(rnd, 1, 4); k > 0; k--)
                buf[g_rand_int_range(rnd, 0, (gint32)len)] = (uint8_t)g_rand_int(rnd);
            len = (gsize)g_rand_int_range(rnd, 0, (gint32)len + 1);
        } else {
            for (gsize i = 0; i < len; i++)
                buf[i] = (uint8_t)g_rand_int(rnd);
            if (len > 0)
                buf[0] = types[g_rand_int_range(rnd, 0, G_N_ELEMENTS(types))];
            if (len > 7)
                buf[6] = 0; /* small record counts so that some parse */
        }
        /* exact-length heap copy so ASan sees any over-read */
        uint8_t *copy = g_memdup2(buf, len);
        GError *err = NULL;
        ma_memb_msg *m = ma_igmp_parse(copy, len, &err);
        g_assert_true((m == NULL) == (err != NULL));
        parsed += m != NULL;
        ma_memb_msg_free(m);
        g_clear_error(&err);
        g_free(copy);
    }
    g_rand_free(rnd);
    g_assert_cmpuint(parsed, >, 1000); /* the loop reached the parsers' insides */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/igmp/seed_v3_report", test_seed_v3_report);
    g_test_add_func("/igmp/bad_checksum_reported", test_bad_checksum_reported);
    g_test_add_func("/igmp/v1_v2_reports_and_leave", test_v1_v2_reports_and_leave);
    g_test_add_func("/igmp/v1_v2_queries", test_v1_v2_queries);
    g_test_add_func("/igmp/v3_queries", test_v3_queries);
    g_test_add_func("/igmp/code8_decoding", test_code8_decoding);
    g_test_add_func("/igmp/v3_report_all_records", test_v3_report_all_records);
    g_test_add_func("/igmp/truncated_every_offset", test_truncated_every_offset);
    g_test_add_func("/igmp/error_messages", test_error_messages);
    g_test_add_func("/igmp/trailing_bytes_and_unknown_record", test_trailing_bytes_and_unknown_record);
    g_test_add_func("/igmp/fuzz", test_fuzz);
    return g_test_run();
}
