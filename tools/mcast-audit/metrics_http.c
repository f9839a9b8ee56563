/* SPDX-License-Identifier: GPL-2.0-or-later */
/* metrics_http.c - GET /metrics over GLib's GThreadedSocketService
 * (metrics_http.h says what is accepted). */
#include "metrics_http.h"

#include <gio/gio.h>
#include <string.h>

struct ma_http_server {
    GMainContext *ctx;
    GMainLoop *loop;
    GThread *thread;
    GSocketService *service;
    ma_http_render_fn render;
    ma_http_tick_fn tick;
    void *ud;
    char *address;
};

gboolean ma_http_parse_listen(const char *text, char **addr, guint16 *port, GError **err)
{
    const char *colon = strrchr(text, ':');
    gboolean ok = colon != NULL && colon > text;
    char *a = NULL;
    if (ok && text[0] == '[') {
        ok = colon[-1] == ']' && colon - text > 2;
        a = ok ? g_strndup(text + 1, (gsize)(colon - text - 2)) : NULL;
    } else if (ok) {
        a = g_strndup(text, (gsize)(colon - text));
        ok = strchr(a, ':') == NULL; /* IPv6 needs brackets */
    }
    guint64 p = 0;
    ok = ok && g_hostname_is_ip_address(a) &&
         g_ascii_string_to_unsigned(colon + 1, 10, 0, 65535, &p, NULL);
    if (!ok) {
        g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                    "--listen: '%s' is not ADDR:PORT or [IPV6]:PORT (an IP address and a port 0-65535)",
                    text);
        g_free(a);
        return FALSE;
    }
    *addr = a;
    *port = (guint16)p;
    return TRUE;
}

/* The value of header name (case-insensitive) in head, or NULL. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): head first, as it reads
static char *header_value(const char *head, const char *name)
{
    gsize n = strlen(name);
    for (const char *line = strstr(head, "\r\n"); line != NULL; line = strstr(line, "\r\n")) {
        line += 2;
        if (g_ascii_strncasecmp(line, name, n) == 0 && line[n] == ':') {
            const char *v = line + n + 1;
            const char *end = strstr(v, "\r\n");
            return g_strstrip(g_strndup(v, end != NULL ? (gsize)(end - v) : strlen(v)));
        }
    }
    return NULL;
}

int ma_http_route(const char *head, gsize len, ma_om_format *format)
{
    if (len == 0 || memchr(head, '\0', len) != NULL)
        return 400;
    const char *eol = strstr(head, "\r\n");
    if (eol == NULL)
        return 400;
    char *line = g_strndup(head, (gsize)(eol - head));
    char **parts = g_strsplit(line, " ", 4);
    g_free(line);
    int status = 200;
    if (g_strv_length(parts) != 3 || !g_str_has_prefix(parts[2], "HTTP/1."))
        status = 400;
    else if (strcmp(parts[0], "GET") != 0)
        status = 405;
    else if (strcmp(parts[1], "/metrics") != 0 && !g_str_has_prefix(parts[1], "/metrics?"))
        status = 404;
    g_strfreev(parts);
    if (status == 200) {
        char *accept = header_value(head, "Accept");
        *format = ma_om_negotiate(accept);
        g_free(accept);
    }
    return status;
}

static const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 431: return "Request Header Fields Too Large";
    default: return "Bad Request";
    }
}

/* Reads the request head: the bytes up to the blank line, at most
 * MA_HTTP_HEAD_MAX, within MA_HTTP_TIMEOUT_S in all.  Returns the status
 * so far (200: a whole head in buf). */
static int read_head(GInputStream *in, char *buf, gsize *len)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)MA_HTTP_TIMEOUT_S * G_USEC_PER_SEC;
    *len = 0;
    while (*len < MA_HTTP_HEAD_MAX) {
        if (g_get_monotonic_time() > deadline)
            return 408;
        gssize n = g_input_stream_read(in, buf + *len, MA_HTTP_HEAD_MAX - *len, NULL, NULL);
        if (n <= 0)
            return n == 0 ? 400 : 408; /* closed early, or the socket timed out */
        *len += (gsize)n;
        buf[*len] = '\0';
        if (strstr(buf, "\r\n\r\n") != NULL)
            return 200;
    }
    return 431;
}

static void reply(GOutputStream *out, int status, ma_om_format format, const GString *body)
{
    GString *head = g_string_new(NULL);
    g_string_append_printf(head, "HTTP/1.1 %d %s\r\nConnection: close\r\n", status, reason(status));
    if (status == 405)
        g_string_append(head, "Allow: GET\r\n");
    g_string_append_printf(head, "Content-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                           status == 200 ? ma_om_content_type(format) : "text/plain; charset=utf-8",
                           body->len);
    gsize done = 0;
    if (g_output_stream_write_all(out, head->str, head->len, &done, NULL, NULL))
        (void)g_output_stream_write_all(out, body->str, body->len, &done, NULL, NULL);
    g_string_free(head, TRUE);
}

static gboolean on_run(GThreadedSocketService *svc, GSocketConnection *conn, GObject *source,
                       gpointer data)
{
    (void)svc;
    (void)source;
    ma_http_server *s = data;
    g_socket_set_timeout(g_socket_connection_get_socket(conn), MA_HTTP_TIMEOUT_S);
    char *buf = g_malloc(MA_HTTP_HEAD_MAX + 1);
    gsize len = 0;
    int status = read_head(g_io_stream_get_input_stream(G_IO_STREAM(conn)), buf, &len);
    ma_om_format format = MA_OM_PROMETHEUS;
    if (status == 200)
        status = ma_http_route(buf, len, &format);
    g_free(buf);
    GString *body = status == 200 ? s->render(s->ud, format) : NULL;
    if (body == NULL) {
        body = g_string_new(status == 200 ? "" : reason(status));
        g_string_append_c(body, '\n');
    }
    reply(g_io_stream_get_output_stream(G_IO_STREAM(conn)), status, format, body);
    g_string_free(body, TRUE);
    (void)g_io_stream_close(G_IO_STREAM(conn), NULL, NULL);
    return TRUE;
}

static gboolean on_tick(gpointer data)
{
    ma_http_server *s = data;
    if (s->tick != NULL)
        s->tick(s->ud);
    return G_SOURCE_CONTINUE;
}

static gpointer serve(gpointer data)
{
    ma_http_server *s = data;
    g_main_context_push_thread_default(s->ctx);
    g_main_loop_run(s->loop);
    g_main_context_pop_thread_default(s->ctx);
    return NULL;
}

static char *bound_address(GSocketAddress *sa)
{
    GInetSocketAddress *isa = G_INET_SOCKET_ADDRESS(sa);
    char *ip = g_inet_address_to_string(g_inet_socket_address_get_address(isa));
    guint16 port = g_inet_socket_address_get_port(isa);
    char *text = strchr(ip, ':') != NULL ? g_strdup_printf("[%s]:%u", ip, port)
                                         : g_strdup_printf("%s:%u", ip, port);
    g_free(ip);
    return text;
}

ma_http_server *ma_http_server_start(const char *listen, ma_http_render_fn render,
                                     ma_http_tick_fn tick, void *ud, GError **err)
{
    char *ip = NULL;
    guint16 port = 0;
    if (!ma_http_parse_listen(listen, &ip, &port, err))
        return NULL;
    ma_http_server *s = g_new0(ma_http_server, 1);
    s->render = render;
    s->tick = tick;
    s->ud = ud;
    s->ctx = g_main_context_new();
    /* the service accepts in the context that is thread-default when it starts */
    g_main_context_push_thread_default(s->ctx);
    s->service = g_threaded_socket_service_new(MA_HTTP_WORKERS);
    GSocketAddress *sa = g_inet_socket_address_new_from_string(ip, port);
    GSocketAddress *effective = NULL;
    GError *e = NULL;
    gboolean ok = g_socket_listener_add_address(G_SOCKET_LISTENER(s->service), sa,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &effective, &e);
    if (ok) {
        s->address = bound_address(effective);
        g_signal_connect(s->service, "run", G_CALLBACK(on_run), s);
        g_socket_service_start(s->service);
        GSource *t = g_timeout_source_new_seconds(1);
        g_source_set_callback(t, on_tick, s, NULL);
        g_source_attach(t, s->ctx);
        g_source_unref(t);
    }
    g_main_context_pop_thread_default(s->ctx);
    g_clear_object(&effective);
    g_object_unref(sa);
    g_free(ip);
    if (!ok) {
        g_set_error(err, G_IO_ERROR, e->code, "--listen %s: %s", listen, e->message);
        g_error_free(e);
        g_object_unref(s->service);
        g_main_context_unref(s->ctx);
        g_free(s);
        return NULL;
    }
    s->loop = g_main_loop_new(s->ctx, FALSE);
    s->thread = g_thread_new("metrics-http", serve, s);
    return s;
}

const char *ma_http_server_address(const ma_http_server *s)
{
    return s->address;
}

static gboolean quit(gpointer data)
{
    ma_http_server *s = data;
    g_socket_service_stop(s->service);
    g_socket_listener_close(G_SOCKET_LISTENER(s->service));
    g_main_loop_quit(s->loop);
    return G_SOURCE_REMOVE;
}

void ma_http_server_stop(ma_http_server *s)
{
    if (s == NULL)
        return;
    g_main_context_invoke(s->ctx, quit, s);
    g_thread_join(s->thread);
    /* the threaded service's pool finishes its requests when it is finalized */
    g_object_unref(s->service);
    g_main_loop_unref(s->loop);
    g_main_context_unref(s->ctx);
    g_free(s->address);
    g_free(s);
}
