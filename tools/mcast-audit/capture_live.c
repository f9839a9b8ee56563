/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_live.c - capture from an interface until Ctrl-C or the duration
 * ends, then report what was seen.  Settings follow what loses least at
 * stream start (see notes): immediate mode, a 32 MiB buffer, a BPF filter
 * that keeps only what the audit reads. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include "capture_file.h"
#include "capture_internal.h"
#include "capture_live.h"
#include "rtsp.h"

#define LIVE_BUFFER_BYTES (32 * 1024 * 1024)
#define LIVE_SNAPLEN 262144
#define LIVE_POLL_MS 200

/* IGMP, MLD (ICMPv6, behind a hop-by-hop header), UDP, IP fragments and
 * RTSP on its ports; the same again behind VLAN tags. */
static char *build_filter(const ma_capture_opts *opts, gboolean vlan)
{
    GString *f = g_string_new("igmp or udp or (ip[6:2] & 0x1fff != 0)"
                              " or (ip6 and (ip6[6] == 0 or ip6[6] == 44 or icmp6))");
    g_string_append_printf(f, " or tcp port %u or tcp port %u", MA_RTSP_PORT, MA_RTSP_ALT_PORT);
    for (guint i = 0; i < opts->n_rtsp_ports; i++)
        g_string_append_printf(f, " or tcp port %u", opts->rtsp_ports[i]);
    if (vlan) {
        char *base = g_strdup(f->str);
        g_string_printf(f, "(%s) or (vlan and (%s))", base, base);
        g_free(base);
    }
    return g_string_free(f, FALSE);
}

static gboolean set_filter(pcap_t *pc, const ma_capture_opts *opts, GError **err)
{
    struct bpf_program prog;
    for (int vlan = 1; vlan >= 0; vlan--) {
        /* "vlan" is refused on links without tags (e.g. the "any" device) */
        char *expr = build_filter(opts, vlan);
        int rc = pcap_compile(pc, &prog, expr, 1, PCAP_NETMASK_UNKNOWN);
        g_free(expr);
        if (rc == 0) {
            rc = pcap_setfilter(pc, &prog);
            pcap_freecode(&prog);
            if (rc == 0)
                return TRUE;
            break;
        }
    }
    g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_LIVE, "%s: cannot set the capture filter: %s",
                opts->iface, pcap_geterr(pc));
    return FALSE;
}

/* A pcap_set_* result: those fail only on a handle already activated or a
 * value the device refuses, either of which stops the capture. */
static gboolean live_setting(int rc, const char *what, const char *iface, GError **err)
{
    if (rc == 0)
        return TRUE;
    g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_LIVE, "%s: cannot set the %s: %s", iface, what,
                pcap_statustostr(rc));
    return FALSE;
}

static pcap_t *open_live(const ma_capture_opts *opts, ma_capture_stats *st, GError **err)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t *pc = pcap_create(opts->iface, errbuf);
    if (!pc) {
        g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_LIVE, "%s: %s", opts->iface, errbuf);
        return NULL;
    }
    if (!live_setting(pcap_set_snaplen(pc, LIVE_SNAPLEN), "snapshot length", opts->iface, err) ||
        /* promiscuous: groups this host did not join, on a mirror port */
        !live_setting(pcap_set_promisc(pc, 1), "promiscuous mode", opts->iface, err) ||
        !live_setting(pcap_set_immediate_mode(pc, 1), "immediate mode", opts->iface, err) ||
        !live_setting(pcap_set_buffer_size(pc, LIVE_BUFFER_BYTES), "buffer size", opts->iface, err) ||
        !live_setting(pcap_set_timeout(pc, LIVE_POLL_MS), "read timeout", opts->iface, err)) {
        pcap_close(pc);
        return NULL;
    }
    /* Nanoseconds where the device has them; read_live asks which it got. */
    int prc = pcap_set_tstamp_precision(pc, PCAP_TSTAMP_PRECISION_NANO);
    if (prc != 0 && prc != PCAP_ERROR_TSTAMP_PRECISION_NOTSUP &&
        !live_setting(prc, "time stamp precision", opts->iface, err)) {
        pcap_close(pc);
        return NULL;
    }
    int rc = pcap_activate(pc);
    if (rc < 0) {
        const char *why = (rc == PCAP_ERROR && *pcap_geterr(pc)) ? pcap_geterr(pc) : pcap_statustostr(rc);
        if (rc == PCAP_ERROR_PERM_DENIED)
            g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_LIVE,
                        "%s: %s (capturing needs root or CAP_NET_RAW)", opts->iface, why);
        else
            g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_LIVE, "%s: %s", opts->iface, why);
        pcap_close(pc);
        return NULL;
    }
    if (rc > 0)
        ma_capture_warn(st, "%s: %s", opts->iface, pcap_statustostr(rc));
    int dlt = pcap_datalink(pc);
    if (!ma_decode_link_supported(dlt)) {
        ma_capture_linktype_error(err, opts->iface, dlt);
        pcap_close(pc);
        return NULL;
    }
    if (!set_filter(pc, opts, err) || pcap_setnonblock(pc, 1, errbuf) != 0) {
        if (err && !*err)
            g_set_error(err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_LIVE, "%s: %s", opts->iface, errbuf);
        pcap_close(pc);
        return NULL;
    }
    return pc;
}

/* Wait for packets, at most until the deadline (0: none). */
static void wait_packets(pcap_t *pc, gint64 deadline_us)
{
    int ms = LIVE_POLL_MS;
    if (deadline_us) {
        gint64 left = (deadline_us - g_get_monotonic_time()) / 1000;
        ms = (int)CLAMP(left, 0, LIVE_POLL_MS);
    }
    struct pollfd pfd = { .fd = pcap_get_selectable_fd(pc), .events = POLLIN };
    if (pfd.fd >= 0)
        (void)poll(&pfd, 1, ms); /* EINTR: Ctrl-C, seen by the caller */
    else
        g_usleep((gulong)ms * 1000);
}

/* pcap_stats counts are 32-bit and wrap: keep 64-bit totals. */
static void read_drops(pcap_t *pc, const ma_capture_opts *opts, ma_capture_stats *st,
                       struct pcap_stat *last)
{
    struct pcap_stat ps;
    if (pcap_stats(pc, &ps) != 0)
        return;
    if (opts->lock != NULL)
        g_mutex_lock(opts->lock);
    st->kernel_drops += (guint32)(ps.ps_drop - last->ps_drop);
    st->iface_drops += (guint32)(ps.ps_ifdrop - last->ps_ifdrop);
    if (opts->lock != NULL)
        g_mutex_unlock(opts->lock);
    *last = ps;
}

static void report_drops(const char *iface, ma_capture_stats *st)
{
    if (st->kernel_drops || st->iface_drops)
        ma_capture_warn(st, "%s: %" G_GUINT64_FORMAT " packets dropped by the kernel and %"
                        G_GUINT64_FORMAT " by the interface; loss figures may include them",
                        iface, st->kernel_drops, st->iface_drops);
}

static void read_live(pcap_t *pc, const ma_capture_opts *opts, ma_decoder *dec, ma_capture_stats *st)
{
    gboolean nano = pcap_get_tstamp_precision(pc) == PCAP_TSTAMP_PRECISION_NANO;
    int dlt = pcap_datalink(pc);
    gint64 deadline = opts->duration_s > 0
        ? g_get_monotonic_time() + (gint64)(opts->duration_s * G_USEC_PER_SEC) : 0;
    ma_progress pr = { .enabled = opts->progress };
    guint64 frame = 0;
    struct pcap_stat last = { 0 };
    gint64 next_stats = 0;
    for (;;) {
        if (g_get_monotonic_time() >= next_stats) {
            read_drops(pc, opts, st, &last); /* once a second: a probe shows them */
            next_stats = g_get_monotonic_time() + G_USEC_PER_SEC;
        }
        if (ma_capture_sigint_seen() || (deadline && g_get_monotonic_time() >= deadline)) {
            st->interrupted = TRUE;
            break;
        }
        struct pcap_pkthdr *h;
        const u_char *data;
        int r = pcap_next_ex(pc, &h, &data);
        if (r == 1 && frame < G_MAXUINT32) {
            frame++;
            ma_frame_in in = { dlt, (uint32_t)frame, ma_capture_ts_ns(h, nano), data, h->caplen, h->len };
            ma_decode_frame_locked(dec, opts, &in);
        } else if (r == 0) {
            wait_packets(pc, deadline);
        } else if (r == PCAP_ERROR_BREAK) {
            continue; /* the flag is checked at the top */
        } else if (r < 0) {
            st->truncated = TRUE;
            ma_capture_warn(st, "%s: capture stopped after frame %" G_GUINT64_FORMAT " (%s)",
                            opts->iface, frame, pcap_geterr(pc));
            break;
        }
        ma_progress_tick(&pr, frame, -1, -1);
    }
    ma_progress_done(&pr);
    read_drops(pc, opts, st, &last);
    report_drops(opts->iface, st);
}

gboolean ma_capture_live(const ma_capture_opts *opts, ma_decoder *dec,
                         ma_capture_stats *st, GError **err)
{
    pcap_t *pc = open_live(opts, st, err);
    if (!pc)
        return FALSE;
    ma_capture_set_open(opts, st, opts->iface);
    ma_capture_sigint_install(pc);
    read_live(pc, opts, dec, st);
    ma_capture_sigint_restore();
    pcap_close(pc);
    ma_capture_set_open(opts, st, NULL);
    return TRUE;
}
