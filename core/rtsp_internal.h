/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtsp_internal.h - what the RTSP files share (not API).
 * rtsp_message.c parses one message; rtsp_framer.c cuts a byte stream into
 * messages with the same header-end scan and head parser; rtsp_pairing.c
 * pairs replies with requests.  transport.c shares the token rule. */
#ifndef MA_RTSP_INTERNAL_H
#define MA_RTSP_INTERNAL_H

#include <string.h>

#include "rtsp.h"

/* RFC 7826 tchar: visible ASCII except separators. */
static inline gboolean ma_rtsp_is_tchar(unsigned char c)
{
    if (c <= 0x20 || c >= 0x7f)
        return FALSE;
    return strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

/* Finding the end of the header section: the byte after the blank line that
 * follows the start line ("\n\n" or "\n\r\n").  Scanning resumes at scan
 * (the framer keeps the struct between feeds so that a message arriving in
 * many small pieces is scanned once, not once per piece). */
typedef struct {
    gsize scan;     /* where the search resumes */
    gsize first_lf; /* first LF of the message, G_MAXSIZE until seen */
    gsize end;      /* set when found */
} ma_rtsp_head_scan;

void ma_rtsp_head_scan_init(ma_rtsp_head_scan *h);
/* TRUE and h->end when found in p[0..avail); otherwise h->scan is where to
 * resume.  Never looks past MA_RTSP_MAX_HEAD_BYTES. */
gboolean ma_rtsp_scan_head_end(const uint8_t *p, gsize avail, ma_rtsp_head_scan *h);

/* line excludes the line terminator.  m may be NULL (syntax check only). */
gboolean ma_rtsp_parse_start_line(const char *line, gsize len, ma_rtsp_msg *m, GError **err);
/* Parse p[0..head_len), which ends with the blank line; *content_length is
 * the body length its headers announce. */
ma_rtsp_msg *ma_rtsp_parse_head(const uint8_t *p, gsize head_len, gsize *content_length,
                                GError **err);
/* Copy len body bytes (NUL-terminated) and set wire_len = head_len + len. */
void ma_rtsp_attach_body(ma_rtsp_msg *m, const uint8_t *body, gsize len, gsize head_len);

#endif
