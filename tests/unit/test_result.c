/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_result.c - the one PASS/WARN/FAIL decision (the CLI's result line
 * and exit code, the plugin's result field) and the one list of RTSP
 * reason phrases (MA101's message, the text report). */
#include <glib.h>

#include "result.h"
#include "rtsp.h"

static void test_decide(void)
{
    g_assert_cmpint(ma_result_decide(-1, MA_SEV_ERROR), ==, MA_RESULT_PASS);
    g_assert_cmpint(ma_result_decide(MA_SEV_INFO, MA_SEV_ERROR), ==, MA_RESULT_PASS);
    g_assert_cmpint(ma_result_decide(MA_SEV_INFO, MA_SEV_WARNING), ==, MA_RESULT_PASS);
    g_assert_cmpint(ma_result_decide(MA_SEV_WARNING, MA_SEV_ERROR), ==, MA_RESULT_WARN);
    g_assert_cmpint(ma_result_decide(MA_SEV_WARNING, MA_SEV_WARNING), ==, MA_RESULT_FAIL);
    g_assert_cmpint(ma_result_decide(MA_SEV_ERROR, MA_SEV_ERROR), ==, MA_RESULT_FAIL);
    g_assert_cmpstr(ma_result_name(MA_RESULT_PASS), ==, "PASS");
    g_assert_cmpstr(ma_result_name(MA_RESULT_WARN), ==, "WARN");
    g_assert_cmpstr(ma_result_name(MA_RESULT_FAIL), ==, "FAIL");
    g_assert_cmpint(ma_result_exit_code(MA_RESULT_WARN), ==, 0);
    g_assert_cmpint(ma_result_exit_code(MA_RESULT_FAIL), ==, 1);
}

static void test_reason_phrases(void)
{
    g_assert_cmpstr(ma_rtsp_reason_phrase(200), ==, "OK");
    g_assert_cmpstr(ma_rtsp_reason_phrase(401), ==, "Unauthorized");
    g_assert_cmpstr(ma_rtsp_reason_phrase(405), ==, "Method Not Allowed");
    g_assert_cmpstr(ma_rtsp_reason_phrase(461), ==, "Unsupported Transport");
    g_assert_cmpstr(ma_rtsp_reason_phrase(299), ==, "");
    g_assert_cmpstr(ma_rtsp_reason_phrase(-1), ==, "");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/result/decide", test_decide);
    g_test_add_func("/result/reason-phrases", test_reason_phrases);
    return g_test_run();
}
