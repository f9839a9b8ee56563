/* SPDX-License-Identifier: GPL-2.0-or-later */
/* transport_internal.h - what the Transport header parser's files share
 * (not API).  transport.c: specs and the header's top-level grammar;
 * transport_cursor.c: the lexer; transport_params.c: one parameter;
 * transport_host.c: the address parameters; transport_describe.c: queries. */
#ifndef MA_TRANSPORT_INTERNAL_H
#define MA_TRANSPORT_INTERNAL_H

#include "rtsp_internal.h"
#include "transport.h"

/* The header being parsed and the first error met in it. */
typedef struct {
    const char *s;
    gsize pos, len;
    gsize err_off;
    GError *err;
} ma_tp_cursor;

/* A piece of the header, by byte offset (offsets are what errors report). */
typedef struct {
    gsize off, len;
} ma_tp_span;

/* How to read a number: name for messages, digit count, bounds. */
typedef struct {
    const char *name;
    guint digits;
    guint64 min, max;
} ma_tp_num_rule;

/* The parameter being parsed: its name, whether "=" followed, where. */
typedef struct {
    const char *name;
    gboolean has_value;
    gsize eq_off;
} ma_tp_param;

/* ---- transport_cursor.c ---- */

/* Record the first error only ("offset N: message"); always FALSE. */
G_GNUC_PRINTF(3, 4)
gboolean ma_tp_fail(ma_tp_cursor *c, gsize off, const char *fmt, ...);
char ma_tp_peek(const ma_tp_cursor *c); /* the byte at the cursor, NUL at the end */
/* LWS: blanks, and CR LF followed by a blank (a folded header line). */
void ma_tp_skip_lws(ma_tp_cursor *c);
/* A token at the cursor; returns its length (0 if none). */
gsize ma_tp_take_token(ma_tp_cursor *c);
/* After a parameter value only LWS and then ";" "," or the end may follow. */
gboolean ma_tp_expect_param_end(ma_tp_cursor *c, const char *name);
/* 1..r->digits decimal digits, value within r's bounds. */
gboolean ma_tp_take_uint(ma_tp_cursor *c, const ma_tp_num_rule *r, guint64 *out);
/* a[-b] with both ends within the rule and b >= a. */
gboolean ma_tp_take_range(ma_tp_cursor *c, const ma_tp_num_rule *rule, ma_port_range *r);
/* A quoted string at the cursor (on its '"'): the inner text bounds.  A
 * backslash quotes the next character (RFC 7826 quoted-pair). */
gboolean ma_tp_take_quoted(ma_tp_cursor *c, ma_tp_span *inner);

/* ---- transport_host.c ---- */

/* Free the host text and reset to "absent" (ports -1). */
void ma_tp_host_clear(ma_tp_host *h);
/* destination[=host] / source=host (RFC 2326); quotes tolerated. */
gboolean ma_tp_parse_host_param(ma_tp_cursor *c, const ma_tp_param *p, ma_tp_host *h);
/* dest_addr / src_addr = addr-list: quoted-addr *("/" quoted-addr) (RFC
 * 7826).  The first address is kept; the second's port (the RTCP one) goes
 * to port2; the others are checked and dropped. */
gboolean ma_tp_parse_addr_list(ma_tp_cursor *c, const ma_tp_param *p, ma_tp_host *h);

/* ---- transport_params.c ---- */

/* One ";"-separated parameter at the cursor, into s. */
gboolean ma_tp_parse_param(ma_tp_cursor *c, ma_transport_spec *s);

#endif
