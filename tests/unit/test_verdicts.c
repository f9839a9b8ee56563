/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_verdicts.c - the verdict catalogue and message formatting. */
#include <string.h>

#include "verdicts.h"

static void test_catalogue_order(void)
{
    static const char *const codes[] = {
        "MA101", "MA102", "MA103", "MA104", "MA105", "MA106", "MA107", "MA108", "MA120",
        "MA149", "MA201", "MA202", "MA203", "MA204", "MA205", "MA206", "MA207", "MA208",
        "MA209", "MA220", "MA221", "MA222", "MA223", "MA224", "MA239", "MA301", "MA302",
        "MA303", "MA304", "MA305", "MA306", "MA307", "MA308", "MA309", "MA310", "MA311",
        "MA312", "MA313", "MA314", "MA315", "MA316", "MA317", "MA340", "MA341", "MA360",
        "MA365", "MA366", "MA368", "MA369", "MA901", "MA902", "MA920", "MA921", "MA922"};
    g_assert_cmpuint(ma_verdict_catalogue_size(), ==, MA_V__COUNT);
    g_assert_cmpuint(G_N_ELEMENTS(codes), ==, MA_V__COUNT);
    for (int i = 0; i < MA_V__COUNT; i++) {
        const ma_verdict_def *d = ma_verdict_def_get((ma_verdict_id)i);
        g_assert_nonnull(d);
        g_assert_cmpint(d->id, ==, i);
        g_assert_cmpstr(d->code, ==, codes[i]);
        g_assert_true(ma_verdict_def_by_code(codes[i]) == d);
        g_assert_true(ma_verdict_def_by_code(d->name) == d);
        /* names are kebab-case, explanations two sentences */
        for (const char *p = d->name; *p; p++)
            g_assert_true(g_ascii_islower(*p) || g_ascii_isdigit(*p) || *p == '-');
        int dots = 0;
        for (const char *p = d->explanation; *p; p++)
            if (*p == '.' && (p[1] == ' ' || p[1] == '\0'))
                dots++;
        g_assert_cmpint(dots, ==, 2);
        /* the plugin shows the two sentences apart: cause + fix = explanation */
        gsize cause = 0;
        const char *fix = ma_verdict_def_fix(d, &cause);
        g_assert_cmpuint(cause + 1 + strlen(fix), ==, strlen(d->explanation));
        g_assert_true(d->explanation[cause - 1] == '.' && strlen(fix) > 0);
        g_assert_true(strlen(d->title) > 0 && strlen(d->message_template) > 0);
    }
    g_assert_null(ma_verdict_def_get(MA_V__COUNT));
    g_assert_null(ma_verdict_def_by_code("MA999"));
    g_assert_null(ma_verdict_def_by_code(NULL));
}

static void test_fix_sentence(void)
{
    gsize cause = 0;
    const char *fix = ma_verdict_def_fix(ma_verdict_def_by_code("MA202"), &cause);
    g_assert_cmpstr(fix, ==,
                    "Fix the client's multicast join: its socket, its IGMP version, or a "
                    "firewall dropping IGMP.");
    g_assert_cmpuint(cause, ==,
                     strlen("Somebody else's join (often the camera's own) keeps the "
                            "stream flowing only on that host's switch port; a "
                            "snooping switch will not forward the group to the "
                            "client."));
}

static void test_names_and_severities(void)
{
    struct { ma_verdict_id id; const char *name; ma_severity sev; } rows[] = {
        {MA_V_SETUP_FAILED, "setup-failed", MA_SEV_ERROR},
        {MA_V_NEGOTIATION_BEFORE_CAPTURE, "negotiation-before-capture", MA_SEV_INFO},
        {MA_V_CLIENT_NEVER_JOINED, "client-never-joined", MA_SEV_WARNING},
        {MA_V_MEMBERSHIP_EXPIRED, "membership-expired", MA_SEV_ERROR},
        {MA_V_REORDER_DUP, "reorder-duplicate", MA_SEV_INFO},
        {MA_V_LIMIT_REACHED, "limit-reached", MA_SEV_WARNING},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(rows); i++) {
        g_assert_cmpstr(ma_verdict_def_get(rows[i].id)->name, ==, rows[i].name);
        g_assert_cmpint(ma_verdict_def_get(rows[i].id)->severity, ==, rows[i].sev);
    }
    g_assert_nonnull(strstr(ma_verdict_def_get(MA_V_NO_QUERIER)->explanation, "260 s"));
    g_assert_nonnull(strstr(ma_verdict_def_get(MA_V_MEMBERSHIP_EXPIRED)->explanation, "2 x 125 s + 10 s"));
    g_assert_nonnull(strstr(ma_verdict_def_get(MA_V_SETUP_FAILED)->explanation,
                            "server does not offer"));
}

static void test_severity(void)
{
    ma_severity s = MA_SEV_INFO;
    g_assert_cmpstr(ma_severity_name(MA_SEV_INFO), ==, "info");
    g_assert_cmpstr(ma_severity_name(MA_SEV_WARNING), ==, "warning");
    g_assert_cmpstr(ma_severity_name(MA_SEV_ERROR), ==, "error");
    g_assert_true(ma_severity_parse("ERROR", &s));
    g_assert_cmpint(s, ==, MA_SEV_ERROR);
    g_assert_true(ma_severity_parse("warn", &s));
    g_assert_cmpint(s, ==, MA_SEV_WARNING);
    g_assert_false(ma_severity_parse("fatal", &s));
    g_assert_cmpint(s, ==, MA_SEV_WARNING);
    g_assert_false(ma_severity_parse(NULL, &s));
}

static void test_format(void)
{
    const char *keys[] = {"a", "bb", NULL};
    const char *vals[] = {"1", "two", NULL};
    char *s = ma_verdict_format("x{a}y{bb}{c}{}z{", keys, vals);
    g_assert_cmpstr(s, ==, "x1ytwo{c}{}z{");
    g_free(s);
    s = ma_verdict_format("{a", keys, vals);
    g_assert_cmpstr(s, ==, "{a");
    g_free(s);
    s = ma_verdict_format("plain", NULL, NULL);
    g_assert_cmpstr(s, ==, "plain");
    g_free(s);
}

static void test_new_and_frames(void)
{
    const char *facts[] = {"who", "camera", "host", "10.9.97.69", "group", "239.255.255.200",
                           "frame", "14", "client", "10.9.97.42", NULL};
    ma_verdict *v = ma_verdict_new(MA_V_CLIENT_NEVER_JOINED, 1, 0, 0, facts);
    g_assert_cmpstr(v->message, ==,
                    "the camera 10.9.97.69 joined 239.255.255.200 (frame 14) but the client "
                    "10.9.97.42 never did");
    g_assert_true(v->has_track);
    ma_verdict_add_frame(v, 14);
    ma_verdict_add_frame(v, 9);
    ma_verdict_add_frame(v, 14);
    ma_verdict_add_frame(v, 0);
    g_assert_cmpuint(v->frames->len, ==, 2);
    g_assert_cmpuint(g_array_index(v->frames, uint32_t, 0), ==, 9);
    g_assert_cmpuint(g_array_index(v->frames, uint32_t, 1), ==, 14);

    ma_verdict *w = ma_verdict_new(MA_V_LIMIT_REACHED, 0, MA_VERDICT_NO_TRACK, 0, NULL);
    g_assert_false(w->has_track);
    g_assert_nonnull(strstr(w->message, "{table}"));
    ma_verdict *x = ma_verdict_new(MA_V_SETUP_FAILED, 1, 1, 0, NULL);

    GPtrArray *list = g_ptr_array_new_with_free_func((GDestroyNotify)ma_verdict_free);
    g_ptr_array_add(list, v);
    g_ptr_array_add(list, x);
    g_ptr_array_add(list, w);
    g_ptr_array_sort(list, ma_verdict_compare);
    g_assert_true(list->pdata[0] == w);
    g_assert_true(list->pdata[1] == x);
    g_assert_true(list->pdata[2] == v);
    g_ptr_array_free(list, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/verdicts/catalogue-order", test_catalogue_order);
    g_test_add_func("/verdicts/names-severities", test_names_and_severities);
    g_test_add_func("/verdicts/fix-sentence", test_fix_sentence);
    g_test_add_func("/verdicts/severity", test_severity);
    g_test_add_func("/verdicts/format", test_format);
    g_test_add_func("/verdicts/new-and-frames", test_new_and_frames);
    return g_test_run();
}
