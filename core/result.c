/* SPDX-License-Identifier: GPL-2.0-or-later */
/* result.c - PASS / WARN / FAIL and the exit code, decided once. */
#include "result.h"

ma_result ma_result_decide(int worst_severity, ma_severity fail_on)
{
    if (worst_severity >= (int)fail_on)
        return MA_RESULT_FAIL;
    if (worst_severity >= (int)MA_SEV_WARNING)
        return MA_RESULT_WARN;
    return MA_RESULT_PASS;
}

ma_result ma_correlator_result(const ma_correlator *c, ma_severity fail_on)
{
    return ma_result_decide(ma_correlator_worst_severity(c), fail_on);
}

const char *ma_result_name(ma_result r)
{
    switch (r) {
    case MA_RESULT_PASS: return "PASS";
    case MA_RESULT_WARN: return "WARN";
    case MA_RESULT_FAIL: return "FAIL";
    }
    return "FAIL";
}

int ma_result_exit_code(ma_result r)
{
    return r == MA_RESULT_FAIL ? 1 : 0;
}
