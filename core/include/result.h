/* SPDX-License-Identifier: GPL-2.0-or-later */
/* result.h - the run's decision, PASS / WARN / FAIL, from the verdicts: the
 * CLI's result line and exit code and the plugin's session column say the
 * same word because both ask here. */
#ifndef MA_RESULT_H
#define MA_RESULT_H

#include "correlator.h"
#include "verdicts.h"

typedef enum { MA_RESULT_PASS, MA_RESULT_WARN, MA_RESULT_FAIL } ma_result;

/* worst_severity: the worst verdict's ma_severity, or -1 when there is none.
 * FAIL when it is at or above fail_on, WARN when it is a warning or an error
 * below fail_on, else PASS (info verdicts never fail). */
ma_result ma_result_decide(int worst_severity, ma_severity fail_on);
/* The decision over every verdict of a finished correlator. */
ma_result ma_correlator_result(const ma_correlator *c, ma_severity fail_on);
const char *ma_result_name(ma_result r); /* "PASS", "WARN", "FAIL" */
int ma_result_exit_code(ma_result r);    /* 1 for FAIL, else 0 */

#endif
