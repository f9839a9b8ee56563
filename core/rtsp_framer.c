/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtsp_framer.c - cuts one direction of an RTSP TCP stream into whole
 * messages, skips interleaved "$" frames and resynchronises after garbage
 * or a gap.  It never holds more than max_buffer bytes of an unfinished
 * message, and its work is linear in the input. */
#include "rtsp_internal.h"

#include <string.h>

#include "bigendian.h"

/* ------------------------------------------------------------------ */
/* Recognising a start line while resynchronising                      */
/* ------------------------------------------------------------------ */

/* The start lines resynchronisation accepts, each with its space. */
typedef struct {
    const char *text;
    gsize len;
} start_pattern;
static const start_pattern start_patterns[] = {
    {"RTSP/", 5},           {"OPTIONS ", 8},        {"DESCRIBE ", 9}, {"ANNOUNCE ", 9},
    {"SETUP ", 6},          {"PLAY ", 5},           {"PAUSE ", 6},    {"TEARDOWN ", 9},
    {"GET_PARAMETER ", 14}, {"SET_PARAMETER ", 14}, {"REDIRECT ", 9}, {"RECORD ", 7},
    {"PLAY_NOTIFY ", 12},
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
 * "RTSP/" (a status line); extension methods are accepted only in sync.
 * The first byte decides cheaply (a line of garbage, a bare line feed,
 * costs one table look-up); only a line that starts like one of the
 * patterns is compared, with at most 13 short memcmp: the cost per line
 * start is bounded whatever the garbage. */
static looks_result looks_like_start(const uint8_t *p, gsize avail)
{
    static const char firsts[] = "RODASPTG";
    if (avail == 0 || p[0] == 0 || strchr(firsts, p[0]) == NULL)
        return LOOKS_NO;
    looks_result best = LOOKS_NO;
    for (gsize i = 0; i < G_N_ELEMENTS(start_patterns); i++) {
        if ((uint8_t)start_patterns[i].text[0] != p[0])
            continue;
        looks_result r = match_prefix(p, avail, start_patterns[i].text, start_patterns[i].len);
        if (r == LOOKS_YES)
            return r;
        if (r == LOOKS_MAYBE)
            best = LOOKS_MAYBE;
    }
    return best;
}

/* ------------------------------------------------------------------ */
/* Framer state and steps                                              */
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
    ma_rtsp_head_scan hs;        /* header-end search, kept between feeds */
    gboolean start_checked;
    ma_rtsp_msg *head;   /* headers parsed, waiting for head_len + body_len bytes */
    gsize head_len, body_len;
    gsize skip_left;
    ma_rtsp_interleaved_cb icb;
    ma_rtsp_framer_error_cb ecb;
    void *user; /* the current feed's */
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
    ma_rtsp_head_scan_init(&f->hs);
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
void ma_rtsp_framer_set_error_cb(ma_rtsp_framer *f, ma_rtsp_framer_error_cb cb)
{
    f->ecb = cb;
}

static void count_error(ma_rtsp_framer *f, ma_decode_event why)
{
    f->errors++;
    if (f->ecb != NULL)
        f->ecb(why, f->user);
}
guint ma_rtsp_framer_errors(const ma_rtsp_framer *f) { return f->errors; }
guint64 ma_rtsp_framer_skipped_bytes(const ma_rtsp_framer *f) { return f->skipped; }

static void reset_message(ma_rtsp_framer *f)
{
    ma_rtsp_msg_free(f->head);
    f->head = NULL;
    f->head_len = f->body_len = 0;
    ma_rtsp_head_scan_init(&f->hs);
    f->start_checked = FALSE;
}

/* Give up on the current message: count it, drop `drop` bytes and look for
 * the next start line.  Dropping nothing means the byte at hand is not a
 * line start (binary data); otherwise the last byte dropped tells. */
static void fail_message(ma_rtsp_framer *f, gsize drop, ma_decode_event why)
{
    count_error(f, why);
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

gboolean ma_rtsp_interleaved_header(const uint8_t *data, gsize len, unsigned *channel,
                                    gsize *length)
{
    if (data == NULL || len < 4 || data[0] != '$')
        return FALSE;
    *channel = data[1];
    *length = ma_rd16(data + 2);
    return TRUE;
}

/* An interleaved frame: handed over whole (its RTP/RTCP is analysed) once
 * all of it is buffered; one larger than the buffer may hold is skipped. */
static gboolean step_interleaved(ma_rtsp_framer *f, void *user)
{
    unsigned channel = 0;
    gsize length = 0;
    gsize avail = f->buf->len - f->off;
    if (!ma_rtsp_interleaved_header(f->buf->data + f->off, avail, &channel, &length))
        return FALSE;
    if (4u + length <= f->max_buffer) {
        if (avail < 4u + length)
            return FALSE; /* wait for the rest */
        if (f->icb != NULL)
            f->icb(channel, f->buf->data + f->off + 4, length, user);
        f->off += 4u + length;
        return f->off < f->buf->len;
    }
    if (f->icb != NULL)
        f->icb(channel, NULL, length, user);
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
    ma_rtsp_attach_body(m, f->buf->data + f->off + f->head_len, f->body_len, f->head_len);
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
    ma_rtsp_msg *m = ma_rtsp_parse_head(f->buf->data + f->off, end, &clen, NULL);
    if (m == NULL) {
        /* Drop only the start line: a start line among the "headers" of a
         * truncated message is found again by the resync. */
        fail_message(f, f->hs.first_lf + 1, MA_DE_RTSP_MALFORMED_HEADER);
        return TRUE;
    }
    f->head = m;
    f->head_len = end;
    f->body_len = clen;
    if (avail < end + clen && end + clen > f->max_buffer) {
        /* Too big to hold, but its length is known: skip it exactly. */
        count_error(f, MA_DE_RTSP_MESSAGE_TOO_LARGE);
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
    if (f->hs.scan == 0 && !ma_rtsp_is_tchar(p[0])) {
        fail_message(f, 0, MA_DE_RTSP_NOT_TEXT); /* binary data where a message should start */
        return TRUE;
    }
    gboolean found = ma_rtsp_scan_head_end(p, avail, &f->hs);
    if (f->hs.first_lf != G_MAXSIZE && !f->start_checked) {
        gsize l = f->hs.first_lf;
        if (l > 0 && p[l - 1] == '\r')
            l--;
        if (!ma_rtsp_parse_start_line((const char *)p, l, NULL, NULL)) {
            fail_message(f, f->hs.first_lf + 1, MA_DE_RTSP_BAD_START_LINE);
            return TRUE;
        }
        f->start_checked = TRUE;
    }
    if (found)
        return got_head(f, f->hs.end, cb, user);
    if (f->hs.scan >= MA_RTSP_MAX_HEAD_BYTES || avail > f->max_buffer) {
        fail_message(f, avail, MA_DE_RTSP_HEADER_TOO_LONG);
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
    f->user = user;
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

