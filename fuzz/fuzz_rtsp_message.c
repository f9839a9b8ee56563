/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_rtsp_message.c - libFuzzer harness: one RTSP message (start line,
 * headers, body) through ma_rtsp_msg_parse, then every reader the core
 * applies to a parsed message. */
#include <stdint.h>
#include <string.h>

#include "rtsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a private copy of exactly size bytes: ASan sees any read past it */
    uint8_t *copy = g_memdup2(data, size);
    GError *err = NULL;
    ma_rtsp_msg *msg = ma_rtsp_msg_parse(copy, size, &err);
    if (msg == NULL) {
        g_assert(err != NULL);
        g_error_free(err);
        g_free(copy);
        return 0;
    }
    g_assert(msg->wire_len <= size);
    static const char *const names[] = {"CSeq",           "Session",      "Transport",
                                        "Content-Type",   "Content-Base", "Content-Location",
                                        "Content-Length", "RTP-Info",     "WWW-Authenticate",
                                        "Public",         "Range"};
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
        (void)ma_rtsp_msg_header(msg, names[i]);
    (void)ma_rtsp_is_success(msg);
    if (msg->kind == MA_RTSP_RESPONSE) {
        (void)ma_rtsp_reason_phrase(msg->status);
        (void)ma_rtsp_status_is_session_error(msg->status);
    }
    ma_rtsp_msg_free(msg);
    g_free(copy);
    return 0;
}
