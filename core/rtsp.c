/* rtsp.c - RTSP/1.0 (RFC 2326) and RTSP/2.0 (RFC 7826) messages, a framer
 * for one direction of a TCP stream, and CSeq pairing.
 *
 * Everything here reads untrusted bytes: every index is checked against the
 * length before use, numbers are parsed digit by digit with a bound, and the
 * framer never holds more than max_buffer bytes of an unfinished message. */
#include "rtsp.h"

#include <string.h>

G_DEFINE_QUARK(ma-rtsp-error-quark, ma_rtsp_error)

/* ------------------------------------------------------------------ */
/* Small lexical helpers                                               */
/* ------------------------------------------------------------------ */

static gboolean is_blank(char c) { return c == ' ' || c == '\t'; }

/* RFC 7826 tchar: visible ASCII except separators. */
static gboolean is_tchar(unsigned char c)
{
    if (c <= 0x20 || c >= 0x7f)
        return FALSE;
    return strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

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

static const char *const known_methods[] = {
    "OPTIONS", "DESCRIBE", "ANNOUNCE", "SETUP", "PLAY", "PAUSE", "TEARDOWN",
    "GET_PARAMETER", "SET_PARAMETER", "REDIRECT", "RECORD", "PLAY_NOTIFY",
};

typedef enum { LOOKS_NO, LOOKS_YES, LOOKS_MAYBE } looks_result;

/* Compare the available bytes with a fixed prefix: a full match is YES,
 * a shorter input that agrees so far is MAYBE (wait for more bytes). */
static looks_result match_prefix(const uint8_t *p, gsize avail, const char *prefix, gsize plen)
{
    gsize n = avail < plen ? avail : plen;
    if (memcmp(p, prefix, n) != 0)
        return LOOKS_NO;
    return n == plen ? LOOKS_YES : LOOKS_MAYBE;
}

/* Does a line starting at p look like an RTSP start line?  Used only to
 * resynchronise, so it insists on a known method followed by a space, or on
 * "RTSP/" (a status line); extension methods are accepted only in sync. */
static looks_result looks_like_start(const uint8_t *p, gsize avail)
{
    looks_result best = match_prefix(p, avail, "RTSP/", 5);
    char pat[24];
    if (best == LOOKS_YES)
        return best;
    for (gsize i = 0; i < G_N_ELEMENTS(known_methods); i++) {
        gsize n = strlen(known_methods[i]);
        memcpy(pat, known_methods[i], n);
        pat[n] = ' ';
        looks_result r = match_prefix(p, avail, pat, n + 1);
        if (r == LOOKS_YES)
            return r;
        if (r == LOOKS_MAYBE)
            best = LOOKS_MAYBE;
    }
    return best;
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
        if (!is_tchar((unsigned char)meth[i])) {
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

/* line excludes the line terminator.  m may be NULL (syntax check only). */
static gboolean parse_start_line(const char *line, gsize len, ma_rtsp_msg *m, GError **err)
{
    if (len >= 5 && memcmp(line, "RTSP/", 5) == 0)
        return parse_status_line(line, len, m, err);
    return parse_request_line(line, len, m, err);
}

/* ------------------------------------------------------------------ */
/* Header section                                                      */
/* ------------------------------------------------------------------ */

/* Find the end of the header section: the byte after the blank line that
 * follows the start line ("\n\n" or "\n\r\n").  Scanning resumes at *scan
 * (the framer keeps it between feeds so that a message arriving in many
 * small pieces is scanned once, not once per piece).
 * Returns TRUE and h->end when found; otherwise h->scan is where to resume. */
typedef struct {
    gsize scan;     /* where the search resumes */
    gsize first_lf; /* first LF of the message, G_MAXSIZE until seen */
    gsize end;      /* set when found */
} head_scan;

static void head_scan_init(head_scan *h)
{
    h->scan = 0;
    h->first_lf = G_MAXSIZE;
    h->end = 0;
}

static gboolean scan_head_end(const uint8_t *p, gsize avail, head_scan *h)
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
        if (!is_tchar((unsigned char)name[i]))
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
    gchar **parts = g_strsplit(v, ";", 0);
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

/* Parse p[0..head_len), which ends with the blank line. */
static ma_rtsp_msg *parse_head(const uint8_t *p, gsize head_len, gsize *content_length, GError **err)
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
    if (!next_line(p, head_len, &pos, &line, &len) || !parse_start_line(line, len, m, err))
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

static void attach_body(ma_rtsp_msg *m, const uint8_t *body, gsize len, gsize head_len)
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
    head_scan h;
    gsize clen = 0;
    head_scan_init(&h);
    g_return_val_if_fail(err == NULL || *err == NULL, NULL);
    if (data == NULL || len == 0) {
        g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED, "empty message");
        return NULL;
    }
    if (!scan_head_end(data, len, &h)) {
        if (h.scan >= MA_RTSP_MAX_HEAD_BYTES)
            g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_TOO_LARGE,
                        "header section longer than %u bytes", MA_RTSP_MAX_HEAD_BYTES);
        else
            g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                        "no blank line ends the header section");
        return NULL;
    }
    gsize end = h.end;
    ma_rtsp_msg *m = parse_head(data, end, &clen, err);
    if (m == NULL)
        return NULL;
    if (clen > len - end) {
        g_set_error(err, MA_RTSP_ERROR, MA_RTSP_ERROR_MALFORMED,
                    "body truncated: Content-Length %" G_GSIZE_FORMAT " but %" G_GSIZE_FORMAT
                    " bytes present", clen, len - end);
        ma_rtsp_msg_free(m);
        return NULL;
    }
    attach_body(m, data + end, clen, end);
    return m;
}

/* ------------------------------------------------------------------ */
/* Framer                                                              */
/* ------------------------------------------------------------------ */

typedef enum {
    ST_RESYNC, /* looking for a line that starts an RTSP message */
    ST_SYNC,   /* at a message (or "$" frame) boundary, or inside a message */
    ST_SKIP,   /* skipping skip_left bytes (interleaved data, oversize body) */
} framer_state;

struct ma_rtsp_framer {
    GByteArray *buf;
    gsize off; /* bytes of buf already consumed (compacted after each feed) */
    gsize max_buffer;
    framer_state state;
    gboolean mid_line; /* RESYNC: buf[off] is inside a line, not at its start */
    /* SYNC, message in progress: */
    head_scan hs;        /* header-end search, kept between feeds */
    gboolean start_checked;
    ma_rtsp_msg *head;   /* headers parsed, waiting for head_len + body_len bytes */
    gsize head_len, body_len;
    gsize skip_left;
    ma_rtsp_interleaved_cb icb;
    guint errors;
    guint64 skipped;
};

ma_rtsp_framer *ma_rtsp_framer_new(gsize max_buffer)
{
    ma_rtsp_framer *f = g_new0(ma_rtsp_framer, 1);
    f->buf = g_byte_array_new();
    f->max_buffer = max_buffer > 0 ? max_buffer : MA_RTSP_DEFAULT_MAX_BUFFER;
    /* A capture may start mid-stream: find a start line first. */
    f->state = ST_RESYNC;
    head_scan_init(&f->hs);
    return f;
}

void ma_rtsp_framer_free(ma_rtsp_framer *f)
{
    if (f == NULL)
        return;
    ma_rtsp_msg_free(f->head);
    g_byte_array_unref(f->buf);
    g_free(f);
}

void ma_rtsp_framer_set_interleaved_cb(ma_rtsp_framer *f, ma_rtsp_interleaved_cb cb) { f->icb = cb; }
guint ma_rtsp_framer_errors(const ma_rtsp_framer *f) { return f->errors; }
guint64 ma_rtsp_framer_skipped_bytes(const ma_rtsp_framer *f) { return f->skipped; }

static void reset_message(ma_rtsp_framer *f)
{
    ma_rtsp_msg_free(f->head);
    f->head = NULL;
    f->head_len = f->body_len = 0;
    head_scan_init(&f->hs);
    f->start_checked = FALSE;
}

/* Give up on the current message: count it, drop `drop` bytes and look for
 * the next start line.  Dropping nothing means the byte at hand is not a
 * line start (binary data); otherwise the last byte dropped tells. */
static void fail_message(ma_rtsp_framer *f, gsize drop)
{
    f->errors++;
    f->mid_line = drop == 0 || f->buf->data[f->off + drop - 1] != '\n';
    f->off += drop;
    reset_message(f);
    f->state = ST_RESYNC;
}

/* RESYNC: discard bytes up to the next line start that looks like an RTSP
 * start line.  Everything scanned is discarded, except a short tail that
 * may be the beginning of one, so the work is linear in the input. */
static gboolean step_resync(ma_rtsp_framer *f)
{
    const uint8_t *p = f->buf->data + f->off;
    gsize avail = f->buf->len - f->off, i = 0;
    gboolean at_start = !f->mid_line;
    while (i < avail) {
        if (at_start) {
            looks_result r = looks_like_start(p + i, avail - i);
            if (r != LOOKS_NO) {
                f->skipped += i;
                f->off += i;
                f->mid_line = FALSE;
                if (r == LOOKS_MAYBE)
                    return FALSE;
                f->state = ST_SYNC;
                reset_message(f);
                return TRUE;
            }
        }
        const uint8_t *q = memchr(p + i, '\n', avail - i);
        if (q == NULL) {
            i = avail;
            at_start = FALSE;
            break;
        }
        i = (gsize)(q - p) + 1;
        at_start = TRUE;
    }
    f->skipped += i;
    f->off += i;
    f->mid_line = !at_start;
    return FALSE;
}

static gboolean step_skip(ma_rtsp_framer *f)
{
    gsize avail = f->buf->len - f->off;
    gsize n = MIN(avail, f->skip_left);
    f->off += n;
    f->skip_left -= n;
    if (f->skip_left == 0)
        f->state = ST_SYNC;
    return f->skip_left == 0 && f->off < f->buf->len;
}

/* "$" channel length(16, big endian) data: RFC 2326 section 10.12. */
static gboolean step_interleaved(ma_rtsp_framer *f, void *user)
{
    const uint8_t *p = f->buf->data + f->off;
    if (f->buf->len - f->off < 4)
        return FALSE;
    unsigned channel = p[1];
    gsize length = ((gsize)p[2] << 8) | p[3];
    if (f->icb != NULL)
        f->icb(channel, length, user);
    f->off += 4;
    f->skip_left = length;
    f->state = ST_SKIP;
    return TRUE;
}

static gboolean emit_if_complete(ma_rtsp_framer *f, ma_rtsp_msg_cb cb, void *user)
{
    gsize avail = f->buf->len - f->off;
    gsize need = f->head_len + f->body_len;
    if (avail < need)
        return FALSE;
    ma_rtsp_msg *m = f->head;
    f->head = NULL;
    attach_body(m, f->buf->data + f->off + f->head_len, f->body_len, f->head_len);
    f->off += need;
    reset_message(f);
    if (cb != NULL)
        cb(m, user);
    else
        ma_rtsp_msg_free(m);
    return TRUE;
}

/* The header section is complete: parse it and wait for the body. */
static gboolean got_head(ma_rtsp_framer *f, gsize end, ma_rtsp_msg_cb cb, void *user)
{
    gsize clen = 0, avail = f->buf->len - f->off;
    ma_rtsp_msg *m = parse_head(f->buf->data + f->off, end, &clen, NULL);
    if (m == NULL) {
        /* Drop only the start line: a start line among the "headers" of a
         * truncated message is found again by the resync. */
        fail_message(f, f->hs.first_lf + 1);
        return TRUE;
    }
    f->head = m;
    f->head_len = end;
    f->body_len = clen;
    if (avail < end + clen && end + clen > f->max_buffer) {
        /* Too big to hold, but its length is known: skip it exactly. */
        f->errors++;
        f->skip_left = end + clen - avail;
        f->off = f->buf->len;
        reset_message(f);
        f->state = ST_SKIP;
        return FALSE;
    }
    return emit_if_complete(f, cb, user);
}

static gboolean step_sync(ma_rtsp_framer *f, ma_rtsp_msg_cb cb, void *user)
{
    const uint8_t *p = f->buf->data + f->off;
    gsize avail = f->buf->len - f->off;
    if (avail == 0)
        return FALSE;
    if (f->head != NULL)
        return emit_if_complete(f, cb, user);
    if (f->hs.scan == 0 && (p[0] == '\r' || p[0] == '\n')) {
        f->off++; /* stray line ends between messages (keep-alives) */
        return TRUE;
    }
    if (f->hs.scan == 0 && p[0] == '$')
        return step_interleaved(f, user);
    if (f->hs.scan == 0 && !is_tchar(p[0])) {
        fail_message(f, 0); /* binary data where a message should start */
        return TRUE;
    }
    gboolean found = scan_head_end(p, avail, &f->hs);
    if (f->hs.first_lf != G_MAXSIZE && !f->start_checked) {
        gsize l = f->hs.first_lf;
        if (l > 0 && p[l - 1] == '\r')
            l--;
        if (!parse_start_line((const char *)p, l, NULL, NULL)) {
            fail_message(f, f->hs.first_lf + 1);
            return TRUE;
        }
        f->start_checked = TRUE;
    }
    if (found)
        return got_head(f, f->hs.end, cb, user);
    if (f->hs.scan >= MA_RTSP_MAX_HEAD_BYTES || avail > f->max_buffer) {
        fail_message(f, avail);
        return TRUE;
    }
    return FALSE;
}

static void feed_chunk(ma_rtsp_framer *f, const uint8_t *data, guint len,
                       ma_rtsp_msg_cb cb, void *user)
{
    /* Interleaved media is most of the stream: skip it without copying. */
    if (f->state == ST_SKIP && f->off == f->buf->len) {
        gsize n = MIN((gsize)len, f->skip_left);
        f->skip_left -= n;
        data += n;
        len -= (guint)n;
        if (f->skip_left == 0)
            f->state = ST_SYNC;
    }
    g_byte_array_append(f->buf, data, len);
    for (;;) {
        gboolean more;
        if (f->off >= f->buf->len)
            break;
        switch (f->state) {
        case ST_RESYNC: more = step_resync(f); break;
        case ST_SKIP: more = step_skip(f); break;
        default: more = step_sync(f, cb, user); break;
        }
        if (!more)
            break;
    }
    /* Compact once per feed, not once per message (linear time). */
    if (f->off > 0)
        g_byte_array_remove_range(f->buf, 0, (guint)f->off);
    f->off = 0;
}

void ma_rtsp_framer_feed(ma_rtsp_framer *f, const uint8_t *data, gsize len,
                         ma_rtsp_msg_cb cb, void *user)
{
    const gsize chunk = 1u << 30; /* GByteArray lengths are guint */
    if (f == NULL || data == NULL)
        return;
    while (len > 0) {
        guint n = (guint)MIN(len, chunk);
        feed_chunk(f, data, n, cb, user);
        data += n;
        len -= n;
    }
}

void ma_rtsp_framer_gap(ma_rtsp_framer *f)
{
    if (f == NULL)
        return;
    f->skipped += f->buf->len - f->off;
    g_byte_array_set_size(f->buf, 0);
    f->off = 0;
    reset_message(f);
    f->skip_left = 0;
    f->state = ST_RESYNC;
    f->mid_line = FALSE; /* the next byte may well start a message */
}

/* ------------------------------------------------------------------ */
/* Pairing requests and replies by CSeq                                */
/* ------------------------------------------------------------------ */

struct ma_rtsp_pairing {
    GHashTable *by_cseq; /* GINT_TO_POINTER(cseq) -> request */
    GDestroyNotify free_request;
};

ma_rtsp_pairing *ma_rtsp_pairing_new(GDestroyNotify free_request)
{
    ma_rtsp_pairing *p = g_new0(ma_rtsp_pairing, 1);
    p->by_cseq = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_request);
    p->free_request = free_request;
    return p;
}

void ma_rtsp_pairing_free(ma_rtsp_pairing *p)
{
    if (p == NULL)
        return;
    g_hash_table_destroy(p->by_cseq);
    g_free(p);
}

static void drop_request(ma_rtsp_pairing *p, gpointer request)
{
    if (p->free_request != NULL && request != NULL)
        p->free_request(request);
}

void ma_rtsp_pairing_add(ma_rtsp_pairing *p, int cseq, gpointer request)
{
    if (p == NULL)
        return;
    if (cseq < 0) {
        drop_request(p, request);
        return;
    }
    gpointer key = GINT_TO_POINTER(cseq);
    if (!g_hash_table_contains(p->by_cseq, key) &&
        g_hash_table_size(p->by_cseq) >= MA_RTSP_PAIRING_MAX) {
        /* Unanswered requests pile up on a broken connection: forget the
         * oldest (lowest CSeq) so the table stays bounded. */
        GHashTableIter it;
        gpointer k;
        int lowest = G_MAXINT;
        g_hash_table_iter_init(&it, p->by_cseq);
        while (g_hash_table_iter_next(&it, &k, NULL))
            lowest = MIN(lowest, GPOINTER_TO_INT(k));
        g_hash_table_remove(p->by_cseq, GINT_TO_POINTER(lowest));
    }
    g_hash_table_replace(p->by_cseq, key, request);
}

gpointer ma_rtsp_pairing_take(ma_rtsp_pairing *p, int cseq)
{
    gpointer value = NULL;
    if (p == NULL || cseq < 0)
        return NULL;
    if (!g_hash_table_steal_extended(p->by_cseq, GINT_TO_POINTER(cseq), NULL, &value))
        return NULL;
    return value;
}

guint ma_rtsp_pairing_size(const ma_rtsp_pairing *p)
{
    return p != NULL ? g_hash_table_size(p->by_cseq) : 0;
}
