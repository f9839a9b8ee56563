/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtsp_status.c - RTSP status codes and their reason phrases, RFC 2326
 * section 7.1.1 / RFC 7826 section 17: the ones cameras send.  A reply's
 * own phrase may differ (it is free text); verdicts and reports name the
 * standard one so that a 405 reads the same everywhere. */
#include "rtsp.h"

const char *ma_rtsp_reason_phrase(int status)
{
    static const struct {
        int code;
        const char *text;
    } reasons[] = {
        {200, "OK"},
        {301, "Moved Permanently"},
        {302, "Moved Temporarily"},
        {400, "Bad Request"},
        {401, "Unauthorized"},
        {403, "Forbidden"},
        {404, "Not Found"},
        {405, "Method Not Allowed"},
        {406, "Not Acceptable"},
        {453, "Not Enough Bandwidth"},
        {454, "Session Not Found"},
        {455, "Method Not Valid in This State"},
        {457, "Invalid Range"},
        {459, "Aggregate Operation Not Allowed"},
        {460, "Only Aggregate Operation Allowed"},
        {461, "Unsupported Transport"},
        {500, "Internal Server Error"},
        {501, "Not Implemented"},
        {503, "Service Unavailable"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(reasons); i++)
        if (reasons[i].code == status)
            return reasons[i].text;
    return "";
}

gboolean ma_rtsp_status_is_session_error(int status)
{
    return status == 454 || status == 455 || status == 457 || status == 459 ||
           (status >= 500 && status <= 599);
}
