/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtsp_message.c - one RTSP/1.0 (RFC 2326) or RTSP/2.0 (RFC 7826) message:
 * start line, headers (folded continuation lines), Content-Length body.
 *
 * Everything here reads untrusted bytes: every index is checked against the
 * length before use and numbers are parsed digit by digit with a bound.
 * The framer (rtsp_framer.c) reuses the header-end scan and the head parser
 * through rtsp_internal.h. */
#include "rtsp_internal.h"

#include <string.h>

G_DEFINE_QUARK(ma-rtsp-error-quark, ma_rtsp_error)

/* ------------------------------------------------------------------ */
/* Small lexical helpers                                               */
/* ------------------------------------------------------------------ */

static gboolean is_blank(char c) { return c == ' ' || c == '\t'; }

static void trim(const char **s, gsize *len)
{
    while (*len > 0 && is_blank((*s)[0])) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && is_blank((*s)[*len - 1]))
        (*len)--;
}

/* Decimal digits only (no sign, no blanks), at most max_digits of them.
 * Returns FALSE for anything else. */
static gboolean parse_digits(const char *s, gsize len, guint max_digits, guint64 *out)
{
    guint64 v = 0;
    if (len == 0 || len > max_digits)
        return FALSE;
    for (gsize i = 0; i < len; i++) {
        if (!g_ascii_isdigit(s[i]))
            return FALSE;
        v = v * 10u + (guint64)(s[i] - '0');
    }
    *out = v;
    return TRUE;
}

/* ------------------------------------------------------------------ */
/* Message structure                                                   */
/* ------------------------------------------------------------------ */

static void header_free(gpointer p)
{
    ma_rtsp_header *h = p;
    g_free(h->name);
    g_free(h->value);
    g_free(h);
}

static ma_rtsp_msg *msg_new(void)
{
    ma_rtsp_msg *m = g_new0(ma_rtsp_msg, 1);
    m->headers = g_ptr_array_new_with_free_func(header_free);
    m->cseq = -1;
    m->session_timeout = -1;
    return m;
}

void ma_rtsp_msg_free(ma_rtsp_msg *msg)
{
    if (msg == NULL)
        return;
    g_free(msg->method);
    g_free(msg->uri);
    g_free(msg->reason);
    g_ptr_array_unref(msg->headers);
    g_free(msg->body);
    g_free(msg->session_id);
    g_free(msg);
}

const char *ma_rtsp_msg_header(const ma_rtsp_msg *msg, const char *name)
{
    if (msg == NULL || name == NULL)
        return NULL;
    for (guint i = 0; i < msg->headers->len; i++) {
        const ma_rtsp_header *h = g_ptr_array_index(msg->headers, i);
        if (g_ascii_strcasecmp(h->name, name) == 0)
            return h->value;
    }
    return NULL;
}

gboolean ma_rtsp_is_success(const ma_rtsp_msg *msg)
{
    return msg != NULL && msg->kind == MA_RTSP_RESPONSE && msg->status >= 200 && msg->status < 300;
}

/* ------------------------------------------------------------------ */
/* Start line                                                          */
/* ------------------------------------------------------------------ */

/* "RTSP/1.0" or "RTSP/2.0" exactly. */
static gboolean parse_version(const char *s, gsize len, int *major, int *minor)
{
    if (len != 8 || memcmp(s, "RTSP/", 5) != 0 || s[6] != '.')
        return FALSE;
    if (!g_ascii_isdigit(s[5]) || !g_ascii_isdigit(s[7]))
        return FALSE;
    *major = s[5] - '0';
    *minor = s[7] - '0';
    return (*major == 1 || *major == 2) && *minor == 0;
}

/* Next blank-separated word of line[*pos..len). */
static gboolean next_word(const char *line, gsize len, gsize *pos, const char **w, gsize *wlen)
{
    gsize i = *pos;
    while (i < len && is_blank(line[i]))
        i++;
    gsize start = i;
    while (i < len && !is_blank(line[i]))
        i++;
    *w = line + start;
    *wlen = i - start;
    *pos = i;
    return *wlen > 0;
}

static gboolean parse_status_line(const char *line, gsize len, ma_rtsp_msg *m, GError **err)
{
    const char *w;
    gsize wlen, pos = 0;
    int major = 0, minor = 0;
    guint64 code = 0;
    next_word(line, len, &pos, &w, &wlen);
    if (!parse_version(w, wlen, &major, &minor)) {
        g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                    "status line: unsupported RTSP version \"%.*s\"", (int)MIN(wlen, 16), w);
        return FALSE;
    }
    if (!next_word(line, len, &pos, &w, &wlen) || wlen != 3 || !parse_digits(w, 3, 3, &code) ||
        code < 100 || code > 599) {
        g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                    "status line: status code is not 3 digits 100-599");
        return FALSE;
    }
    /* The reason phrase may contain blanks and may be missing. */
    const char *reason = line + pos;
    gsize rlen = len - pos;
    trim(&reason, &rlen);
    if (m != NULL) {
        m->kind = MA_RTSP_RESPONSE;
        m->version_major = major;
        m->version_minor = minor;
        m->status = (int)code;
        m->reason = g_strndup(reason, rlen);
    }
    return TRUE;
}

static gboolean parse_request_line(const char *line, gsize len, ma_rtsp_msg *m, GError **err)
{
    const char *meth, *uri, *ver, *extra;
    gsize mlen, ulen, vlen, xlen, pos = 0;
    int major = 0, minor = 0;
    next_word(line, len, &pos, &meth, &mlen);
    for (gsize i = 0; i < mlen; i++) {
        if (!ma_rtsp_is_tchar((unsigned char)meth[i])) {
            g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                        "request line: method is not a token");
            return FALSE;
        }
    }
    if (mlen == 0 || !next_word(line, len, &pos, &uri, &ulen) ||
        !next_word(line, len, &pos, &ver, &vlen) || next_word(line, len, &pos, &extra, &xlen)) {
        g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                    "request line: expected METHOD URI RTSP/x.y");
        return FALSE;
    }
    if (!parse_version(ver, vlen, &major, &minor)) {
        g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                    "request line: unsupported RTSP version \"%.*s\"", (int)MIN(vlen, 16), ver);
        return FALSE;
    }
    if (m != NULL) {
        m->kind = MA_RTSP_REQUEST;
        m->version_major = major;
        m->version_minor = minor;
        m->method = g_strndup(meth, mlen);
        m->uri = g_strndup(uri, ulen);
    }
    return TRUE;
}

/* "RTSP/..." is a status line, anything else must be a request line. */
gboolean ma_rtsp_parse_start_line(const char *line, gsize len, ma_rtsp_msg *m, GError **err)
{
    if (len >= 5 && memcmp(line, "RTSP/", 5) == 0)
        return parse_status_line(line, len, m, err);
    return parse_request_line(line, len, m, err);
}

/* ------------------------------------------------------------------ */
/* Header section                                                      */
/* ------------------------------------------------------------------ */

/* The header-end scan (the struct is in rtsp_internal.h). */
void ma_rtsp_head_scan_init(ma_rtsp_head_scan *h)
{
    h->scan = 0;
    h->first_lf = G_MAXSIZE;
    h->end = 0;
}

gboolean ma_rtsp_scan_head_end(const uint8_t *p, gsize avail, ma_rtsp_head_scan *h)
{
    gsize i = h->scan;
    gsize limit = MIN(avail, (gsize)MA_RTSP_MAX_HEAD_BYTES);
    while (i < limit) {
        const uint8_t *q = memchr(p + i, '\n', limit - i);
        if (q == NULL) {
            i = limit;
            break;
        }
        i = (gsize)(q - p);
        if (h->first_lf == G_MAXSIZE)
            h->first_lf = i;
        if (i + 1 >= avail)
            break; /* need the next byte to decide */
        if (p[i + 1] == '\n') {
            h->end = i + 2;
            return TRUE;
        }
        if (p[i + 1] == '\r') {
            if (i + 2 >= avail)
                break;
            if (p[i + 2] == '\n') {
                h->end = i + 3;
                return TRUE;
            }
        }
        i++;
    }
    h->scan = i;
    return FALSE;
}

/* Next line of p[*pos..end): returns its start and length without CR LF. */
static gboolean next_line(const uint8_t *p, gsize end, gsize *pos, const char **line, gsize *len)
{
    if (*pos >= end)
        return FALSE;
    const uint8_t *q = memchr(p + *pos, '\n', end - *pos);
    gsize stop = q != NULL ? (gsize)(q - p) : end;
    *line = (const char *)p + *pos;
    *len = stop - *pos;
    if (*len > 0 && (*line)[*len - 1] == '\r')
        (*len)--;
    *pos = q != NULL ? stop + 1 : end;
    return TRUE;
}

static gboolean add_header_line(ma_rtsp_msg *m, const char *line, gsize len, GString **cur, GError **err)
{
    if (is_blank(line[0])) { /* continuation: fold into one space */
        if (*cur == NULL) {
            g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                        "continuation line before any header");
            return FALSE;
        }
        trim(&line, &len);
        if (len > 0) {
            if ((*cur)->len > 0)
                g_string_append_c(*cur, ' ');
            g_string_append_len(*cur, line, (gssize)len);
        }
        return TRUE;
    }
    const char *colon = memchr(line, ':', len);
    const char *name = line;
    gsize nlen = colon != NULL ? (gsize)(colon - line) : 0;
    while (nlen > 0 && is_blank(name[nlen - 1]))
        nlen--;
    for (gsize i = 0; i < nlen; i++) {
        if (!ma_rtsp_is_tchar((unsigned char)name[i]))
            nlen = 0;
    }
    if (nlen == 0) {
        g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                    "header %u: expected \"Name: value\"", m->headers->len + 1);
        return FALSE;
    }
    if (m->headers->len >= MA_RTSP_MAX_HEADERS) {
        g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_TOO_LARGE,
                    "more than %u headers", MA_RTSP_MAX_HEADERS);
        return FALSE;
    }
    const char *val = colon + 1;
    gsize vlen = len - (gsize)(val - line);
    trim(&val, &vlen);
    ma_rtsp_header *h = g_new0(ma_rtsp_header, 1);
    h->name = g_strndup(name, nlen);
    g_ptr_array_add(m->headers, h);
    *cur = g_string_new_len(val, (gssize)vlen);
    return TRUE;
}

/* Hand the folded value of the header being built to its struct. */
static void finish_header(ma_rtsp_msg *m, GString **cur)
{
    if (*cur == NULL)
        return;
    ma_rtsp_header *h = g_ptr_array_index(m->headers, m->headers->len - 1);
    h->value = g_string_free(*cur, FALSE);
    *cur = NULL;
}

/* "Session: id[;timeout=N][;other]" -> id and timeout. */
static void read_session(ma_rtsp_msg *m, const char *v)
{
    /* g_strsplit("") returns an empty vector: an empty or blank Session
     * header has no id and no parameters, and parts[0] is NULL. */
    gchar **parts = g_strsplit(v, ";", 0);
    if (parts[0] == NULL) {
        g_strfreev(parts);
        return;
    }
    const char *id = parts[0];
    gsize idlen = strlen(id);
    trim(&id, &idlen);
    if (idlen > 0)
        m->session_id = g_strndup(id, idlen);
    for (guint i = 1; parts[i] != NULL; i++) {
        const char *eq = strchr(parts[i], '=');
        const char *name = parts[i];
        const char *val = eq != NULL ? eq + 1 : "";
        gsize nlen = eq != NULL ? (gsize)(eq - name) : strlen(name);
        gsize vlen = strlen(val);
        guint64 t = 0;
        trim(&name, &nlen);
        trim(&val, &vlen);
        if (nlen == 7 && g_ascii_strncasecmp(name, "timeout", 7) == 0 &&
            parse_digits(val, vlen, 9, &t) && t <= MA_RTSP_MAX_TIMEOUT)
            m->session_timeout = (int)t;
    }
    g_strfreev(parts);
}

/* CSeq, Session, Content-Length.  Content-Length problems are errors
 * because they decide where the next message starts. */
static gboolean read_known_headers(ma_rtsp_msg *m, gsize *content_length, GError **err)
{
    gboolean have_cl = FALSE;
    *content_length = 0;
    for (guint i = 0; i < m->headers->len; i++) {
        const ma_rtsp_header *h = g_ptr_array_index(m->headers, i);
        guint64 v = 0;
        if (g_ascii_strcasecmp(h->name, "CSeq") == 0 && m->cseq < 0) {
            if (parse_digits(h->value, strlen(h->value), 9, &v))
                m->cseq = (int)v;
        } else if (g_ascii_strcasecmp(h->name, "Session") == 0 && m->session_id == NULL) {
            read_session(m, h->value);
        } else if (g_ascii_strcasecmp(h->name, "Content-Length") == 0) {
            gsize vlen = strlen(h->value);
            if (vlen == 0 || strspn(h->value, "0123456789") != vlen) {
                g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                            "Content-Length \"%.20s\" is not a number", h->value);
                return FALSE;
            }
            if (!parse_digits(h->value, vlen, 10, &v) || v > MA_RTSP_MAX_BODY) {
                g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_TOO_LARGE,
                            "Content-Length %.20s exceeds %u", h->value, MA_RTSP_MAX_BODY);
                return FALSE;
            }
            /* Two different lengths make the message boundary ambiguous. */
            if (have_cl && v != *content_length) {
                g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                            "conflicting Content-Length headers");
                return FALSE;
            }
            have_cl = TRUE;
            *content_length = (gsize)v;
        }
    }
    return TRUE;
}

ma_rtsp_msg *ma_rtsp_parse_head(const uint8_t *p, gsize head_len, gsize *content_length,
                                GError **err)
{
    const char *line;
    gsize len, pos = 0;
    GString *cur = NULL;
    if (head_len > MA_RTSP_MAX_HEAD_BYTES) {
        g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_TOO_LARGE,
                    "header section longer than %u bytes", MA_RTSP_MAX_HEAD_BYTES);
        return NULL;
    }
    if (memchr(p, '\0', head_len) != NULL) {
        g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED, "NUL byte in header section");
        return NULL;
    }
    ma_rtsp_msg *m = msg_new();
    if (!next_line(p, head_len, &pos, &line, &len) || !ma_rtsp_parse_start_line(line, len, m, err))
        goto fail;
    while (next_line(p, head_len, &pos, &line, &len) && len > 0) {
        if (!is_blank(line[0]))
            finish_header(m, &cur);
        if (!add_header_line(m, line, len, &cur, err))
            goto fail;
    }
    finish_header(m, &cur);
    if (!read_known_headers(m, content_length, err))
        goto fail;
    return m;
fail:
    if (cur != NULL)
        g_string_free(cur, TRUE);
    ma_rtsp_msg_free(m);
    return NULL;
}

void ma_rtsp_attach_body(ma_rtsp_msg *m, const uint8_t *body, gsize len, gsize head_len)
{
    if (len > 0) {
        m->body = g_malloc(len + 1);
        memcpy(m->body, body, len);
        m->body[len] = '\0';
        m->body_len = len;
    }
    m->wire_len = head_len + len;
}

ma_rtsp_msg *ma_rtsp_msg_parse(const uint8_t *data, gsize len, GError **err)
{
    ma_rtsp_head_scan h;
    gsize clen = 0;
    ma_rtsp_head_scan_init(&h);
    g_return_val_if_fail(err == NULL || *err == NULL, NULL);
    if (data == NULL || len == 0) {
        g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED, "empty message");
        return NULL;
    }
    if (!ma_rtsp_scan_head_end(data, len, &h)) {
        if (h.scan >= MA_RTSP_MAX_HEAD_BYTES)
            g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_TOO_LARGE,
                        "header section longer than %u bytes", MA_RTSP_MAX_HEAD_BYTES);
        else
            g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                        "no blank line ends the header section");
        return NULL;
    }
    gsize end = h.end;
    ma_rtsp_msg *m = ma_rtsp_parse_head(data, end, &clen, err);
    if (m == NULL)
        return NULL;
    if (clen > len - end) {
        g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                    "body truncated: Content-Length %" G_GSIZE_FORMAT " but %" G_GSIZE_FORMAT
                    " bytes present", clen, len - end);
        ma_rtsp_msg_free(m);
        return NULL;
    }
    ma_rtsp_attach_body(m, data + end, clen, end);
    return m;
}
