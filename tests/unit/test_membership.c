/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_membership.c - what reports mean per host: the RFC 3376 6.4 host
 * state (include/exclude + sources) behind joins, refreshes and leaves. */
#include <string.h>

#include "memb_fixtures.h"


static ma_addr A(const char *s)
{
    ma_addr a;
    g_assert_true(ma_addr_parse(s, &a));
    return a;
}


/* A v1/v2-style message (report, leave, query) for one group. */
static ma_memb_msg *simple_msg(ma_memb_kind kind, const char *group)
{
    ma_memb_msg *m = g_new0(ma_memb_msg, 1);
    m->kind = kind;
    m->group = A(group);
    return m;
}

/* A v3 report with one record; srcs is NULL-terminated. */
static ma_memb_msg *v3_msg(int type, const char *group, const char *const *srcs)
{
    ma_memb_msg *m = g_new0(ma_memb_msg, 1);
    guint n = srcs != NULL ? g_strv_length((gchar **)srcs) : 0;
    m->kind = MA_MEMB_REPORT_V3;
    m->version = 3;
    m->n_records = 1;
    m->records = g_new0(ma_memb_record, 1);
    m->records[0].type = type;
    m->records[0].group = A(group);
    m->records[0].n_sources = n;
    m->records[0].sources = n > 0 ? g_new0(ma_addr, n) : NULL;
    for (guint i = 0; i < n; i++)
        m->records[0].sources[i] = A(srcs[i]);
    return m;
}

/* Apply and check: number of changes, and for the first one its kind,
 * mode and source list (comma-joined). */
static void expect(ma_memb_tracker *t, const char *host, ma_memb_msg *m, guint n_changes,
                   ma_change_kind kind, gboolean include, const char *sources)
{
    ma_addr h = A(host);
    GPtrArray *c = ma_memb_tracker_apply(t, &h, m);
    g_assert_cmpuint(c->len, ==, n_changes);
    if (n_changes > 0) {
        const ma_memb_change *ch = c->pdata[0];
        GString *s = g_string_new(NULL);
        char buf[MA_ADDR_STRLEN];
        for (guint i = 0; i < ch->n_sources; i++)
            g_string_append_printf(s, "%s%s", i ? "," : "", ma_addr_to_str(&ch->sources[i], buf));
        g_assert_cmpint(ch->kind, ==, kind);
        g_assert_cmpint(ch->include_mode, ==, include);
        g_assert_cmpstr(s->str, ==, sources);
        g_string_free(s, TRUE);
    }
    ma_memb_changes_free(c);
    ma_memb_msg_free(m);
}

#define H1 "10.9.97.69"
#define G1 "239.255.255.200"

static gboolean member(ma_memb_tracker *t, const char *host, const char *group)
{
    ma_addr h = A(host), g = A(group);
    return ma_memb_tracker_is_member(t, &h, &g);
}

static void test_v2_join_refresh_leave(void)
{
    ma_memb_tracker *t = ma_memb_tracker_new();
    expect(t, H1, simple_msg(MA_MEMB_REPORT_V2, G1), 1, MA_CHANGE_JOIN, FALSE, "");
    g_assert_true(member(t, H1, G1));
    expect(t, H1, simple_msg(MA_MEMB_REPORT_V2, G1), 1, MA_CHANGE_REFRESH, FALSE, "");
    expect(t, H1, simple_msg(MA_MEMB_REPORT_V1, G1), 1, MA_CHANGE_REFRESH, FALSE, "");
    expect(t, H1, simple_msg(MA_MEMB_QUERY, G1), 0, 0, 0, NULL);
    expect(t, H1, simple_msg(MA_MEMB_LEAVE_V2, G1), 1, MA_CHANGE_LEAVE, TRUE, "");
    g_assert_false(member(t, H1, G1));
    expect(t, H1, simple_msg(MA_MEMB_LEAVE_V2, G1), 0, 0, 0, NULL); /* not a member */
    g_assert_cmpuint(ma_memb_tracker_size(t), ==, 0);
    ma_memb_tracker_free(t);
}

static void test_seed_bytes_join_then_to_in_leave(void)
{
    ma_memb_tracker *t = ma_memb_tracker_new();
    GError *err = NULL;
    ma_addr h = A(H1);
    ma_memb_msg *m = ma_igmp_parse(v3_report_seed, sizeof v3_report_seed, &err);
    g_assert_no_error(err);
    GPtrArray *c = ma_memb_tracker_apply(t, &h, m);
    g_assert_cmpuint(c->len, ==, 1);
    const ma_memb_change *ch = c->pdata[0];
    g_assert_cmpint(ch->kind, ==, MA_CHANGE_JOIN);
    g_assert_false(ch->include_mode); /* TO_EX {}: any-source join */
    g_assert_cmpint(ch->record_type, ==, MA_REC_CHANGE_TO_EXCLUDE);
    assert_addr(&ch->group, G1);
    g_assert_cmpuint(ch->n_sources, ==, 0);
    ma_memb_changes_free(c);
    /* the same report again (robustness retransmission) is a refresh */
    c = ma_memb_tracker_apply(t, &h, m);
    g_assert_cmpint(((ma_memb_change *)c->pdata[0])->kind, ==, MA_CHANGE_REFRESH);
    ma_memb_changes_free(c);
    ma_memb_msg_free(m);
    expect(t, H1, v3_msg(MA_REC_CHANGE_TO_INCLUDE, G1, NULL), 1, MA_CHANGE_LEAVE, TRUE, "");
    g_assert_false(member(t, H1, G1));
    ma_memb_tracker_free(t);
}

static void test_ssm_include_allow_block_to_empty(void)
{
    ma_memb_tracker *t = ma_memb_tracker_new();
    const char *s10[] = {"192.0.2.10", NULL}, *s11[] = {"192.0.2.11", NULL};
    expect(t, H1, v3_msg(MA_REC_CHANGE_TO_INCLUDE, "232.1.1.1", s10), 1, MA_CHANGE_JOIN, TRUE,
           "192.0.2.10");
    expect(t, H1, v3_msg(MA_REC_ALLOW_NEW_SOURCES, "232.1.1.1", s11), 1, MA_CHANGE_REFRESH,
           TRUE, "192.0.2.10,192.0.2.11");
    expect(t, H1, v3_msg(MA_REC_MODE_IS_INCLUDE, "232.1.1.1", s11), 1, MA_CHANGE_REFRESH, TRUE,
           "192.0.2.11");
    expect(t, H1, v3_msg(MA_REC_BLOCK_OLD_SOURCES, "232.1.1.1", s10), 1, MA_CHANGE_REFRESH,
           TRUE, "192.0.2.11"); /* blocking a source not in the list */
    g_assert_true(member(t, H1, "232.1.1.1"));
    expect(t, H1, v3_msg(MA_REC_BLOCK_OLD_SOURCES, "232.1.1.1", s11), 1, MA_CHANGE_LEAVE, TRUE,
           "");
    g_assert_false(member(t, H1, "232.1.1.1"));
    /* ALLOW from nothing is a join; ALLOW {} / BLOCK / IS_IN {} from nothing change nothing */
    expect(t, H1, v3_msg(MA_REC_ALLOW_NEW_SOURCES, "232.1.1.2", NULL), 0, 0, 0, NULL);
    expect(t, H1, v3_msg(MA_REC_BLOCK_OLD_SOURCES, "232.1.1.2", s10), 0, 0, 0, NULL);
    expect(t, H1, v3_msg(MA_REC_MODE_IS_INCLUDE, "232.1.1.2", NULL), 0, 0, 0, NULL);
    expect(t, H1, v3_msg(MA_REC_ALLOW_NEW_SOURCES, "232.1.1.2", s10), 1, MA_CHANGE_JOIN, TRUE,
           "192.0.2.10");
    ma_memb_tracker_free(t);
}

static void test_exclude_mode_lists(void)
{
    ma_memb_tracker *t = ma_memb_tracker_new();
    const char *s1[] = {"192.0.2.1", "192.0.2.1", NULL}, *s2[] = {"192.0.2.2", NULL};
    expect(t, H1, v3_msg(MA_REC_MODE_IS_EXCLUDE, G1, s1), 1, MA_CHANGE_JOIN, FALSE,
           "192.0.2.1"); /* duplicate source kept once */
    expect(t, H1, v3_msg(MA_REC_BLOCK_OLD_SOURCES, G1, s2), 1, MA_CHANGE_REFRESH, FALSE,
           "192.0.2.1,192.0.2.2");
    expect(t, H1, v3_msg(MA_REC_ALLOW_NEW_SOURCES, G1, s1), 1, MA_CHANGE_REFRESH, FALSE,
           "192.0.2.2");
    expect(t, H1, v3_msg(MA_REC_CHANGE_TO_EXCLUDE, G1, NULL), 1, MA_CHANGE_REFRESH, FALSE, "");
    /* exclude -> include {S}: still a member, a refresh with the new list */
    expect(t, H1, v3_msg(MA_REC_CHANGE_TO_INCLUDE, G1, s2), 1, MA_CHANGE_REFRESH, TRUE,
           "192.0.2.2");
    expect(t, H1, v3_msg(7, G1, s2), 0, 0, 0, NULL); /* unknown record type ignored */
    ma_memb_tracker_free(t);
}

static void test_multi_record_report(void)
{
    static const ma_change_kind kinds[] = {MA_CHANGE_JOIN, MA_CHANGE_JOIN, MA_CHANGE_JOIN,
                                           MA_CHANGE_JOIN, MA_CHANGE_REFRESH, MA_CHANGE_REFRESH};
    static const guint nsrc[] = {2, 1, 1, 0, 3, 2};
    ma_memb_tracker *t = ma_memb_tracker_new();
    ma_addr h = A("192.0.2.99");
    GError *err = NULL;
    ma_memb_msg *m = ma_igmp_parse(v3_report_all, sizeof v3_report_all, &err);
    g_assert_no_error(err);
    GPtrArray *c = ma_memb_tracker_apply(t, &h, m);
    g_assert_cmpuint(c->len, ==, 6);
    for (guint i = 0; i < c->len; i++) {
        const ma_memb_change *ch = c->pdata[i];
        g_assert_cmpint(ch->kind, ==, kinds[i]);
        g_assert_cmpint(ch->record_type, ==, (int)i + 1);
        g_assert_cmpuint(ch->n_sources, ==, nsrc[i]);
    }
    /* 232.1.1.1: IS_IN {10,11} + ALLOW {12} + BLOCK {10} = include {11,12} */
    const ma_memb_change *last = c->pdata[5];
    g_assert_true(last->include_mode);
    assert_addr(&last->sources[0], "192.0.2.11");
    assert_addr(&last->sources[1], "192.0.2.12");
    g_assert_cmpuint(ma_memb_tracker_size(t), ==, 4);
    ma_memb_changes_free(c);
    ma_memb_msg_free(m);
    ma_memb_tracker_free(t);
}

static void test_hosts_are_separate_and_mld(void)
{
    ma_memb_tracker *t = ma_memb_tracker_new();
    expect(t, "10.0.0.1", simple_msg(MA_MEMB_REPORT_V2, G1), 1, MA_CHANGE_JOIN, FALSE, "");
    expect(t, "10.0.0.2", simple_msg(MA_MEMB_REPORT_V2, G1), 1, MA_CHANGE_JOIN, FALSE, "");
    expect(t, "10.0.0.1", simple_msg(MA_MEMB_LEAVE_V2, G1), 1, MA_CHANGE_LEAVE, TRUE, "");
    g_assert_false(member(t, "10.0.0.1", G1));
    g_assert_true(member(t, "10.0.0.2", G1));
    /* MLDv1 report and done use the same kinds */
    expect(t, "fe80::1", simple_msg(MA_MEMB_REPORT_V2, "ff15::101"), 1, MA_CHANGE_JOIN, FALSE,
           "");
    g_assert_true(member(t, "fe80::1", "ff15::101"));
    expect(t, "fe80::1", simple_msg(MA_MEMB_LEAVE_V2, "ff15::101"), 1, MA_CHANGE_LEAVE, TRUE,
           "");
    ma_memb_tracker_free(t);
}

static void test_bounds(void)
{
    ma_memb_tracker *t = ma_memb_tracker_new_limited(2);
    expect(t, H1, simple_msg(MA_MEMB_REPORT_V2, "239.1.1.1"), 1, MA_CHANGE_JOIN, FALSE, "");
    expect(t, H1, simple_msg(MA_MEMB_REPORT_V2, "239.1.1.2"), 1, MA_CHANGE_JOIN, FALSE, "");
    expect(t, H1, simple_msg(MA_MEMB_REPORT_V2, "239.1.1.3"), 0, 0, 0, NULL);
    expect(t, H1, simple_msg(MA_MEMB_REPORT_V2, "239.1.1.2"), 1, MA_CHANGE_REFRESH, FALSE, "");
    g_assert_cmpuint(ma_memb_tracker_size(t), ==, 2);
    g_assert_cmpuint(ma_memb_tracker_dropped(t), ==, 1);
    ma_memb_tracker_free(t);

    /* source lists stop at MA_MEMB_MAX_SOURCES, the rest is counted */
    t = ma_memb_tracker_new();
    ma_memb_msg *m = v3_msg(MA_REC_MODE_IS_EXCLUDE, G1, NULL);
    m->records[0].n_sources = 1500;
    m->records[0].sources = g_new0(ma_addr, 1500);
    for (guint i = 0; i < 1500; i++) {
        uint8_t b[4] = {10, 1, (uint8_t)(i >> 8), (uint8_t)i};
        ma_addr_from_ipv4(&m->records[0].sources[i], b);
    }
    ma_addr h = A(H1);
    GPtrArray *c = ma_memb_tracker_apply(t, &h, m);
    g_assert_cmpuint(((ma_memb_change *)c->pdata[0])->n_sources, ==, MA_MEMB_MAX_SOURCES);
    g_assert_cmpuint(ma_memb_tracker_sources_dropped(t), ==, 1500 - MA_MEMB_MAX_SOURCES);
    ma_memb_changes_free(c);
    ma_memb_msg_free(m);
    ma_memb_tracker_free(t);
}

static void test_names_and_checksum(void)
{
    static const char *names[] = {"MODE_IS_INCLUDE", "MODE_IS_EXCLUDE", "CHANGE_TO_INCLUDE_MODE",
                                  "CHANGE_TO_EXCLUDE_MODE", "ALLOW_NEW_SOURCES",
                                  "BLOCK_OLD_SOURCES"};
    static const char *abbr[] = {"IS_IN", "IS_EX", "TO_IN", "TO_EX", "ALLOW", "BLOCK"};
    for (int i = 1; i <= 6; i++) {
        g_assert_cmpstr(ma_record_type_name(i), ==, names[i - 1]);
        g_assert_cmpstr(ma_record_type_abbrev(i), ==, abbr[i - 1]);
    }
    g_assert_cmpstr(ma_record_type_name(0), ==, "UNKNOWN");
    g_assert_cmpstr(ma_record_type_abbrev(-1), ==, "?");
    /* RFC 1071 section 3 example: sum ddf2, checksum 220d */
    static const uint8_t ex[8] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    g_assert_cmpuint(ma_inet_sum(0, ex, sizeof ex, -1), ==, 0xddf2);
    g_assert_cmpuint(ma_inet_fold(ma_inet_sum(0, ex, sizeof ex, -1)), ==, 0x220d);
    g_assert_cmpuint(ma_inet_fold(ma_inet_sum(0, ex, 3, -1)), ==, 0x0dfe); /* odd: f2 padded */
}

/* Random sequences: membership always agrees with the last change. */
static void test_fuzz_sequences(void)
{
    static const char *hosts[] = {"10.0.0.1", "10.0.0.2"};
    static const char *groups[] = {"232.1.1.1", "239.1.1.1"};
    static const char *srcs[] = {"192.0.2.1", "192.0.2.2", "192.0.2.3"};
    ma_memb_tracker *t = ma_memb_tracker_new_limited(3);
    GRand *rnd = g_rand_new_with_seed(7);
    guint joins = 0, leaves = 0;
    for (guint iter = 0; iter < 20000; iter++) {
        const char *host = hosts[g_rand_int_range(rnd, 0, 2)];
        const char *group = groups[g_rand_int_range(rnd, 0, 2)];
        const char *list[4] = {NULL};
        guint n = (guint)g_rand_int_range(rnd, 0, 4);
        for (guint i = 0; i < n; i++)
            list[i] = srcs[g_rand_int_range(rnd, 0, 3)];
        gint32 op = g_rand_int_range(rnd, 0, 9);
        ma_memb_msg *m = op < 7 ? v3_msg(op, group, list)
                                : simple_msg(op == 7 ? MA_MEMB_REPORT_V2 : MA_MEMB_LEAVE_V2, group);
        ma_addr h = A(host), g = A(group);
        GPtrArray *c = ma_memb_tracker_apply(t, &h, m);
        g_assert_cmpuint(c->len, <=, 1);
        if (c->len == 1) {
            const ma_memb_change *ch = c->pdata[0];
            g_assert_cmpint(ma_memb_tracker_is_member(t, &h, &g), ==, ch->kind != MA_CHANGE_LEAVE);
            g_assert_true(ch->kind != MA_CHANGE_LEAVE || ch->n_sources == 0);
            g_assert_true(!ch->include_mode || ch->kind == MA_CHANGE_LEAVE || ch->n_sources > 0);
            joins += ch->kind == MA_CHANGE_JOIN;
            leaves += ch->kind == MA_CHANGE_LEAVE;
        }
        g_assert_cmpuint(ma_memb_tracker_size(t), <=, 3);
        ma_memb_changes_free(c);
        ma_memb_msg_free(m);
    }
    g_assert_cmpuint(joins, >, 100);
    g_assert_cmpuint(leaves, >, 100);
    g_rand_free(rnd);
    ma_memb_tracker_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/membership/v2_join_refresh_leave", test_v2_join_refresh_leave);
    g_test_add_func("/membership/seed_bytes_join_then_to_in_leave",
                    test_seed_bytes_join_then_to_in_leave);
    g_test_add_func("/membership/ssm_include_allow_block_to_empty",
                    test_ssm_include_allow_block_to_empty);
    g_test_add_func("/membership/exclude_mode_lists", test_exclude_mode_lists);
    g_test_add_func("/membership/multi_record_report", test_multi_record_report);
    g_test_add_func("/membership/hosts_are_separate_and_mld", test_hosts_are_separate_and_mld);
    g_test_add_func("/membership/bounds", test_bounds);
    g_test_add_func("/membership/names_and_checksum", test_names_and_checksum);
    g_test_add_func("/membership/fuzz_sequences", test_fuzz_sequences);
    return g_test_run();
}
