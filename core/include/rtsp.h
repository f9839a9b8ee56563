/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtsp.h - RTSP/1.0 (RFC 2326) and RTSP/2.0 (RFC 7826) messages and framing.
 * The framer turns one direction of a TCP byte stream into whole messages;
 * the message parser takes one complete message (the plugin hands it the
 * bytes Wireshark reassembled).  All input is untrusted. */
#ifndef MA_RTSP_H
#define MA_RTSP_H

#include <glib.h>
#include <stdint.h>
#include "decode_events.h"

#define MA_RTSP_ERROR (ma_rtsp_error_quark())
GQuark ma_rtsp_error_quark(void);
typedef enum { MA_RTSP_ERROR_MALFORMED, MA_RTSP_ERROR_TOO_LARGE } ma_rtsp_error_code;

typedef enum { MA_RTSP_REQUEST, MA_RTSP_RESPONSE } ma_rtsp_kind;

/* TCP ports where RTSP is decoded without being asked: the well-known port
 * (RFC 2326 / RFC 7826) and the usual unprivileged alternative. */
#define MA_RTSP_PORT 554u
#define MA_RTSP_ALT_PORT 8554u

/* Limits applied to untrusted input (exceeding one is an error). */
#define MA_RTSP_MAX_HEAD_BYTES 65536u   /* 64 KiB: start line + headers + blank line */
#define MA_RTSP_MAX_HEADERS 256u
#define MA_RTSP_MAX_BODY 16777216u /* 16 MiB: Content-Length */
#define MA_RTSP_MAX_TIMEOUT 999999999          /* Session ;timeout= (9 digits) */
#define MA_RTSP_DEFAULT_MAX_BUFFER 262144u /* 256 KiB: framer, when 0 is given */

typedef struct {
    char *name;  /* as written */
    char *value; /* continuation lines folded into one space, outer blanks trimmed */
} ma_rtsp_header;

typedef struct {
    ma_rtsp_kind kind;
    int version_major, version_minor; /* 1.0 or 2.0 */
    char *method;   /* request: "SETUP" */
    char *uri;      /* request: "rtsp://..." */
    int status;     /* response: 200 */
    char *reason;   /* response: "OK" */
    GPtrArray *headers; /* ma_rtsp_header*, in order */
    uint8_t *body;  /* Content-Length bytes, NUL-terminated copy; NULL if none */
    gsize body_len;
    /* Convenience, from the headers: */
    int cseq;              /* -1 when absent/invalid */
    char *session_id;      /* Session: id (without ;timeout=) or NULL */
    int session_timeout;   /* seconds from ;timeout=N, -1 when absent */
    gsize wire_len;        /* bytes this message took in the stream */
} ma_rtsp_msg;

/* Parse one complete message (start line, headers, blank line, body).
 * Returns NULL with err set on malformed input (MA_RTSP_ERROR_TOO_LARGE when
 * a limit above is exceeded; a body shorter than Content-Length is
 * MA_RTSP_ERROR_MALFORMED).
 * Bytes after the message are ignored; msg->wire_len says where it ended. */
ma_rtsp_msg *ma_rtsp_msg_parse(const uint8_t *data, gsize len, GError **err);
void ma_rtsp_msg_free(ma_rtsp_msg *msg);
/* First header of that name, case-insensitive; NULL if absent. */
const char *ma_rtsp_msg_header(const ma_rtsp_msg *msg, const char *name);
gboolean ma_rtsp_is_success(const ma_rtsp_msg *msg); /* response 2xx */
/* The standard reason phrase of an RTSP status code ("Unauthorized"), or ""
 * when unknown (rtsp_status.c: the one list the verdicts and reports use). */
const char *ma_rtsp_reason_phrase(int status);
/* 454, 455, 457, 459 or 5xx: an answer that says a running session went
 * wrong (what MA108 reports), as opposed to negotiation refusals. */
gboolean ma_rtsp_status_is_session_error(int status);

/* ---- Framing one direction of a byte stream ---- */
/* An interleaved binary frame's header (RFC 2326 section 10.12): '$',
 * channel, 16-bit big-endian length; the data follows.  FALSE unless data
 * starts with '$' and holds the 4 header bytes. */
gboolean ma_rtsp_interleaved_header(const uint8_t *data, gsize len, unsigned *channel,
                                    gsize *length);
typedef struct ma_rtsp_framer ma_rtsp_framer;
/* Called for each whole message; the callee owns msg. */
typedef void (*ma_rtsp_msg_cb)(ma_rtsp_msg *msg, void *user);
/* Called for each interleaved "$" binary frame (channel, its length and its
 * data once all of it has arrived); data is NULL when the frame was larger
 * than the framer may hold and was skipped unread. */
typedef void (*ma_rtsp_interleaved_cb)(unsigned channel, const uint8_t *data, gsize length,
                                       void *user);

/* max_buffer bounds the bytes held for an unfinished message; beyond it the
 * framer drops its buffer, counts an error and resynchronises. */
ma_rtsp_framer *ma_rtsp_framer_new(gsize max_buffer);
void ma_rtsp_framer_free(ma_rtsp_framer *f);
void ma_rtsp_framer_set_interleaved_cb(ma_rtsp_framer *f, ma_rtsp_interleaved_cb cb);
/* Called for each message the framer gives up on, with why (one of the
 * MA_DE_RTSP_* decode events) and the user of the feed that found it. */
typedef void (*ma_rtsp_framer_error_cb)(ma_decode_event why, void *user);
void ma_rtsp_framer_set_error_cb(ma_rtsp_framer *f, ma_rtsp_framer_error_cb cb);
/* Feed the next bytes; calls cb for every message completed by them. */
void ma_rtsp_framer_feed(ma_rtsp_framer *f, const uint8_t *data, gsize len,
                         ma_rtsp_msg_cb cb, void *user);
/* Bytes are missing before the next feed: drop the partial message and
 * resynchronise at the next line that starts an RTSP message. */
void ma_rtsp_framer_gap(ma_rtsp_framer *f);
guint ma_rtsp_framer_errors(const ma_rtsp_framer *f); /* malformed/oversize messages dropped */
/* Bytes discarded without being a message or an interleaved frame: garbage
 * skipped while resynchronising and partial messages dropped by a gap. */
guint64 ma_rtsp_framer_skipped_bytes(const ma_rtsp_framer *f);

/* ---- Pairing requests and replies by CSeq (per connection) ---- */
typedef struct ma_rtsp_pairing ma_rtsp_pairing;
ma_rtsp_pairing *ma_rtsp_pairing_new(GDestroyNotify free_request);
void ma_rtsp_pairing_free(ma_rtsp_pairing *p);
#define MA_RTSP_PAIRING_MAX 1024u /* outstanding requests kept per connection */
/* Remember a request under its CSeq (replaces an older one with the same CSeq).
 * Takes ownership: a request with cseq < 0 is freed at once; when the table
 * is full the lowest CSeq is forgotten first. */
void ma_rtsp_pairing_add(ma_rtsp_pairing *p, int cseq, gpointer request);
/* Take the request for a reply's CSeq; NULL if none. Caller owns it. */
gpointer ma_rtsp_pairing_take(ma_rtsp_pairing *p, int cseq);
guint ma_rtsp_pairing_size(const ma_rtsp_pairing *p);
/* Drops (and frees) the waiting requests for which drop(cseq, request, ud)
 * is TRUE; returns how many. */
guint ma_rtsp_pairing_drop_if(ma_rtsp_pairing *p, GHRFunc drop, gpointer ud);

#endif
