/* SPDX-License-Identifier: GPL-2.0-or-later */
/* metrics_http.h - the probe's HTTP endpoint: GET /metrics only, served by
 * a GThreadedSocketService whose accept loop runs in a thread of its own
 * (the capture loop keeps the main thread).  Requests are untrusted: the
 * head is read up to MA_HTTP_HEAD_MAX bytes within MA_HTTP_TIMEOUT_S, at
 * most MA_HTTP_WORKERS at once; anything else is answered 400/404/405/431
 * and the connection closed. */
#ifndef MA_METRICS_HTTP_H
#define MA_METRICS_HTTP_H

#include <glib.h>
#include "metrics_text.h"

#define MA_HTTP_HEAD_MAX 8192
#define MA_HTTP_TIMEOUT_S 10
#define MA_HTTP_WORKERS 4

/* Renders the exposition (called from a worker thread; lock what you read). */
typedef GString *(*ma_http_render_fn)(void *ud, ma_om_format format);
/* Called about once a second from the server's thread. */
typedef void (*ma_http_tick_fn)(void *ud);

typedef struct ma_http_server ma_http_server;

/* Parses "ADDR:PORT" or "[IPV6]:PORT" (an IP literal; port 0 = any free
 * one).  FALSE with a one-line message. */
gboolean ma_http_parse_listen(const char *text, char **addr, guint16 *port, GError **err);
/* Binds at once (a taken port fails here), then serves until stopped. */
ma_http_server *ma_http_server_start(const char *listen, ma_http_render_fn render,
                                     ma_http_tick_fn tick, void *ud, GError **err);
/* "127.0.0.1:9464", "[::1]:9464": the address actually bound. */
const char *ma_http_server_address(const ma_http_server *s);
void ma_http_server_stop(ma_http_server *s);

/* The reply to one request head (exposed for tests): status and, for a
 * GET /metrics, the format asked for.  Returns the HTTP status. */
int ma_http_route(const char *head, gsize len, ma_om_format *format);

#endif
